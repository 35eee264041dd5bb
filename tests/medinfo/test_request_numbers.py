"""Every integer the review desk reads from a request, fed huge, negative, non-numeric and
empty values (issue #13, outside tester): a 4xx or a form error, never a 500.

On the old code the autosave endpoint answered 500 for ``draft_version=99999999999999999999``
(and for 9223372036854775808, or anything past the column's range): its form took any
integer and ``full_clean`` of the autosave raised an uncaught ValidationError. The
article form's hidden ``draft_version`` took the same numbers unchecked.
"""

import pytest
from django.urls import reverse

from medinfo import comments
from medinfo.models import ArticleAutosave, Comment, CommentEvent, RevisionStatus
from tests.admin_forms import change_url, logged_in, post_article_form, review_url
from tests.factories import draft_article, editor_user, reviewer_user, submitted_revision

pytestmark = pytest.mark.django_db

# The values a hostile client posts where a number belongs.
BAD_NUMBERS = {
    "huge": "99999999999999999999",
    "just past 64 bits": "9223372036854775808",
    "just past 32 bits": "2147483648",
    "negative": "-1",
    "zero": "0",
    "non-numeric": "abc",
    "fraction": "1.5",
    "empty": "",
}
CASES = list(BAD_NUMBERS.items())
IDS = list(BAD_NUMBERS)

TEXT = {"title": "Uses", "lead": "A lead.", "body": "<p>Body.</p>", "search_description": ""}


@pytest.mark.parametrize(("case", "value"), CASES, ids=IDS)
def test_autosave_draft_version(case, value):
    """The same 400 JSON error for every bad ``draft_version``; empty means “no draft”."""
    owner = editor_user()
    article = draft_article(author=owner)
    url = reverse("admin:medinfo_article_autosave", args=[article.pk])
    response = logged_in(owner).post(url, {**TEXT, "draft_version": value})
    if value == "":
        assert response.status_code == 200, case
        return
    assert response.status_code == 400, case
    assert "draft_version" in response.json()["errors"], case
    assert not ArticleAutosave.objects.exists()


@pytest.mark.parametrize(("case", "value"), CASES, ids=IDS)
def test_article_form_draft_version(case, value):
    """The article form's hidden version: a form error (200, nothing saved), never a 500."""
    owner = editor_user()
    article = draft_article(author=owner)
    before = article.latest_revision.version
    response = post_article_form(owner, article, draft_version=value, lead="Changed.")
    assert response.status_code == 200, case
    article.latest_revision.refresh_from_db()
    assert article.latest_revision.version == before


@pytest.mark.parametrize(("case", "value"), CASES, ids=IDS)
def test_comment_thread_comment_id(case, value):
    """Reply/resolve/reopen naming a bad comment id: the “not on this article” message."""
    revision = submitted_revision()
    reviewer = reviewer_user()
    anchor = comments.anchors_of(revision)[0].key
    comments.add_comment(revision=revision, author=reviewer, anchor=anchor, text="Say more.")
    url = reverse("admin:medinfo_articlerevision_comments", args=[revision.pk])
    events = CommentEvent.objects.count()
    for action in ("reply", "resolve", "reopen"):
        data = {"action": action, "comment": value, "text": "Done."}
        response = logged_in(reviewer).post(url, data)
        assert response.status_code == 302, (case, action)
    assert CommentEvent.objects.count() == events
    assert Comment.objects.get().is_open


@pytest.mark.parametrize(("case", "value"), CASES, ids=IDS)
def test_compare_revision_ids(case, value):
    """``?from=`` / ``?to=`` that name no revision of the article: 404 (empty: not chosen)."""
    revision = submitted_revision()
    url = reverse("admin:medinfo_article_compare", args=[revision.article_id])
    client = logged_in(reviewer_user())
    for name in ("from", "to"):
        response = client.get(url, {name: value})
        assert response.status_code == (200 if value == "" else 404), (case, name)


@pytest.mark.parametrize("number", ["99999999999999999999", "9223372036854775808", "2147483648"])
def test_ids_in_the_path(number):
    """Huge ids in the desk's addresses are 404s (the URL patterns refuse signs and letters)."""
    client = logged_in(editor_user(is_superuser=True))
    paths = [
        f"/admin/medinfo/article/{number}/autosave/",
        f"/admin/medinfo/article/{number}/compare/",
        f"/admin/medinfo/articlerevision/{number}/review/",
        f"/admin/medinfo/articlerevision/{number}/comments/",
    ]
    for path in paths:
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"_approve": "1", **TEXT}).status_code == 404, path


@pytest.mark.parametrize(("case", "value"), CASES, ids=IDS)
def test_decision_go_live_at(case, value):
    """The decision form's only typed value, the go-live time: a form error, nothing decided."""
    revision = submitted_revision()
    response = logged_in(reviewer_user()).post(
        review_url(revision), {"_approve": "1", "comment": "", "go_live_at": value}
    )
    revision.refresh_from_db()
    if value == "":
        assert response.status_code == 302, case  # empty: live now
        return
    assert response.status_code == 200, case
    assert revision.status == RevisionStatus.IN_REVIEW


def test_change_form_of_a_huge_article_id_redirects():
    """Django's own change form for an id past the range: the “doesn't exist” redirect."""
    client = logged_in(editor_user(is_superuser=True))
    article = draft_article()
    assert client.get(change_url(article)).status_code == 200
    response = client.get("/admin/medinfo/article/99999999999999999999/change/")
    assert response.status_code in (302, 404)
