"""The preview's banner says what is true of the previewed revision in every state
(issue #13, outside tester).

On the old code the banner said “The public cannot see this page until a pharmacist
approves it” of every revision, the live one included: /preview/unsaved/<id>/ of a
published article without a draft showed “Preview of revision 1 (approved). The public
cannot see this page until a pharmacist approves it.” Every case below failed on it (the
live, scheduled, replaced and live-article cases for what it said, the rest for its words).
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from medinfo import workflow
from medinfo.preview import preview_url
from tests.admin_forms import logged_in, page_text
from tests.factories import (
    draft_article,
    editor_user,
    published_article,
    reviewer_user,
    revise,
    submitted_revision,
)

pytestmark = pytest.mark.django_db

NOT_PUBLIC = "The article is not on the public site."
WRONG = "The public cannot see this page until a pharmacist approves it."


def draft(author):
    return draft_article(author=author).latest_revision


def in_review(author):
    return submitted_revision(author=author)


def changes_requested(author):
    revision = submitted_revision(author=author)
    return workflow.request_changes(
        revision=revision, reviewer_user=reviewer_user(), comment="Cite the label."
    )


def live(author):
    return published_article(author=author).live_revision


def scheduled(author):
    revision = submitted_revision(author=author)
    when = timezone.now() + timedelta(days=2)
    return workflow.approve_revision(
        revision=revision, reviewer_user=reviewer_user(), go_live_at=when
    )


def draft_of_a_live_article(author):
    article = published_article(author=author)
    return workflow.start_revision(article=article, author=author)


def replaced_by_a_newer_approval(author):
    article = published_article(author=author)
    first = article.live_revision
    second = revise(article, author=author)
    workflow.approve_revision(revision=second, reviewer_user=reviewer_user())
    first.refresh_from_db()
    return first


# (state, revision maker, what the banner must say)
STATES = [
    ("draft", draft, ["revision 1 (draft)", "until a pharmacist approves it", NOT_PUBLIC]),
    ("in review", in_review, ["revision 1 (in review)", "the public cannot see it", NOT_PUBLIC]),
    ("changes requested", changes_requested,
     ["revision 1 (changes requested)", "sent it back", NOT_PUBLIC]),
    ("approved and live", live, ["revision 1 (approved)", "It is live", "what the public sees"]),
    ("approved and scheduled", scheduled, ["revision 1 (approved)", "It goes live on", NOT_PUBLIC]),
    ("draft of a live article", draft_of_a_live_article,
     ["revision 2 (draft)", "The public sees revision 1."]),
    ("approved, replaced", replaced_by_a_newer_approval,
     ["revision 1 (approved)", "It is not live", "The public sees revision 2."]),
]  # fmt: skip


@pytest.mark.parametrize(("state", "make", "says"), STATES, ids=[s[0] for s in STATES])
def test_the_banner_says_what_is_true(state, make, says):
    author = editor_user()
    revision = make(author)
    banner = page_text(logged_in(author).get(preview_url(revision))).split(
        'class="preview-banner"'
    )[1]
    banner = banner.split("</p>")[0]
    for words in says:
        assert words in banner, (state, words, banner)
    assert WRONG not in banner


def test_the_live_preview_of_a_live_article_without_a_draft():
    """The tester's case: the form's live preview of a published article says it is live."""
    author = editor_user()
    article = published_article(author=author)
    page = page_text(logged_in(author).get(reverse("autosave_preview", args=[article.pk])))
    assert "Preview of revision 1 (approved). It is live. This is what the public sees." in page
    assert WRONG not in page


def test_the_live_preview_of_unsaved_changes_to_a_live_article():
    """An autosave over a live article: only the editor sees it; the public sees revision 1."""
    author = editor_user()
    article = published_article(author=author)
    client = logged_in(author)
    text = {"title": "T", "lead": "Unsaved.", "body": "<p>x</p>", "search_description": ""}
    client.post(reverse("admin:medinfo_article_autosave", args=[article.pk]), text)
    page = page_text(client.get(reverse("autosave_preview", args=[article.pk])))
    assert "Preview of your unsaved changes to revision 1. Only you see them." in page
    assert "The public sees revision 1." in page
