"""``manage.py db_worker`` starts django-tasks-db's worker again when it loses the database.

Failed before (outside attack): a terminated PostgreSQL connection ended the worker for
good, and e-mails, retries and scheduled go-lives waited for someone to restart it.
"""

import pytest
from django.core.management import get_commands
from django.db import InterfaceError, OperationalError
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker as library_worker

from common.management.commands import db_worker
from medinfo.tasks import send_decision_email
from tests.task_results import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE


@pytest.fixture
def sleeps(monkeypatch):
    """The waits before each new start, without waiting."""
    waited = []
    monkeypatch.setattr(db_worker.time, "sleep", waited.append)
    return waited


def test_db_worker_is_the_restarting_one():
    """``manage.py db_worker`` names this project's command, not the library's."""
    assert get_commands()["db_worker"] == "common"


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
    ],
    ids=["operational", "interface"],
)
def test_worker_that_loses_the_database_starts_again_and_runs_the_queue(
    database_queue, sleeps, monkeypatch, error
):
    """The real worker fails twice on the database, then starts again and runs the task
    that was waiting; the waits grow."""
    result = send_decision_email.enqueue(revision_id=0)  # fails, but is run
    checks = iter([error, error])

    def failing_check():
        failure = next(checks, None)
        if failure is not None:
            raise failure

    monkeypatch.setattr(library_worker, "close_old_connections", failing_check)
    run_worker()
    assert sleeps == [1, 2]
    result.refresh()
    assert result.status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)


def test_other_errors_still_stop_the_worker(database_queue, sleeps, monkeypatch):
    """A bug is not retried for ever: only a lost database starts the worker again."""

    def broken():
        raise ValueError("a bug")

    monkeypatch.setattr(library_worker, "close_old_connections", broken)
    with pytest.raises(ValueError, match="a bug"):
        run_worker()
    assert sleeps == []
