"""The side effects of workflow transitions, run so that none of them can fail a transition.

A transition commits first; only then does anything leave the database:

* E-mails are queued (``enqueue_on_commit``) and sent by the task worker
  (``manage.py db_worker``), never inside a request, so a slow or absent mail
  server cannot turn Submit or Approve into an error page.
* The search index, the A–Z names and the page cache are brought up to date at
  once, in the process that made the change (``run_on_commit``), so the public
  site changes as soon as the reviewer is told it has. If that fails, the error
  is logged and the same work is queued as a retry.

Each task retries itself with exponential back-off (``retry_on_failure``):
django-tasks records every failed attempt, with its traceback, as a failed task
result (admin: Task results); the attempt queues the next one
``MEDINFO_TASK_RETRY_SECONDS × 2^(attempt-1)`` seconds later, at most
``MEDINFO_TASK_RETRY_MAX_SECONDS``. Attempt ``MEDINFO_TASK_ATTEMPTS`` gives up
with ``RetriesExhausted``, which the admin lists as "gave up".

Tasks take ids, not objects, and read the current rows when they run, so a late
retry never acts on an outdated copy.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

from . import notifications
from .models import Article, ArticleRevision
from .signals import live_revision_changed

if TYPE_CHECKING:
    from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


class RetriesExhausted(Exception):
    """A task failed on every one of its attempts; nothing will retry it by itself."""


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after failed attempt number ``attempt`` (1, 2, …) before the next."""
    seconds = settings.MEDINFO_TASK_RETRY_SECONDS * 2 ** (attempt - 1)
    return timedelta(seconds=min(seconds, settings.MEDINFO_TASK_RETRY_MAX_SECONDS))


def enqueue(task_: Task, *, run_after: datetime | None = None, **kwargs: Any) -> None:
    """Queue ``task_``; a failure to queue is logged, never raised into the caller."""
    try:
        task_.using(run_after=run_after).enqueue(**kwargs)
    except Exception:
        logger.exception("Could not queue %s %s", task_.name, kwargs)


def enqueue_on_commit(task_: Task, **kwargs: Any) -> None:
    """Queue ``task_`` once the current transaction commits; a rollback queues nothing."""
    transaction.on_commit(partial(enqueue, task_, **kwargs), robust=True)


def run_on_commit(task_: Task, **kwargs: Any) -> None:
    """Run ``task_`` in this process once the transaction commits; retry it queued if it fails."""
    transaction.on_commit(partial(_run_now, task_, kwargs), robust=True)


def _run_now(task_: Task, kwargs: dict[str, Any]) -> None:
    # retry_on_failure has already logged the error and queued attempt 2.
    with suppress(Exception):
        task_.call(**kwargs)


def queue_again(result: "DBTaskResult") -> None:
    """Queue the task of a failed task result (a ``DBTaskResult``) again, from attempt 1."""
    kwargs = {**result.args_kwargs["kwargs"], "attempt": 1}
    enqueue(replace(result.task, run_after=None), **kwargs)


def schedule_retry(task_: Task, *, attempt: int, **kwargs: Any) -> None:
    """Queue attempt ``attempt + 1`` of ``task_`` after the back-off for ``attempt``."""
    if not task_.get_backend().supports_defer:
        # A backend that runs tasks at once (the tests' ImmediateBackend) cannot wait.
        logger.error("%s cannot be retried on the %s backend", task_.name, task_.backend)
        return
    run_after = timezone.now() + retry_delay(attempt)
    enqueue(task_, run_after=run_after, attempt=attempt + 1, **kwargs)


@contextmanager
def retry_on_failure(task_: Task, *, attempt: int, **kwargs: Any) -> Iterator[None]:
    """Run the block; if it fails, queue the next attempt (or give up) and re-raise.

    Re-raising records this attempt, with its traceback, as a failed task result.
    """
    try:
        yield
    except Exception as error:
        if attempt >= settings.MEDINFO_TASK_ATTEMPTS:
            logger.error("%s %s gave up after %d attempts", task_.name, kwargs, attempt)
            raise RetriesExhausted(
                f"{task_.name} failed {attempt} times; the last error was {error!r}"
            ) from error
        logger.warning(
            "%s %s failed (attempt %d); retrying in %s",
            *(task_.name, kwargs, attempt, retry_delay(attempt)),
            exc_info=True,
        )
        schedule_retry(task_, attempt=attempt, **kwargs)
        raise


@task()
def send_submission_emails(*, revision_id: int, attempt: int = 1) -> None:
    """E-mail the pharmacist reviewers that revision ``revision_id`` awaits review."""
    with retry_on_failure(send_submission_emails, attempt=attempt, revision_id=revision_id):
        notifications.revision_submitted(revision=ArticleRevision.objects.get(pk=revision_id))


@task()
def send_decision_email(*, revision_id: int, attempt: int = 1) -> None:
    """E-mail the author of revision ``revision_id`` the reviewer's decision."""
    with retry_on_failure(send_decision_email, attempt=attempt, revision_id=revision_id):
        notifications.revision_decided(revision=ArticleRevision.objects.get(pk=revision_id))


@task()
def refresh_publication(
    *, article_id: int, previous_reviewer_id: int | None = None, attempt: int = 1
) -> None:
    """Bring search, A–Z names and cached pages in line with article ``article_id``'s live revision."""
    with retry_on_failure(
        refresh_publication,
        attempt=attempt,
        article_id=article_id,
        previous_reviewer_id=previous_reviewer_id,
    ):
        article = Article.objects.select_related("live_revision").get(pk=article_id)
        announce_live_revision_change(article=article, previous_reviewer_id=previous_reviewer_id)


def announce_live_revision_change(*, article: Article, previous_reviewer_id: int | None) -> None:
    """Tell the read side (search, A–Z names, cached pages) through ``live_revision_changed``.

    Every receiver runs even when one fails; the failures are then raised together,
    so the task is retried and each receiver, reading the current state, catches up.
    """
    responses = live_revision_changed.send_robust(
        sender=Article, article=article, previous_reviewer_id=previous_reviewer_id
    )
    errors = [response for _, response in responses if isinstance(response, Exception)]
    if errors:
        raise ExceptionGroup(f"Publishing changes to article {article.pk} failed", errors)
