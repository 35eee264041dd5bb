"""Scheduled go-live and expiry (issue #13 item 4), under a frozen clock (``tests.clock``)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from medinfo import scheduling, workflow
from medinfo.models import Article, ArticleExpiry, ReviewEvent, RevisionStatus, ScheduledGoLive
from medinfo.roles import sync_role_groups
from tests.admin_forms import change_url, logged_in, page_text, review_url
from tests.clock import frozen_clock
from tests.factories import (
    DrugFactory,
    editor_and_reviewer,
    editor_user,
    reviewer_user,
    revise,
    submitted_revision,
)
from tests.public_site import (
    MILNACIPRAN_TITLE,
    committed,
    json_ld,
    parse,
    publish_milnacipran_uses,
)
from tests.task_results import run_worker

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
State = ReviewEvent.State
NEW_DRUG = "zolmadrine"
NEW_TITLE = "How Does Milnacipran Ease Quokka Pain?"


@pytest.fixture
def clock(monkeypatch):
    return frozen_clock(monkeypatch, START)


def publish_due():
    """What the worker's task or cron's ``manage.py publish_due`` does, side effects included."""
    with committed():
        return scheduling.publish_due()


# What the public sees, surface by surface, as lower-case text.
def _article_page(client, url):
    response = client.get(url)
    return parse(response).find("h1").text.lower() if response.status_code == 200 else ""


def _json_ld(client, url):
    response = client.get(url)
    return str(json_ld(response)).lower() if response.status_code == 200 else ""


def _search_results(client, query):
    """The result list of a search (the page also repeats the query, which proves nothing)."""
    results = parse(client.get("/search/", {"q": query})).find_all("ol", class_="search-results")
    return results[0].text.lower() if results else ""


SURFACES = {
    "article page": lambda client, url: _article_page(client, url),
    "drug hub": lambda client, url: _article_page(client, f"/drugs/{NEW_DRUG}/"),
    "JSON-LD": _json_ld,
    "search": lambda client, url: (
        _search_results(client, "quokka") + _search_results(client, NEW_DRUG)
    ),
    "feed": lambda client, url: client.get("/feeds/latest/").content.decode().lower(),
    "sitemap": lambda client, url: client.get("/sitemap-articles.xml").content.decode().lower(),
    "A–Z": lambda client, url: parse(client.get("/drugs/")).find("main").text.lower(),
    "home": lambda client, url: parse(client.get("/")).find("main").text.lower(),
}


def schedule_new_article(clock, **delay):
    """A new article about zolmadrine, approved now to go live after ``delay``."""
    revision = submitted_revision(
        drug=DrugFactory(generic_name=NEW_DRUG, slug=NEW_DRUG),
        title="What Is Zolmadrine Used For?",
        lead="Zolmadrine eases quokka pain.",
    )
    with committed():
        workflow.approve_revision(
            revision=revision,
            reviewer_user=reviewer_user(),
            go_live_at=clock.now + timedelta(**delay),
        )
    revision.article.refresh_from_db()
    return revision.article


def schedule_new_revision(clock, **delay):
    """/drugs/milnacipran/uses/, live since yesterday, and a new title approved to go live later."""
    article = publish_milnacipran_uses()
    clock.advance(days=1)
    revision = revise(article, author=editor_user(), title=NEW_TITLE)
    with committed():
        workflow.approve_revision(
            revision=revision,
            reviewer_user=reviewer_user(),
            go_live_at=clock.now + timedelta(**delay),
        )
    article.refresh_from_db()
    return article


@pytest.mark.parametrize("surface", SURFACES)
def test_a_scheduled_first_publication_shows_nowhere_before_its_time(client, clock, surface):
    """Page, hub, JSON-LD, search, feed, sitemap, A–Z and home show the article only once live."""
    article = schedule_new_article(clock, hours=2)
    url = f"/drugs/{NEW_DRUG}/uses/"
    seen = SURFACES[surface]
    assert NEW_DRUG not in seen(client, url)

    clock.advance(hours=1, minutes=59)
    assert publish_due() == []
    assert NEW_DRUG not in seen(client, url)

    clock.advance(minutes=1)
    assert len(publish_due()) == 1
    assert NEW_DRUG in seen(client, url)
    article.refresh_from_db()
    assert article.first_published_at == START + timedelta(hours=2)


@pytest.mark.parametrize("surface", ["article page", "JSON-LD", "search", "feed"])
def test_a_scheduled_revision_replaces_the_live_one_only_at_its_time(client, clock, surface):
    """The old text stays public, cached or not, until the new revision's time; then the new one."""
    article = schedule_new_revision(clock, hours=3)
    url = article.get_absolute_url()
    seen = SURFACES[surface]
    assert MILNACIPRAN_TITLE.lower() in seen(client, url) or surface == "search"
    assert "quokka" not in seen(client, url)  # also fills the page cache

    clock.advance(hours=3)
    publish_due()
    assert "quokka" in seen(client, url)
    assert MILNACIPRAN_TITLE.lower() not in seen(client, url)


def test_the_cached_page_is_replaced_at_go_live(client, clock):
    """The page cached before the go-live is dropped by it: the next visitor reads the new text."""
    article = schedule_new_revision(clock, hours=1)
    url = article.get_absolute_url()
    first = client.get(url)
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304

    clock.advance(hours=1)
    publish_due()

    response = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert response.status_code == 200
    assert parse(response).find("h1").text == NEW_TITLE


def test_the_decision_is_stored_at_once_and_the_go_live_recorded_later(clock):
    """Byline, decision and log entry are written at approval; “went live” is MedInfo's entry."""
    article = schedule_new_revision(clock, hours=1)
    revision = article.latest_revision
    assert revision.status == RevisionStatus.APPROVED
    assert revision.byline and revision.reviewed_at == clock.now
    assert article.live_revision_id != revision.pk
    assert list(Article.objects.scheduled()) == [article]

    clock.advance(hours=1)
    publish_due()

    article.refresh_from_db()
    assert article.live_revision_id == revision.pk
    assert not Article.objects.scheduled().exists()
    went_live, scheduled = article.events.all()[:2]
    assert (scheduled.from_state, scheduled.to_state) == (State.IN_REVIEW, State.SCHEDULED)
    assert scheduled.actor == revision.reviewer.user
    assert (went_live.from_state, went_live.to_state) == (State.SCHEDULED, State.APPROVED)
    assert went_live.actor is None and went_live.who == ReviewEvent.SYSTEM_ACTOR


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
@pytest.mark.django_db(transaction=True)
def test_the_task_worker_publishes_at_the_scheduled_time(client, clock):
    """The approval queues a task for its time; the real worker runs it then, not before."""
    sync_role_groups()
    article = schedule_new_article(clock, minutes=30)
    task = DBTaskResult.objects.get(task_path=scheduling.publish_due_task.module_path)
    assert task.run_after == START + timedelta(minutes=30)

    run_worker()
    assert client.get(f"/drugs/{NEW_DRUG}/uses/").status_code == 404

    clock.advance(minutes=30)
    run_worker()
    assert client.get(f"/drugs/{NEW_DRUG}/uses/").status_code == 200
    article.refresh_from_db()
    assert article.live_revision_id == article.latest_revision_id


def test_cron_command_catches_up_with_what_a_stopped_worker_missed(client, clock, capsys):
    """``manage.py publish_due`` applies every overdue go-live and expiry, each exactly once."""
    schedule_new_article(clock, minutes=5)
    other = schedule_new_revision(clock, minutes=5)
    clock.advance(hours=6)
    with committed():
        call_command("publish_due")
        call_command("publish_due")
    assert capsys.readouterr().out.count("went live") == 2
    assert client.get(f"/drugs/{NEW_DRUG}/uses/").status_code == 200
    assert parse(client.get(other.get_absolute_url())).find("h1").text == NEW_TITLE


def test_a_newer_approval_supersedes_a_scheduled_one(client, clock):
    """Approving a later revision now cancels the older one's go-live: old text never returns."""
    article = schedule_new_revision(clock, hours=2)
    scheduled = article.latest_revision
    newest = revise(article, author=editor_user(), title="Milnacipran, Explained")
    with committed():
        workflow.approve_revision(revision=newest, reviewer_user=reviewer_user())

    clock.advance(hours=3)
    publish_due()

    article.refresh_from_db()
    assert article.live_revision_id == newest.pk
    cancelled = article.events.get(to_state=State.GO_LIVE_CANCELLED)
    assert cancelled.revision_id == scheduled.pk
    assert "Replaced by the approval of revision" in cancelled.comment


def test_cancelling_keeps_the_public_page_as_it_is(client, clock):
    """A cancelled go-live never happens; the editor can open a new draft from its text."""
    article = schedule_new_revision(clock, hours=2)
    with committed():
        scheduling.cancel_go_live(
            article=article, reviewer_user=reviewer_user(), reason="Label changes next week."
        )
    clock.advance(hours=3)
    assert publish_due() == []
    assert parse(client.get(article.get_absolute_url())).find("h1").text == MILNACIPRAN_TITLE
    event = article.events.get(to_state=State.GO_LIVE_CANCELLED)
    assert "Label changes next week." in event.comment
    draft = workflow.start_revision(article=article, author=editor_user())
    assert draft.title == NEW_TITLE


def test_cancelling_after_the_time_is_refused_even_if_the_worker_is_late(client, clock):
    """Once its time has come the go-live counts as done: a late cancel changes nothing."""
    article = schedule_new_revision(clock, minutes=10)
    clock.advance(minutes=10)
    with pytest.raises(workflow.WorkflowError, match="Nothing is scheduled"):
        scheduling.cancel_go_live(article=article, reviewer_user=reviewer_user(), reason="Late.")
    publish_due()
    assert parse(client.get(article.get_absolute_url())).find("h1").text == NEW_TITLE


def test_unpublishing_cancels_a_scheduled_go_live(client, clock):
    """Taken off the site by hand, the article does not come back by itself."""
    article = schedule_new_revision(clock, hours=1)
    with committed():
        workflow.unpublish_article(article=article, reviewer_user=reviewer_user(), reason="Recall.")
    clock.advance(hours=2)
    publish_due()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_an_expiry_unpublishes_the_article_with_its_reason(client, clock):
    """At its expiry the page is gone, and the log says MedInfo did it and why."""
    article = publish_milnacipran_uses()
    url = article.get_absolute_url()
    setter = reviewer_user()
    scheduling.set_expiry(
        article=article,
        reviewer_user=setter,
        expires_at=clock.now + timedelta(days=7),
        reason="Shortage notice ends.",
    )
    assert client.get(url).status_code == 200

    clock.advance(days=7)
    assert publish_due() == [f"“{article}” expired and was unpublished."]

    assert client.get(url).status_code == 404
    assert not ArticleExpiry.objects.exists()
    event = article.events.first()
    assert (event.from_state, event.to_state, event.actor) == (State.APPROVED, State.EXPIRED, None)
    assert "Shortage notice ends." in event.comment and str(setter) in event.comment


def test_an_expiry_also_cancels_a_go_live_after_it(client, clock):
    """A go-live due before the expiry happens first; the article then comes off the site."""
    article = schedule_new_revision(clock, hours=1)
    scheduling.set_expiry(
        article=article, reviewer_user=reviewer_user(), expires_at=clock.now + timedelta(hours=2),
        reason="Temporary advice.",
    )  # fmt: skip
    clock.advance(hours=5)
    publish_due()
    states = list(article.events.values_list("to_state", flat=True)[:2])
    assert states == [State.EXPIRED, State.APPROVED]
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("expires_in", "go_live_in", "message"),
    [
        (timedelta(hours=1), timedelta(hours=2), "the expiry must come after it"),
        (timedelta(minutes=-1), None, "Choose a time in the future"),
        (timedelta(days=6 * 365), None, "at most five years ahead"),
    ],
)
def test_an_expiry_out_of_order_is_refused(clock, expires_in, go_live_in, message):
    """An expiry in the past, too far ahead or before a scheduled go-live is refused, and none is set."""
    if go_live_in:
        article = schedule_new_revision(clock, seconds=go_live_in.total_seconds())
    else:
        article = publish_milnacipran_uses()
    with pytest.raises(workflow.WorkflowError, match=message):
        scheduling.set_expiry(
            article=article, reviewer_user=reviewer_user(), expires_at=clock.now + expires_in,
            reason="Why not.",
        )  # fmt: skip
    assert not ArticleExpiry.objects.exists()


def test_a_go_live_after_the_expiry_is_refused(clock):
    """Scheduling a revision to go live after the article expires is refused: it would never show."""
    article = publish_milnacipran_uses()
    scheduling.set_expiry(
        article=article, reviewer_user=reviewer_user(), expires_at=clock.now + timedelta(days=1),
        reason="Ends.",
    )  # fmt: skip
    revision = revise(article, author=editor_user(), title=NEW_TITLE)
    with pytest.raises(workflow.WorkflowError, match="expires"):
        workflow.approve_revision(
            revision=revision,
            reviewer_user=reviewer_user(),
            go_live_at=clock.now + timedelta(days=2),
        )
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.IN_REVIEW
    assert not ScheduledGoLive.objects.exists()


def test_four_eyes_hold_for_a_scheduled_approval(clock):
    """The revision's author may not approve it for later any more than for now."""
    author = editor_and_reviewer()
    revision = submitted_revision(author=author)
    with pytest.raises(workflow.WorkflowError, match="four eyes"):
        workflow.approve_revision(
            revision=revision, reviewer_user=author, go_live_at=clock.now + timedelta(hours=1)
        )
    assert not ScheduledGoLive.objects.exists()
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.IN_REVIEW


def test_a_time_already_passed_in_the_service_means_now(clock):
    """Code that passes a past or present time publishes at once (the form refuses it instead)."""
    revision = submitted_revision()
    with committed():
        workflow.approve_revision(
            revision=revision, reviewer_user=reviewer_user(), go_live_at=clock.now
        )
    revision.article.refresh_from_db()
    assert revision.article.live_revision_id == revision.pk


# The admin: the review screen's decision form and the article page.


def decide(revision, go_live_at, client=None):
    """Approve ``revision`` on its review screen with ``go_live_at`` typed into the form."""
    client = client or logged_in(reviewer_user())
    data = {"comment": "", "go_live_at": go_live_at, "_approve": "1"}
    return client.post(review_url(revision), data, follow=True)


def test_reviewer_schedules_on_the_review_screen_and_sees_it_on_the_article(clock):
    """The decision form takes a time; the article page then says when, with a way to cancel."""
    revision = submitted_revision()
    response = decide(revision, "2026-03-03T08:30")
    assert response.redirect_chain[-1][0] == change_url(revision.article)
    text = page_text(response)
    assert "goes live on 2026-03-03 08:30 UTC" in text
    assert "Scheduled to go live on 2026-03-03 08:30 UTC" in text
    assert "Cancel the scheduled go-live…" in text
    assert "Cancel the scheduled go-live" not in page_text(
        logged_in(editor_user()).get(change_url(revision.article))
    )


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("2026-03-02T08:59", "That time has passed"),
        ("2026-03-02T09:00", "That time has passed"),
        ("next tuesday", "Enter a valid date/time"),
        ("2026-02-30T10:00", "Enter a valid date/time"),
        ("9999-12-31T23:59", "at most 365 days ahead"),
        ("2027-03-02T09:01", "at most 365 days ahead"),
    ],
)
def test_bad_go_live_times_are_form_errors(clock, typed, error):
    """Past, malformed, impossible and far-off times re-show the form with a message; nothing is decided."""
    revision = submitted_revision()
    response = decide(revision, typed)
    assert (response.status_code, response.redirect_chain) == (200, [])
    assert error in page_text(response)
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.IN_REVIEW


@override_settings(TIME_ZONE="Europe/Berlin")
def test_a_time_the_clocks_skip_is_a_form_error(clock):
    """02:30 on the night summer time starts does not exist in Berlin: a message, not a 500."""
    revision = submitted_revision()
    response = decide(revision, "2026-03-29T02:30")
    assert (response.status_code, response.redirect_chain) == (200, [])
    assert "couldn’t be interpreted" in page_text(response)


def test_expiry_page_sets_and_removes_an_expiry(clock):
    """A reviewer sets an expiry on the article page's form, sees it, and can remove it again."""
    article = publish_milnacipran_uses()
    reviewer = logged_in(reviewer_user())
    url = reverse("admin:medinfo_article_expiry", args=[article.pk])
    response = reviewer.post(url, {"expires_at": "2026-04-01T00:00", "reason": "Season ends."})
    assert response.status_code == 302
    text = page_text(reviewer.get(change_url(article)))
    assert "Expires on 2026-04-01 00:00 UTC" in text and "Season ends." in text

    assert reviewer.post(url, {"_remove": "1"}).status_code == 302
    assert not ArticleExpiry.objects.exists()
    assert article.events.first().to_state == State.EXPIRY_REMOVED


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"expires_at": "2026-03-01T00:00", "reason": "Old."}, "That time has passed"),
        ({"expires_at": "soon", "reason": "Vague."}, "Enter a valid date/time"),
        ({"expires_at": "2026-04-01T00:00", "reason": "   "}, "This field is required"),
        ({"expires_at": "2026-04-01T00:00", "reason": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_expiry_input_is_a_form_error(clock, data, error):
    """Each bad expiry is shown back with its message; none is stored."""
    article = publish_milnacipran_uses()
    response = logged_in(reviewer_user()).post(
        reverse("admin:medinfo_article_expiry", args=[article.pk]), data
    )
    assert response.status_code == 200
    assert error in page_text(response)
    assert not ArticleExpiry.objects.exists()


def test_cancel_page_cancels_the_go_live(client, clock):
    """The cancel page asks why, cancels, and the public page stays as it was."""
    article = schedule_new_revision(clock, hours=1)
    reviewer = logged_in(reviewer_user())
    url = reverse("admin:medinfo_article_cancel_go_live", args=[article.pk])
    assert "is scheduled to go live on" in page_text(reviewer.get(url))
    assert reviewer.post(url, {"reason": ""}).status_code == 200
    assert reviewer.post(url, {"reason": "Not yet."}).status_code == 302
    assert not ScheduledGoLive.objects.exists()
    assert "Nothing is scheduled" in page_text(reviewer.get(url))
