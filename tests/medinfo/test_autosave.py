"""Autosave and the live preview beside the article form (#13 item 5, editing comfort).

On the old code (f9c34b1) none of this existed: the preview showed the last saved
draft only, and there was no autosave endpoint (every request here was a 404).
"""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from medinfo.models import ArticleAutosave
from tests.admin_forms import change_url, logged_in, page_text
from tests.factories import (
    DrugFactory,
    UserFactory,
    ad_manager_user,
    draft_article,
    editor_and_reviewer,
    editor_user,
    published_article,
    reviewer_user,
)
from tests.public_site import parse, publish

pytestmark = pytest.mark.django_db

TEXT = {
    "title": "What Is It Used For Now?",
    "lead": "A lead typed but not saved.",
    "body": "<p>Unsaved words about the medicine.</p>",
    "search_description": "",
}


def autosave_url(article):
    return reverse("admin:medinfo_article_autosave", args=[article.pk])


def preview_url(article):
    return reverse("autosave_preview", args=[article.pk])


def view_only_staff():
    """Staff who may look at articles but not change them."""
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    return user


@pytest.fixture
def owner():
    return editor_user(username="owner")


@pytest.fixture
def article(owner):
    return draft_article(author=owner)


# Who may autosave: (role, status of the POST). Pharmacist reviewers hold the editors'
# writing rights (medinfo.roles), so they may edit an article's text too.
PERMISSIONS = [
    ("anonymous", 302),
    ("staff who may only view articles", 403),
    ("ad manager", 403),
    ("another editor", 200),
    # Pharmacists review and do not write articles (#13 item 6), unless also in Editors.
    ("reviewer", 403),
    ("reviewer who is also an editor", 200),
    ("owner", 200),
]


def client_for(role, owner):
    makers = {
        "staff who may only view articles": view_only_staff,
        "ad manager": ad_manager_user,
        "another editor": editor_user,
        "reviewer": reviewer_user,
        "reviewer who is also an editor": editor_and_reviewer,
    }
    if role == "anonymous":
        return Client()
    return logged_in(owner if role == "owner" else makers[role]())


@pytest.mark.parametrize(("role", "status"), PERMISSIONS)
def test_only_those_who_may_edit_the_article_autosave_it(owner, article, role, status):
    """Each role gets the status its rights give; only an allowed post stores a row, its own."""
    client = client_for(role, owner)
    response = client.post(autosave_url(article), TEXT)
    assert response.status_code == status
    stored = ArticleAutosave.objects.filter(article=article)
    if status == 200:
        row = stored.get()
        assert row.title == TEXT["title"]
        assert (row.user == owner) == (role == "owner")  # kept for whoever typed it
    else:
        assert not stored.exists()
    if status == 302:
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(("role", "status"), PERMISSIONS)
def test_the_live_preview_answers_the_same_people(owner, article, role, status):
    """The preview page opens for exactly those who may autosave; others are refused or sent to log in."""
    response = client_for(role, owner).get(preview_url(article))
    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), PERMISSIONS)
def test_autosave_answers_like_saving_the_article_form(owner, article, role, status):
    """Whoever may not save the article form may not autosave it either, and the reverse."""
    client = client_for(role, owner)
    form_status = client.get(change_url(article)).status_code
    may_open_form = form_status == 200 and "Save draft" in page_text(
        client.get(change_url(article))
    )
    assert may_open_form == (status == 200)


def test_each_editor_sees_only_their_own_autosave(owner, article):
    """Another editor's preview and autosave read never show the owner's unsaved text."""
    logged_in(owner).post(autosave_url(article), TEXT)
    other = logged_in(editor_user())
    assert other.get(autosave_url(article)).json() == {}
    assert "Unsaved words" not in page_text(other.get(preview_url(article)))
    mine = logged_in(owner).get(autosave_url(article)).json()
    assert mine["body"] == TEXT["body"]


def test_autosave_needs_the_csrf_token(owner, article):
    """A post without the CSRF token is refused and stores nothing; with it, it is stored."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    assert browser.post(autosave_url(article), TEXT).status_code == 403
    assert not ArticleAutosave.objects.exists()
    browser.get(change_url(article))
    token = browser.cookies["csrftoken"].value
    response = browser.post(autosave_url(article), {**TEXT, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert ArticleAutosave.objects.filter(article=article, user=owner).exists()


def test_hostile_html_is_sanitised_when_stored_and_previewed(owner, article):
    """Scripts, event handlers and javascript: links never reach the row or the preview."""
    hostile = (
        '<p onclick="steal()">Safe words</p><script>alert(1)</script>'
        '<a href="javascript:alert(2)">link</a><img src=x onerror=alert(3)>'
    )
    client = logged_in(owner)
    text = {**TEXT, "body": hostile, "title": "Title\u202e with\x07 controls"}
    assert client.post(autosave_url(article), text).status_code == 200
    stored = ArticleAutosave.objects.get(article=article)
    for bad in ("script", "onclick", "javascript:", "onerror", "<img"):
        assert bad not in stored.body
    assert "Safe words" in stored.body
    assert stored.title == "Title with controls"
    page = page_text(client.get(preview_url(article)))
    assert "Safe words" in page
    assert "alert(" not in page and "onclick" not in page


def test_the_preview_renders_the_autosave_not_the_draft(owner, article):
    """After an autosave the preview shows the unsaved words, marked as unsaved changes."""
    client = logged_in(owner)
    before = page_text(client.get(preview_url(article)))
    assert "Approved body." in before and "Unsaved words" not in before
    client.post(autosave_url(article), TEXT)
    after = page_text(client.get(preview_url(article)))
    assert "Unsaved words about the medicine." in after
    assert TEXT["title"] in after
    assert "Preview of your unsaved changes" in after
    assert "Approved body." not in after


def test_preview_and_autosave_are_private_and_never_cached(owner, article):
    """noindex, no caching by browsers or the page cache, and framed only by the admin."""
    client = logged_in(owner)
    saved = client.post(autosave_url(article), TEXT)
    preview = client.get(preview_url(article))
    for response in (saved, preview):
        assert "noindex" in response["X-Robots-Tag"]
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"


def test_autosave_never_reaches_the_public_page(owner):
    """A live article's public page keeps its approved words while an autosave exists."""
    article = published_article(author=owner)
    logged_in(owner).post(autosave_url(article), TEXT)
    public = page_text(Client().get(article.get_absolute_url()))
    assert "Approved body." in public
    assert "Unsaved words" not in public
    assert article.revisions.count() == 1  # an autosave is not a revision


def test_saving_the_draft_deletes_the_editors_autosave(owner, article):
    """Save draft in the article form removes the autosave it supersedes."""
    client = logged_in(owner)
    client.post(autosave_url(article), TEXT)
    data = {
        **TEXT,
        "draft_version": article.latest_revision.version,
        "kind": article.kind,
        "drug": article.drug_id,
        "condition": "",
        "slug": article.slug,
        "ads_enabled": "on",
        "_continue": "Save draft",
    }
    assert client.post(change_url(article), data).status_code == 302
    assert not ArticleAutosave.objects.filter(article=article).exists()
    article.latest_revision.refresh_from_db()
    assert article.latest_revision.title == TEXT["title"]


def test_discard_removes_the_autosave(owner, article):
    """“Discard them” on the restore offer deletes the row."""
    client = logged_in(owner)
    client.post(autosave_url(article), TEXT)
    assert client.post(autosave_url(article), {"discard": "1"}).status_code == 200
    assert not ArticleAutosave.objects.exists()


MALFORMED = [
    ("a text field missing", {key: value for key, value in TEXT.items() if key != "lead"}, 400),
    ("a title longer than a revision's", {**TEXT, "title": "x" * 201}, 400),
    ("a draft version that is no number", {**TEXT, "draft_version": "three"}, 400),
    ("nothing at all", {}, 400),
]


@pytest.mark.parametrize(("case", "data", "status"), MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_autosaves_are_refused_with_a_4xx(owner, article, case, data, status):
    """Bad input is a 4xx with the field named, never a 500, and stores nothing."""
    response = logged_in(owner).post(autosave_url(article), data)
    assert response.status_code == status, case
    assert "errors" in response.json()
    assert not ArticleAutosave.objects.exists()


def test_wrong_method_and_unknown_article_are_4xx(owner, article):
    """PUT is not allowed (405); an article that does not exist is a 404."""
    client = logged_in(owner)
    assert client.put(autosave_url(article)).status_code == 405
    missing = reverse("admin:medinfo_article_autosave", args=[article.pk + 1000])
    assert client.post(missing, TEXT).status_code == 404
    assert client.get(reverse("autosave_preview", args=[article.pk + 1000])).status_code == 404


def test_form_offers_to_restore_a_newer_autosave(owner, article):
    """Coming back to the form after an unsaved autosave: it is offered, with its text."""
    client = logged_in(owner)
    assert "Unsaved changes from your last visit" not in page_text(client.get(change_url(article)))
    client.post(autosave_url(article), TEXT)
    page = page_text(client.get(change_url(article)))
    assert "Unsaved changes from your last visit" in page
    assert "Unsaved words about the medicine." in page  # in the data the Restore button uses


def test_no_restore_offer_when_the_autosave_says_what_the_draft_says(owner, article):
    """An autosave identical to the saved draft is nothing to restore."""
    revision = article.latest_revision
    client = logged_in(owner)
    same = {name: getattr(revision, name) for name in TEXT}
    client.post(autosave_url(article), same)
    assert "Unsaved changes from your last visit" not in page_text(client.get(change_url(article)))


def related_titles(response):
    """The titles the page lists under "Related articles"."""
    asides = parse(response).find_all("aside", class_="related")
    return [link.text for aside in asides for link in aside.find_all("a")]


@pytest.fixture
def live_with_unapproved_link(owner):
    """A live article whose form lists a related article no pharmacist approved yet.

    Its latest revision is the live one, so the owner's autosave previews on top of it.
    """
    listed = publish(drug=DrugFactory(), title="What Is Listedine Used For?")
    article = publish(author=owner, title="What Is Testadrine Used For?")
    article.related_articles.add(listed)
    assert article.latest_revision_id == article.live_revision_id
    logged_in(owner).post(autosave_url(article), TEXT)
    return article


def test_an_autosave_preview_never_puts_unapproved_related_links_on_the_public_page(
    owner, live_with_unapproved_link
):
    """The live preview first, then a visitor: the visitor sees the approved list (none).

    Failed on the old code: the preview (a draft built on the live revision's id) cached
    its "Related articles" under the key of the live page's fragment, so the next
    visitor read a link no pharmacist had approved.
    """
    article = live_with_unapproved_link
    preview = logged_in(owner).get(preview_url(article))
    assert related_titles(preview) == ["What Is Listedine Used For?"]
    assert related_titles(Client().get(article.get_absolute_url())) == []


def test_an_autosave_preview_never_shows_the_public_pages_cached_related_links(
    owner, live_with_unapproved_link
):
    """A visitor first, then the live preview: the preview shows the form's list, as
    submitting would capture it. Failed on the old code: it showed the cached public list."""
    article = live_with_unapproved_link
    assert related_titles(Client().get(article.get_absolute_url())) == []
    preview = logged_in(owner).get(preview_url(article))
    assert related_titles(preview) == ["What Is Listedine Used For?"]


def test_a_draft_preview_follows_the_form_after_its_related_list_changed(owner, article):
    """A stored draft's preview lists what the form lists now, not what it listed at the
    last preview. Failed on the old code: the draft's list stayed cached under its id."""
    client = logged_in(owner)
    assert related_titles(client.get(preview_url(article))) == []
    article.related_articles.add(publish(drug=DrugFactory(), title="What Is Listedine Used For?"))
    assert related_titles(client.get(preview_url(article))) == ["What Is Listedine Used For?"]
