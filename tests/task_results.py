"""Task results as the worker leaves them in the database, for tests of admin pages."""

from smtplib import SMTPException

from django_tasks_db.backend import DatabaseBackend

from medinfo.tasks import send_decision_email


def failed_task_results(revision_ids):
    """One failed e-mail attempt per revision, as the task worker records it in the database."""
    queue = DatabaseBackend("default", {})  # the tests' own backend keeps no results
    for revision_id in revision_ids:
        result = queue.enqueue(send_decision_email, [], {"revision_id": revision_id})
        result.db_result.set_failed(SMTPException("mail server down"))
