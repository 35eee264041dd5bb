"""No side effect can fail a workflow transition; failed side effects are retried later.

These tests commit for real (``transaction=True``), queue tasks on the database
backend as production does, and run the real worker (``manage.py db_worker
--batch``) in this process. Transitions go through the admin over HTTP with
DEBUG off, so an exception would be the visitor's 500 page.

On the old code (2d77638) all 14 cases of the table failed with a 500 page: mail
was sent inside the request's on-commit callback, and the A–Z, cache and
publication faults escaped from it too, although the transition had been saved;
a search-index fault (then inside the transaction) also rolled back Approve and
Unpublish. Nothing was ever retried, and there was no task queue to look at.
"""

import email
import socket
from contextlib import contextmanager
from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import DatabaseError, transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from medinfo import tasks, workflow
from medinfo.models import Article, ArticleRevision, RevisionStatus
from medinfo.roles import sync_role_groups
from tests.admin_forms import inline_rows
from tests.factories import (
    DEFAULT_SOURCE,
    UserFactory,
    draft_article,
    editor_user,
    milnacipran,
    reviewer_user,
    submitted_revision,
)
from tests.task_results import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TITLE = "What Is Milnacipran Used For?"
READY, FAILED, SUCCESSFUL = "READY", "FAILED", "SUCCESSFUL"


@pytest.fixture(autouse=True)
def database_queue(settings):
    """The production task backend; the role groups a flushed database lost."""
    settings.TASKS = DATABASE_QUEUE
    settings.MEDINFO_TASK_RETRY_SECONDS = 30
    settings.MEDINFO_TASK_ATTEMPTS = 8
    sync_role_groups()


def run_due_retries():
    """Let the back-off pass: make every waiting retry due now, then run the worker."""
    DBTaskResult.objects.filter(status=READY).update(run_after=timezone.now())
    run_worker()


def results(task):
    """(attempt, status) of each result of ``task``, oldest first."""
    rows = DBTaskResult.objects.filter(task_path=task.module_path).order_by("enqueued_at")
    return [(row.args_kwargs["kwargs"].get("attempt", 1), row.status) for row in rows]


def browser(user):
    """A logged-in admin client that shows the 500 page instead of raising."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


# Transitions, each made over HTTP by the person who may make it -------------
# Each is (prepare, perform): prepare builds the state before any fault begins and
# returns the revision; perform makes the transition and returns (response, saved).


def nothing_yet(people):
    return None


def submit(people, revision=None):
    """The editor adds the article and presses Submit for review."""
    form = {"title": TITLE, "lead": "Milnacipran eases fibromyalgia pain.", "body": "",
            "search_description": "", "draft_version": "", "kind": "uses",
            "drug": people["drug"].pk, "condition": "", "slug": "uses", "ads_enabled": "on",
            "_submit": "Submit for review",
            **inline_rows("references", [{**DEFAULT_SOURCE, "ORDER": "1"}])}  # fmt: skip
    response = browser(people["editor"]).post(reverse("admin:medinfo_article_add"), form)
    revision = ArticleRevision.objects.get(article__drug=people["drug"])
    return response, revision.status == RevisionStatus.IN_REVIEW


def in_review(people):
    return submitted_revision(author=people["editor"], drug=people["drug"], title=TITLE)


def decide(people, revision, button, comment=""):
    url = reverse("admin:medinfo_articlerevision_review", args=[revision.pk])
    response = browser(people["reviewer"]).post(url, {"comment": comment, button: "1"})
    revision.refresh_from_db()
    return response


def approve(people, revision):
    response = decide(people, revision, "_approve")
    return response, Article.objects.get(pk=revision.article_id).live_revision_id == revision.pk


def request_changes(people, revision):
    response = decide(people, revision, "_request_changes", "Add the age limit.")
    return response, revision.status == RevisionStatus.CHANGES_REQUESTED


def live(people):
    revision = in_review(people)
    return workflow.approve_revision(revision=revision, reviewer_user=people["reviewer"])


def unpublish(people, revision):
    url = reverse("admin:medinfo_article_unpublish", args=[revision.article_id])
    response = browser(people["reviewer"]).post(url, {"reason": "Withdrawn from the market."})
    return response, Article.objects.get(pk=revision.article_id).live_revision_id is None


TRANSITIONS = {
    "submit": (nothing_yet, submit, [tasks.send_submission_emails]),
    "approve": (in_review, approve, [tasks.refresh_publication, tasks.send_decision_email]),
    "request changes": (in_review, request_changes, [tasks.send_decision_email]),
    "unpublish": (live, unpublish, [tasks.refresh_publication]),
}


# Faults, each a context manager that breaks one side effect ------------------


def closed_port():
    """A local TCP port nothing listens on: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_refused():
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port(),
    )


def smtp_error():
    return mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=SMTPException("451 Temporary local problem - please try later"),
    )


def failing(target, error):
    return lambda: mock.patch(target, side_effect=error)


FAULTS = {
    "mail refused": (smtp_refused, [tasks.send_submission_emails, tasks.send_decision_email]),
    "mail SMTP error": (smtp_error, [tasks.send_submission_emails, tasks.send_decision_email]),
    "publication signal": (
        failing("medinfo.tasks.announce_live_revision_change", RuntimeError("boom")),
        [tasks.refresh_publication],
    ),
    "search index": (
        failing("website.publication.reindex_article", DatabaseError("canceling statement")),
        [tasks.refresh_publication],
    ),
    "A–Z rebuild": (
        failing("website.publication.refresh_public_names", DatabaseError("deadlock detected")),
        [tasks.refresh_publication],
    ),
    "cache invalidation": (
        failing("website.publication.bump_tags", ConnectionError("Redis is down")),
        [tasks.refresh_publication],
    ),
}

CASES = [
    pytest.param(transition, fault, id=f"{transition}, {fault} fails")
    for transition, (*_, transition_tasks) in TRANSITIONS.items()
    for fault, (_, fault_tasks) in FAULTS.items()
    if set(transition_tasks) & set(fault_tasks)
]


@pytest.fixture
def people():
    return {"drug": milnacipran(), "editor": editor_user(), "reviewer": reviewer_user()}


def public_listing(query):
    """What a visitor finds for ``query``: (in search results, named in the drug A–Z)."""
    client = Client()
    return (
        TITLE in client.get("/search/", {"q": query}).content.decode(),
        query in client.get("/drugs/").content.decode().lower(),
    )


def assert_side_effects_done(transition, people):
    """What the transition should have caused, as the people involved would notice."""
    if transition == "submit":
        assert [m.to for m in mail.outbox] == [[people["reviewer"].email]]
    elif transition in ("approve", "request changes"):
        assert [m.to for m in mail.outbox] == [[people["editor"].email]]
    if transition in ("approve", "unpublish"):
        expected = transition == "approve"
        assert public_listing("milnacipran") == (expected, expected)


@pytest.mark.parametrize(("transition", "fault"), CASES)
def test_transition_succeeds_and_the_side_effect_is_retried(people, transition, fault):
    """The admin redirects (no 500), the state is saved, and the broken work succeeds later."""
    prepare, perform, transition_tasks = TRANSITIONS[transition]
    make_fault, broken_tasks = FAULTS[fault]
    [broken] = [task for task in transition_tasks if task in broken_tasks]
    revision = prepare(people)
    run_worker()
    mail.outbox.clear()
    with make_fault():
        response, saved = perform(people, revision)
        assert (response.status_code, saved) == (302, True)
        run_worker()
        retry = DBTaskResult.objects.get(task_path=broken.module_path, status=READY)
        assert retry.args_kwargs["kwargs"]["attempt"] == 2
        assert retry.run_after > timezone.now() + timedelta(seconds=20)
    run_due_retries()
    assert results(broken)[-1] == (2, SUCCESSFUL)
    assert_side_effects_done(transition, people)


def test_a_rolled_back_transition_queues_nothing(people):
    """A transition whose transaction rolls back sends no e-mail and queues no task."""
    article = draft_article(author=people["editor"], drug=people["drug"])
    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.submit_revision(revision=article.latest_revision, submitter=people["editor"])
        raise RuntimeError("something later in the same transaction failed")
    run_worker()
    assert (DBTaskResult.objects.count(), mail.outbox) == (0, [])


def test_a_queue_that_cannot_be_written_does_not_fail_approval(people):
    """Approve still redirects and publishes when the e-mail cannot be queued."""
    revision = in_review(people)
    with mock.patch(
        "django_tasks_db.backend.DatabaseBackend._task_to_db_task",
        side_effect=DatabaseError("could not extend file: No space left on device"),
    ):
        response, published = approve(people, revision)
    assert (response.status_code, published) == (302, True)


# A real mail server that goes away and comes back ----------------------------


class Mailbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content)
        self.messages.append((message["Subject"], sorted(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


@contextmanager
def mail_server(mailbox, port):
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield
    finally:
        controller.stop()


def test_mail_outage_delays_the_e_mail_not_the_approval(people, settings):
    """Mail server down: submit and approve succeed; the e-mail arrives once it is back."""
    port, mailbox = closed_port(), Mailbox()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    with mail_server(mailbox, port):
        response, _ = submit(people)
        run_worker()
    assert response.status_code == 302
    assert mailbox.messages == [(f"Review requested: {TITLE}", [people["reviewer"].email])]
    # The server is gone: the reviewer approves all the same.
    revision = ArticleRevision.objects.get(article__drug=people["drug"])
    assert approve(people, revision)[0].status_code == 302
    run_worker()
    assert results(tasks.send_decision_email) == [(1, FAILED), (2, READY)]
    failed = DBTaskResult.objects.get(
        task_path=tasks.send_decision_email.module_path, status=FAILED
    )
    assert failed.exception_class_path == "builtins.ConnectionRefusedError"
    with mail_server(mailbox, port):
        run_due_retries()
    assert results(tasks.send_decision_email) == [(1, FAILED), (2, SUCCESSFUL)]
    assert mailbox.messages[1] == (f"Approved: {TITLE}", [people["editor"].email])


# Back-off, giving up, and what administrators see ----------------------------


def test_retry_delays_double_up_to_an_hour(settings):
    """Attempts wait 30 s, 1 min, 2 min, … and never more than an hour apart."""
    settings.MEDINFO_TASK_RETRY_SECONDS = 30
    delays = [tasks.retry_delay(attempt).total_seconds() for attempt in range(1, 10)]
    assert delays == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_retries_back_off_then_give_up_visibly_in_the_admin(people, settings):
    """Each failed attempt waits twice as long; the last one is listed as given up with its error."""
    settings.MEDINFO_TASK_ATTEMPTS = 3
    waits = []
    revision = in_review(people)
    run_worker()  # the reviewers' e-mail goes out before the outage
    with smtp_error():
        request_changes(people, revision)
        run_worker()
        for _ in range(2):
            retry = DBTaskResult.objects.get(status=READY)
            waits.append(round((retry.run_after - timezone.now()).total_seconds()))
            run_due_retries()
    assert waits == [30, 60]
    assert results(tasks.send_decision_email) == [(1, FAILED), (2, FAILED), (3, FAILED)]
    assert not DBTaskResult.objects.filter(status=READY).exists()
    admin = browser(UserFactory(is_superuser=True))
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    page = admin.get(changelist, {"failure": "gave_up"}).content.decode()
    assert "send_decision_email" in page
    assert "RetriesExhausted: send_decision_email failed 3 times" in page
    assert "451 Temporary local problem" in page
    assert page.count("send_decision_email failed 3 times") == 1


def test_administrator_can_queue_a_task_that_gave_up_again(people, settings):
    """After the outage an administrator queues the given-up e-mail again and it is sent."""
    settings.MEDINFO_TASK_ATTEMPTS = 1
    revision = in_review(people)
    run_worker()  # the reviewers' e-mail goes out before the outage
    with smtp_error():
        request_changes(people, revision)
        run_worker()
    gave_up = DBTaskResult.objects.get(status=FAILED)
    admin = browser(UserFactory(is_superuser=True))
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    action = {"action": "queue_again", "_selected_action": [str(gave_up.pk)]}
    assert admin.post(changelist, action).status_code == 302
    run_worker()
    assert [m.to for m in mail.outbox][-1] == [people["editor"].email]
