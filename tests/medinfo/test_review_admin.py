"""The editorial workflow as editors and pharmacists use it in the admin, and staff previews."""

import datetime
import re
import time
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from medinfo import workflow
from medinfo.models import Article, ReviewEvent
from medinfo.preview import preview_url
from tests.admin_forms import (
    ARTICLE_ADD_URL,
    article_form,
    change_url,
    logged_in,
    page_text,
    review_url,
)
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
CHANGELIST_URL = reverse("admin:medinfo_article_changelist")


def hidden_value(response, name):
    """The value of a hidden input, as the browser would send it back."""
    match = re.search(
        rf'<input type="hidden" name="{name}" value="([^"]*)"', response.content.decode()
    )
    assert match, f"no hidden {name} input on the page"
    return match.group(1)


# The whole flow in the admin ------------------------------------------------


@pytest.fixture
def admin_flow():
    """Editor adds and submits; A requests changes; editor revises and resubmits; B approves."""
    drug = milnacipran()
    editor = logged_in(editor_user())
    first_reviewer = logged_in(reviewer_user(display_name="Ada Early", slug="ada-early"))
    second_reviewer = logged_in(reviewer_user(display_name="Kristi Monson", slug="kristi-monson"))
    steps = {}
    form = article_form(
        drug=drug,
        title="What Is Milnacipran Used For?",
        lead="Milnacipran treats fibromyalgia.",
        body="<p>First wording.</p>",
    )
    steps["add"] = editor.post(ARTICLE_ADD_URL, {**form, "_submit": "Submit for review"})
    article = Article.objects.get(drug=drug, slug="uses")
    first = article.latest_revision
    steps["request_changes"] = first_reviewer.post(
        review_url(first), {"comment": "Mention the age limit.", "_request_changes": "1"}
    )
    steps["sent_back_page"] = editor.get(change_url(article))
    form["body"] = "<p>Second wording: not approved under 17.</p>"
    steps["resubmit"] = editor.post(change_url(article), {**form, "_submit": "Submit for review"})
    article.refresh_from_db()
    second = article.latest_revision
    steps["approve"] = second_reviewer.post(
        review_url(second), {"comment": "Accurate.", "_approve": "1"}
    )
    article.refresh_from_db()
    return {"article": article, "first": first, "second": second, "steps": steps}


def test_every_admin_step_succeeds_and_redirects(admin_flow):
    """Each form post in the flow is accepted (a redirect, not a re-shown form or an error)."""
    steps = admin_flow["steps"]
    posts = ["add", "request_changes", "resubmit", "approve"]
    assert {name: steps[name].status_code for name in posts} == dict.fromkeys(posts, 302)


def test_editor_sees_the_reviewers_comment(admin_flow):
    """After changes are requested, the article page shows the reviewer's comment."""
    text = page_text(admin_flow["steps"]["sent_back_page"])
    assert "changes requested" in text
    assert "Reviewer's comment: Mention the age limit." in text


def test_admin_flow_publishes_revision_two(client, admin_flow):
    """The public page shows the approved revision 2 and the approving pharmacist."""
    article, second = admin_flow["article"], admin_flow["second"]
    assert (second.number, article.live_revision_id) == (2, second.pk)
    text = page_text(client.get(article.get_absolute_url()))
    assert "Second wording: not approved under 17." in text
    assert "First wording." not in text
    assert ">Kristi Monson, PharmD</a>" in text


def test_admin_flow_is_in_the_audit_log(admin_flow):
    """The audit log holds the six transitions the admin made, with the comments."""
    events = admin_flow["article"].events.order_by("created_at", "pk")
    assert [(e.from_state, e.to_state, e.comment) for e in events] == [
        (State.NONE, State.DRAFT, ""),
        (State.DRAFT, State.IN_REVIEW, ""),
        (State.IN_REVIEW, State.CHANGES_REQUESTED, "Mention the age limit."),
        (State.CHANGES_REQUESTED, State.DRAFT, ""),
        (State.DRAFT, State.IN_REVIEW, ""),
        (State.IN_REVIEW, State.APPROVED, "Accurate."),
    ]


# Refusals on the review screen ----------------------------------------------


def _superuser_author():
    boss = ReviewerFactory(user=UserFactory(is_superuser=True)).user
    return submitted_revision(author=boss), boss, "_approve", ""


def _contributing_reviewer():
    editor, helper = editor_user(), editor_and_reviewer()
    article = draft_article(author=editor)
    draft = article.latest_revision
    workflow.save_draft(
        revision=draft,
        editor=helper,
        expected_version=draft.version,
        title=draft.title,
        lead="Reworded by a pharmacist.",
        body="",
        references=draft.references,
    )
    revision = workflow.submit_revision(revision=draft, submitter=editor)
    return revision, helper, "_approve", ""


def _no_comment():
    return submitted_revision(), reviewer_user(), "_request_changes", ""


def _editor():
    return submitted_revision(), editor_user(), "_approve", "Looks fine."


def _inactive_reviewer():
    return submitted_revision(), reviewer_user(is_active=False), "_approve", ""


def _never_submitted():
    return draft_article().latest_revision, reviewer_user(), "_approve", ""


REFUSALS = {
    "four eyes, superuser author": (_superuser_author, "another pharmacist must review it"),
    "four eyes, reviewer edited it": (_contributing_reviewer, "another pharmacist must review it"),
    "changes without a comment": (_no_comment, "Say what needs to change: a comment is required."),
    "editor approves": (_editor, "Only pharmacist reviewers with an active reviewer profile"),
    "inactive reviewer": (_inactive_reviewer, "Only pharmacist reviewers with an active reviewer"),
    "draft never submitted": (_never_submitted, "Only a revision in review can be decided"),
}


@pytest.mark.parametrize(("setup", "message"), REFUSALS.values(), ids=REFUSALS.keys())
def test_refused_decision_shows_the_reason_and_changes_nothing(setup, message):
    """A refused decision re-shows the review screen with the reason; nothing moves."""
    revision, user, button, comment = setup()
    events_before = ReviewEvent.objects.count()
    response = logged_in(user).post(review_url(revision), {"comment": comment, button: "1"})
    assert response.status_code == 200
    assert message in page_text(response)
    stored = type(revision).objects.select_related("article").get(pk=revision.pk)
    assert (stored.status, stored.reviewer_id) == (revision.status, None)
    assert stored.article.live_revision_id is None
    assert ReviewEvent.objects.count() == events_before


def test_submitting_twice_in_the_admin_is_refused():
    """Pressing “Submit for review” again re-shows the form with a message, not an error."""
    drug, editor = milnacipran(), logged_in(editor_user())
    form = article_form(drug=drug, title="What Is It?", lead="A lead.", _submit="1")
    editor.post(ARTICLE_ADD_URL, form)
    article = Article.objects.get(drug=drug)
    form["draft_version"] = str(article.latest_revision.version)
    response = editor.post(change_url(article), form)
    assert response.status_code == 200
    assert "Revision 1 is in review" in page_text(response)
    assert article.events.filter(to_state=State.IN_REVIEW).count() == 1


def test_submitting_an_unchanged_live_article_shows_a_message():
    """“Submit for review” with nothing new to submit ends in a message, never a 500."""
    drug, editor = milnacipran(), editor_user()
    article = published_article(author=editor, drug=drug, title="What Is It?", lead="A lead.")
    form = article_form(drug=drug, title="What Is It?", lead="A lead.", _submit="1")
    form["body"] = article.live_revision.body
    response = logged_in(editor).post(change_url(article), form, follow=True)
    assert response.status_code == 200
    assert "Only a draft can be submitted; this one is approved." in page_text(response)


# Two editors, one draft -----------------------------------------------------


@pytest.fixture
def conflict():
    """Two editors open the same draft; the first saves, then the second saves its stale copy."""
    drug = milnacipran()
    article = draft_article(author=editor_user(), drug=drug, lead="Original lead.")
    first, second = logged_in(editor_user()), logged_in(editor_user())
    url = change_url(article)
    first_version = hidden_value(first.get(url), "draft_version")
    second_version = hidden_value(second.get(url), "draft_version")
    first_save = first.post(
        url,
        article_form(
            drug=drug,
            title="Title?",
            lead="Editor one's lead.",
            draft_version=first_version,
            _continue="1",
        ),
    )
    second_save = second.post(
        url,
        article_form(
            drug=drug,
            title="Title?",
            lead="Editor two's lead.",
            draft_version=second_version,
            _continue="1",
        ),
    )
    return {
        "article": article,
        "drug": drug,
        "second": second,
        "first_save": first_save,
        "second_save": second_save,
    }


def test_stale_save_is_refused_with_a_message(conflict):
    """The second editor's save re-shows the form with the conflict explained."""
    assert conflict["first_save"].status_code == 302
    assert conflict["second_save"].status_code == 200
    assert "Someone else saved this draft after you opened it." in page_text(
        conflict["second_save"]
    )


def test_stale_save_keeps_the_second_editors_text_in_the_form(conflict):
    """The refused text is still in the lead box, ready to merge."""
    text = page_text(conflict["second_save"])
    assert re.search(r"<textarea[^>]*name=\"lead\"[^>]*>\s*Editor two's lead.</textarea>", text)


def test_stale_save_shows_the_current_draft(conflict):
    """The page shows what the first editor saved, above the form."""
    text = page_text(conflict["second_save"])
    assert "The current draft (revision 1" in text
    assert "Editor one's lead." in text


def test_stale_save_loses_nothing_already_saved(conflict):
    """The database keeps the first editor's text."""
    conflict["article"].refresh_from_db()
    assert conflict["article"].latest_revision.lead == "Editor one's lead."


def test_merged_text_can_be_saved_after_a_conflict(conflict):
    """Saving again from the re-shown form, after merging, succeeds."""
    article, second = conflict["article"], conflict["second"]
    version = hidden_value(conflict["second_save"], "draft_version")
    merged = article_form(
        drug=conflict["drug"],
        title="Title?",
        lead="Both editors' lead.",
        draft_version=version,
        _continue="1",
    )
    response = second.post(change_url(article), merged)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.latest_revision.lead == "Both editors' lead."


# Changelist filters and the editorial queue ---------------------------------


@pytest.fixture
def queue():
    """Articles in each state, one of them written by the reviewer looking at the list."""
    me = editor_and_reviewer()  # a pharmacist who writes is in Editors too (#13 item 6)
    editor = editor_user()
    submitted_revision(author=me, title="Mine in review?")
    submitted_revision(author=editor, title="Theirs in review?")
    sent_back = submitted_revision(author=editor, title="Sent back?")
    workflow.request_changes(revision=sent_back, reviewer_user=reviewer_user(), comment="Fix it.")
    draft_article(author=editor, title="Still a draft?")
    return logged_in(me)


def _titles_listed(client, query):
    text = page_text(client.get(f"{CHANGELIST_URL}?{query}"))
    titles = ["Mine in review?", "Theirs in review?", "Sent back?", "Still a draft?"]
    return [title for title in titles if f">{title}</a>" in text]


def test_awaiting_me_lists_only_others_articles_in_review(queue):
    """“Awaiting my review” shows colleagues' submissions and hides the reviewer's own."""
    assert _titles_listed(queue, "workflow=awaiting-me") == ["Theirs in review?"]


def test_changes_requested_filter(queue):
    """“Changes requested” lists the sent-back article only."""
    assert _titles_listed(queue, "workflow=changes-requested") == ["Sent back?"]


@pytest.fixture
def overdue():
    """One article approved long enough ago to be overdue for review, one approved today."""
    long_ago = timezone.now() - datetime.timedelta(days=800)
    with mock.patch("django.utils.timezone.now", return_value=long_ago):
        stale = published_article(title="Reviewed long ago?")
    published_article(title="Reviewed today?")
    return stale


def test_overdue_filter_lists_articles_past_their_review_date(overdue):
    """The “review overdue” filter lists the article whose review date has passed."""
    text = page_text(logged_in(reviewer_user()).get(f"{CHANGELIST_URL}?review=overdue"))
    assert ">Reviewed long ago?</a>" in text
    assert ">Reviewed today?</a>" not in text


def test_admin_index_counts_overdue_reviews(overdue):
    """The pharmacist's desk on the admin home lists and counts the overdue article."""
    text = page_text(logged_in(reviewer_user()).get(reverse("admin:index")))
    assert re.search(r"Reviews overdue <span class=\"desk-count\">1</span>", text)
    assert ">Reviewed long ago?</a>" in text


# The review screen's differences --------------------------------------------


@pytest.fixture
def revised():
    """A live milnacipran article and a submitted revision changing one paragraph and a brand."""
    drug, editor = milnacipran(), editor_user()
    article = published_article(
        author=editor, drug=drug, body="<p>Old paragraph.</p><p>Kept paragraph.</p>"
    )
    draft = workflow.start_revision(article=article, author=editor)
    workflow.save_draft(
        revision=draft,
        editor=editor,
        expected_version=draft.version,
        title=draft.title,
        lead=draft.lead,
        body="<p>New paragraph.</p><p>Kept paragraph.</p>",
        references=draft.references,
    )
    drug.brand_names.update(name="Milnavex")
    return workflow.submit_revision(revision=draft, submitter=editor)


def test_review_screen_shows_text_changes_against_the_live_revision(revised):
    """The reviewer sees the removed and added paragraphs, not the unchanged one."""
    text = page_text(logged_in(reviewer_user()).get(review_url(revised)))
    assert "Changes against the live revision 1" in text
    assert "<ins>New</ins>" in text and "<del>Old</del>" in text
    assert "Kept paragraph." not in text


def test_review_screen_shows_fact_changes(revised):
    """The reviewer sees the renamed brand as a facts change."""
    text = page_text(logged_in(reviewer_user()).get(review_url(revised)))
    assert "- Drug › brand “Savella” › name: Savella" in text
    assert "+ Drug › brand “Milnavex” › name: Milnavex" in text


def test_review_screen_warns_about_facts_changed_after_submission(revised):
    """A fact edited after submission is flagged, since the page would show the old one."""
    revised.article.drug.brand_names.update(name="Milnaris")
    text = page_text(logged_in(reviewer_user()).get(review_url(revised)))
    assert "Facts changed since this revision was submitted" in text
    assert "+ Drug › brand “Milnaris” › name: Milnaris" in text


# Signed preview links -------------------------------------------------------


@pytest.fixture
def draft():
    """A draft that exists nowhere on the public site."""
    return draft_article(drug=milnacipran(), lead="Draftonly lead words.").latest_revision


def test_staff_preview_shows_the_draft_with_the_public_template(draft):
    """An editor opening the preview link sees the draft rendered as the public page."""
    response = logged_in(editor_user()).get(preview_url(draft))
    assert response.status_code == 200
    assert "medinfo/article_detail.html" in [t.name for t in response.templates]
    text = page_text(response)
    assert "Draftonly lead words." in text
    assert "Preview of revision 1 (draft)" in text


def test_preview_is_never_indexed_or_cached(draft):
    """The preview response tells robots and caches to keep away."""
    response = logged_in(editor_user()).get(preview_url(draft))
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_anonymous_preview_redirects_to_login(client, draft):
    """A visitor with the link is sent to the login page and never sees the draft."""
    response = client.get(preview_url(draft))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "Draftonly" not in page_text(response)


def test_tampered_preview_link_is_not_found(draft):
    """Changing one character of the token makes the link invalid."""
    url = preview_url(draft)
    token = url.rstrip("/").rsplit("/", 1)[1]
    flipped = "B" if token[-5] == "A" else "A"
    forged = token[:-5] + flipped + token[-4:]
    response = logged_in(editor_user()).get(reverse("revision_preview", args=[forged]))
    assert response.status_code == 404


def test_preview_link_expires_with_the_setting(settings, draft):
    """With a negative maximum age every link has expired."""
    settings.MEDINFO_PREVIEW_MAX_AGE = -1
    assert logged_in(editor_user()).get(preview_url(draft)).status_code == 404


def test_old_preview_link_has_expired(settings, draft):
    """A link signed longer ago than the maximum age no longer opens."""
    signed_at = time.time() - settings.MEDINFO_PREVIEW_MAX_AGE - 60
    with mock.patch("django.core.signing.time.time", return_value=signed_at):
        url = preview_url(draft)
    assert logged_in(editor_user()).get(url).status_code == 404
