"""The review workflow through its service functions, and what the public sees of it."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from medinfo import workflow
from medinfo.models import (
    ArticleKind,
    ArticleRevision,
    ImmutableRevisionError,
    ReviewEvent,
    RevisionStatus,
)
from tests.admin_forms import page_text
from tests.factories import (
    ReviewerFactory,
    UserFactory,
    draft_article,
    editor_and_reviewer,
    editor_user,
    milnacipran,
    published_article,
    reviewer_user,
    submitted_revision,
)

pytestmark = pytest.mark.django_db

State = ReviewEvent.State


def revise(revision, editor, **text):
    """Save ``text`` over a draft through the workflow, keeping unspecified fields."""
    fields = {name: getattr(revision, name) for name in ("title", "lead", "body", "references")}
    return workflow.save_draft(
        revision=revision, editor=editor, expected_version=revision.version, **{**fields, **text}
    )


@pytest.fixture
def flow():
    """Draft → changes requested by A → revision 2 → approved by B, all through the services."""
    editor = editor_user()
    first_reviewer = reviewer_user(display_name="Ada Early", slug="ada-early")
    second_reviewer = reviewer_user(display_name="Kristi Monson", slug="kristi-monson")
    article = draft_article(
        author=editor,
        drug=milnacipran(),
        title="What Is Milnacipran Used For?",
        lead="Milnacipran treats fibromyalgia.",
        body="<p>First wording of the body.</p>",
    )
    first = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    workflow.request_changes(
        revision=first, reviewer_user=first_reviewer, comment="Mention the age limit."
    )
    second = workflow.start_revision(article=article, author=editor)
    copied = {name: getattr(second, name) for name in ("title", "lead", "body")}
    second = revise(second, editor, body="<p>Second wording: not approved under 17.</p>")
    second = workflow.submit_revision(revision=second, submitter=editor)
    workflow.approve_revision(
        revision=second, reviewer_user=second_reviewer, comment="Accurate and clear."
    )
    article.refresh_from_db()
    return {
        "article": article,
        "editor": editor,
        "first_reviewer": first_reviewer,
        "second_reviewer": second_reviewer,
        "first": first,
        "second": second,
        "copied": copied,
    }


# The whole flow -------------------------------------------------------------


def test_revision_two_starts_as_a_copy_of_the_sent_back_text(flow):
    """Revising after changes were requested opens revision 2 holding revision 1's words."""
    assert flow["second"].number == 2
    assert flow["copied"] == {
        "title": "What Is Milnacipran Used For?",
        "lead": "Milnacipran treats fibromyalgia.",
        "body": "<p>First wording of the body.</p>",
    }


def test_approved_revision_two_is_what_the_public_page_shows(client, flow):
    """After B approves, the article page shows revision 2's words and B's byline."""
    response = client.get(flow["article"].get_absolute_url())
    text = page_text(response)
    assert response.status_code == 200
    assert flow["article"].live_revision == flow["second"]
    assert "Second wording: not approved under 17." in text
    assert "First wording of the body." not in text
    assert "Last reviewed by: <a" in text
    assert ">Kristi Monson, PharmD</a>" in text


def test_audit_log_records_every_transition_in_order(flow):
    """The review events list each step with its actor and comment, oldest first."""
    events = ReviewEvent.objects.filter(article=flow["article"]).order_by("created_at", "pk")
    editor, first_reviewer, second_reviewer = (
        flow["editor"],
        flow["first_reviewer"],
        flow["second_reviewer"],
    )
    assert [
        (event.from_state, event.to_state, event.actor, event.comment, event.revision.number)
        for event in events
    ] == [
        (State.NONE, State.DRAFT, editor, "", 1),
        (State.DRAFT, State.IN_REVIEW, editor, "", 1),
        (State.IN_REVIEW, State.CHANGES_REQUESTED, first_reviewer, "Mention the age limit.", 1),
        (State.CHANGES_REQUESTED, State.DRAFT, editor, "", 2),
        (State.DRAFT, State.IN_REVIEW, editor, "", 2),
        (State.IN_REVIEW, State.APPROVED, second_reviewer, "Accurate and clear.", 2),
    ]


def test_sent_back_revision_keeps_the_reviewer_and_comment(flow):
    """Revision 1 stays “changes requested” with A as its reviewer and A's comment."""
    flow["first"].refresh_from_db()
    assert flow["first"].status == RevisionStatus.CHANGES_REQUESTED
    assert flow["first"].reviewer.user == flow["first_reviewer"]
    assert flow["first"].decision_comment == "Mention the age limit."


# Unapproved words never reach the public -----------------------------------

SECRETS = ["Secrettitle", "Secretlead", "Secretbody", "Secretbrand"]


def _pending(article, state, *, editor, reviewer):
    """Give a live article a newer revision in ``state`` carrying the secret words."""
    revision = workflow.start_revision(article=article, author=editor)
    revision = revise(
        revision,
        editor,
        title="Secrettitle question?",
        lead="Secretlead paragraph.",
        body="<p>Secretbody paragraph.</p>",
    )
    if state == RevisionStatus.DRAFT:
        return
    revision = workflow.submit_revision(revision=revision, submitter=editor)
    if state == RevisionStatus.CHANGES_REQUESTED:
        workflow.request_changes(revision=revision, reviewer_user=reviewer, comment="Not yet.")


@pytest.fixture(
    params=[RevisionStatus.DRAFT, RevisionStatus.IN_REVIEW, RevisionStatus.CHANGES_REQUESTED]
)
def site_with_pending_secrets(request, django_capture_on_commit_callbacks):
    """A live drug article and condition article, each with a newer unapproved revision.

    The drug's brand is renamed before the new revisions are submitted, so an
    in-review snapshot holds the secret brand too. Every step is committed.
    """
    editor, reviewer = editor_user(), reviewer_user()
    with django_capture_on_commit_callbacks(execute=True):
        drug = milnacipran()
        fibromyalgia = drug.uses.get(kind="approved").condition
        drug_article = published_article(
            author=editor, drug=drug, title="Approvedtitle milnacipran?", lead="Approvedlead words."
        )
        condition_article = published_article(
            author=editor,
            condition=fibromyalgia,
            kind=ArticleKind.SYMPTOMS,
            slug="symptoms",
            title="Approvedcondition symptoms?",
            lead="Approvedlead about fibromyalgia.",
        )
    with django_capture_on_commit_callbacks(execute=True):
        drug.brand_names.update(name="Secretbrand")
        for article in (drug_article, condition_article):
            _pending(article, request.param, editor=editor, reviewer=reviewer)
    return drug_article


@pytest.mark.parametrize(
    ("path", "approved"),
    [
        (
            "/drugs/milnacipran/uses/",
            ["Approvedtitle", "Approvedlead", "Savella®", "Morning stiffness"],
        ),
        ("/drugs/milnacipran/", ["Approvedtitle", "Savella®"]),
        ("/conditions/fibromyalgia/", ["Approvedcondition", "Savella®"]),
        ("/conditions/fibromyalgia/symptoms/", ["Approvedcondition", "Savella®"]),
        ("/drugs/", ["Savella®"]),
        ("/conditions/", ["Fibromyalgia"]),
        ("/", ["Approvedtitle", "Approvedcondition"]),
    ],
)
def test_public_pages_show_only_approved_words(client, site_with_pending_secrets, path, approved):
    """No draft, in-review or sent-back words or facts appear on any public page."""
    response = client.get(path)
    text = page_text(response)
    assert response.status_code == 200
    assert [word for word in SECRETS if word in text] == []
    assert [word for word in approved if word not in text] == []


@pytest.mark.parametrize("word", SECRETS)
def test_search_finds_nothing_by_unapproved_words(client, site_with_pending_secrets, word):
    """Searching for a word only an unapproved revision holds finds no article."""
    text = page_text(client.get("/search/", {"q": word}))
    assert site_with_pending_secrets.get_absolute_url() not in text
    assert "Approvedtitle" not in text


def test_search_finds_the_approved_words(client, site_with_pending_secrets):
    """Searching for the approved lead finds the article under its approved title."""
    text = page_text(client.get("/search/", {"q": "Approvedlead"}))
    assert site_with_pending_secrets.get_absolute_url() in text
    assert "Approvedtitle milnacipran?" in text


@pytest.mark.parametrize("submitted", [False, True], ids=["draft", "in-review"])
def test_never_approved_article_is_not_found(client, submitted):
    """An article without an approved revision is 404 at its address."""
    editor = editor_user()
    article = draft_article(author=editor, drug=milnacipran())
    if submitted:
        workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_unpublished_article_is_not_found(client, django_capture_on_commit_callbacks):
    """Unpublishing takes the article page off the public site, cached copy included."""
    article = published_article(drug=milnacipran())
    assert client.get(article.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish_article(
            article=article, reviewer_user=reviewer_user(), reason="Withdrawn from the market."
        )
    assert client.get(article.get_absolute_url()).status_code == 404


# Refusals -------------------------------------------------------------------


def test_superuser_reviewer_cannot_approve_own_revision():
    """Four eyes holds for superusers: the author's own approval is refused."""
    boss = ReviewerFactory(user=UserFactory(is_superuser=True)).user
    revision = submitted_revision(author=boss, drug=milnacipran())
    with pytest.raises(workflow.WorkflowError, match="another pharmacist must review it"):
        workflow.approve_revision(revision=revision, reviewer_user=boss)
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.IN_REVIEW


def test_reviewer_who_saved_the_draft_cannot_approve_it():
    """A reviewer who edited someone else's draft is a contributor and may not approve it."""
    editor, helper = editor_user(), editor_and_reviewer()
    article = draft_article(author=editor, drug=milnacipran())
    revise(article.latest_revision, helper, lead="A reviewer's own wording.")
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    with pytest.raises(workflow.WorkflowError, match="four eyes"):
        workflow.approve_revision(revision=revision, reviewer_user=helper)


def test_request_changes_needs_a_comment():
    """Sending a revision back without saying why is refused."""
    revision = submitted_revision(drug=milnacipran())
    with pytest.raises(workflow.WorkflowError, match="a comment is required"):
        workflow.request_changes(revision=revision, reviewer_user=reviewer_user(), comment="  ")
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.IN_REVIEW


def test_editor_cannot_approve():
    """An editor without the approve permission cannot publish."""
    revision = submitted_revision(drug=milnacipran())
    with pytest.raises(workflow.WorkflowError, match="Only pharmacist reviewers"):
        workflow.approve_revision(revision=revision, reviewer_user=editor_user())
    revision.article.refresh_from_db()
    assert revision.article.live_revision is None


def test_reviewer_with_inactive_profile_cannot_approve():
    """A pharmacist whose reviewer profile is inactive cannot publish."""
    revision = submitted_revision(drug=milnacipran())
    with pytest.raises(workflow.WorkflowError, match="active reviewer profile"):
        workflow.approve_revision(revision=revision, reviewer_user=reviewer_user(is_active=False))
    revision.article.refresh_from_db()
    assert revision.article.live_revision is None


def test_unsubmitted_draft_cannot_be_approved():
    """Approval needs a submitted revision; a draft is refused."""
    article = draft_article(drug=milnacipran())
    with pytest.raises(workflow.WorkflowError, match="this one is draft"):
        workflow.approve_revision(revision=article.latest_revision, reviewer_user=reviewer_user())
    article.refresh_from_db()
    assert article.live_revision is None


def test_revision_cannot_be_submitted_twice():
    """A second submission of the same revision is refused and logged nowhere."""
    editor = editor_user()
    revision = submitted_revision(author=editor, drug=milnacipran())
    with pytest.raises(workflow.WorkflowError, match="Only a draft can be submitted"):
        workflow.submit_revision(revision=revision, submitter=editor)
    assert revision.events.filter(to_state=State.IN_REVIEW).count() == 1


# Immutability ---------------------------------------------------------------


def test_submitted_revision_refuses_a_changed_title(client):
    """Saving a submitted revision with a new title fails; the live page keeps its title."""
    article = published_article(drug=milnacipran(), title="Approved title?")
    revision = ArticleRevision.objects.get(pk=article.live_revision_id)
    revision.title = "Tampered title?"
    with pytest.raises(ImmutableRevisionError):
        revision.save()
    text = page_text(client.get(article.get_absolute_url()))
    assert "Approved title?" in text and "Tampered title?" not in text


def test_save_draft_refuses_a_submitted_revision():
    """The draft service will not write into a revision that is in review."""
    editor = editor_user()
    revision = submitted_revision(author=editor, drug=milnacipran())
    with pytest.raises(workflow.WorkflowError, match="can no longer be edited"):
        revise(revision, editor, title="Changed after submission?")
    revision.refresh_from_db()
    assert revision.title != "Changed after submission?"


def test_save_draft_with_outdated_version_is_refused():
    """Saving over a draft someone else saved since it was opened raises StaleDraftError."""
    first_editor, second_editor = editor_user(), editor_user()
    article = draft_article(author=first_editor, drug=milnacipran())
    opened = article.latest_revision
    revise(opened, first_editor, lead="First editor's lead.")
    with pytest.raises(workflow.StaleDraftError, match="Someone else saved this draft"):
        revise(opened, second_editor, lead="Second editor's lead.")
    opened.refresh_from_db()
    assert opened.lead == "First editor's lead."


# Review cadence -------------------------------------------------------------


def _at_noon(day):
    """Set the clock to noon UTC on ``day``."""
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_approval_sets_review_due_twelve_months_later():
    """By default an approved article is due for review a year after approval."""
    with _at_noon(datetime.date(2024, 3, 15)):
        article = published_article(drug=milnacipran())
    assert article.review_due_on == datetime.date(2025, 3, 15)


def test_review_interval_follows_the_setting(settings):
    """With a six-month interval, a 31 August approval is due on the last day of February."""
    settings.MEDINFO_REVIEW_INTERVAL_MONTHS = 6
    with _at_noon(datetime.date(2024, 8, 31)):
        article = published_article(drug=milnacipran())
    assert article.review_due_on == datetime.date(2025, 2, 28)


def test_reapproval_restarts_the_review_interval():
    """Approving a new revision makes the article due a year after the new approval."""
    editor = editor_user()
    with _at_noon(datetime.date(2023, 5, 2)):
        article = published_article(author=editor, drug=milnacipran())
    revision = workflow.submit_revision(
        revision=workflow.start_revision(article=article, author=editor), submitter=editor
    )
    with _at_noon(datetime.date(2024, 6, 20)):
        workflow.approve_revision(revision=revision, reviewer_user=reviewer_user())
    article.refresh_from_db()
    assert article.review_due_on == datetime.date(2025, 6, 20)


# E-mail ---------------------------------------------------------------------


def test_submission_emails_other_active_reviewers(django_capture_on_commit_callbacks):
    """Active reviewers get the review link; the author and inactive reviewers do not."""
    author = editor_and_reviewer()
    colleague = reviewer_user()
    retired = reviewer_user(is_active=False)
    article = draft_article(author=author, drug=milnacipran())
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_revision(revision=article.latest_revision, submitter=author)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert colleague.email in message.to
    assert author.email not in message.to and retired.email not in message.to
    review_path = reverse("admin:medinfo_articlerevision_review", args=[article.latest_revision_id])
    assert review_path in message.body


@pytest.mark.parametrize(
    ("decide", "decision"),
    [(workflow.approve_revision, "approved"), (workflow.request_changes, "changes requested")],
)
def test_decision_emails_the_author(django_capture_on_commit_callbacks, decide, decision):
    """The author learns the reviewer's decision and comment by e-mail."""
    author = editor_user()
    revision = submitted_revision(author=author, drug=milnacipran())
    with django_capture_on_commit_callbacks(execute=True):
        decide(revision=revision, reviewer_user=reviewer_user(), comment="Check the dose table.")
    [message] = mail.outbox
    assert message.to == [author.email]
    assert decision in message.body
    assert "Check the dose table." in message.body
