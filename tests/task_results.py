"""The task worker in tests: running it as a deployment does, and the results it leaves behind."""

import signal
from smtplib import SMTPException

from django.core.management import call_command
from django_tasks_db.backend import DatabaseBackend

from medinfo.tasks import send_decision_email


def failed_task_results(revision_ids):
    """One failed e-mail attempt per revision, as the task worker records it in the database."""
    queue = DatabaseBackend("default", {})  # the tests' own backend keeps no results
    for revision_id in revision_ids:
        result = queue.enqueue(send_decision_email, [], {"revision_id": revision_id})
        result.db_result.set_failed(SMTPException("mail server down"))


def run_worker():
    """Run ``manage.py db_worker`` until no task is due, as a deployment's worker would."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    finally:
        for sig, handler in handlers.items():  # the worker installs its own
            signal.signal(sig, handler)
