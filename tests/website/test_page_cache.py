"""The whole-page cache: HTTP caching headers, 304s, and invalidation exactly when it matters."""

import pytest
from django.conf import settings
from django.urls import reverse

from medinfo import workflow
from tests.admin_forms import logged_in
from tests.factories import BrandNameFactory, DrugFactory, editor_user, reviewer_user
from tests.public_site import (
    MILNACIPRAN_TITLE,
    committed,
    parse,
    publish,
    republish,
    unpublish,
)

pytestmark = pytest.mark.django_db

ARTICLE_URL = "/drugs/milnacipran/uses/"
NEW_TITLE = "How Can Milnacipran Help?"


@pytest.fixture
def other_hub(client):
    """/drugs/duloxetine/: a different drug's hub, already served once so it is cached."""
    publish(drug=DrugFactory(generic_name="duloxetine", slug="duloxetine"))
    assert client.get("/drugs/duloxetine/").status_code == 200
    return "/drugs/duloxetine/"


def main_text(client, url):
    """The text of the page's <main> (what changes when an article does)."""
    response = client.get(url)
    assert response.status_code == 200
    return parse(response).find("main").text


def test_anonymous_page_is_publicly_cacheable(client, uses_article):
    """An anonymous visitor's page says public, max-age, with an ETag and Last-Modified."""
    response = client.get(ARTICLE_URL)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", f"max-age={settings.MEDINFO_PAGE_MAX_AGE}"} <= cache_control
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_anonymous_page_sets_no_cookie(client, uses_article):
    """A cacheable page never sets a cookie and does not vary on cookies."""
    for _visit in range(2):
        response = client.get(ARTICLE_URL)
        assert not response.cookies and not response.has_header("Set-Cookie")
        assert "cookie" not in response.get("Vary", "").lower()


def test_matching_etag_gets_not_modified(client, uses_article):
    """A repeat request with If-None-Match equal to the ETag gets 304 and no body."""
    etag = client.get(ARTICLE_URL)["ETag"]
    response = client.get(ARTICLE_URL, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_if_modified_since_gets_not_modified(client, uses_article):
    """A repeat request with If-Modified-Since equal to Last-Modified gets 304."""
    last_modified = client.get(ARTICLE_URL)["Last-Modified"]
    response = client.get(ARTICLE_URL, headers={"If-Modified-Since": last_modified})
    assert response.status_code == 304
    assert response.content == b""


def test_stale_etag_gets_the_new_page(client, uses_article):
    """After a new approval, a visitor's old copy no longer matches and the new page is sent."""
    etag = client.get(ARTICLE_URL)["ETag"]
    republish(uses_article, title=NEW_TITLE)
    response = client.get(ARTICLE_URL, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert parse(response).find("h1").text == NEW_TITLE


@pytest.mark.parametrize(
    "url",
    [
        ARTICLE_URL,
        "/drugs/milnacipran/",
        "/drugs/",
        "/",
        "/search/?q=milnacipran",
        "/reviewers/kristi-monson/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/feeds/latest/",
    ],
)
def test_repeat_anonymous_visit_runs_no_queries(
    client, uses_article, url, django_assert_num_queries
):
    """The second anonymous request for a page is served from the cache, without the database."""
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content


def test_new_revision_replaces_the_cached_article(reader, uses_article):
    """After a new revision is approved, the article page shows its text at once."""
    assert parse(reader.get(ARTICLE_URL)).find("h1").text == MILNACIPRAN_TITLE
    republish(uses_article, title=NEW_TITLE, lead="A newly approved lead.")
    page = parse(reader.get(ARTICLE_URL))
    assert page.find("h1").text == NEW_TITLE
    assert page.find("p", class_="lead").text == "A newly approved lead."


def test_unapproved_draft_does_not_touch_the_cached_article(client, uses_article):
    """Saving and submitting a new draft leaves the public page on the approved text."""
    client.get(ARTICLE_URL)
    editor = editor_user()
    with committed():
        draft = workflow.start_revision(article=uses_article, author=editor)
        draft = workflow.save_draft(revision=draft, editor=editor, expected_version=draft.version,
                                    title=NEW_TITLE, lead="Draft lead.", body="",
                                    references=draft.references)  # fmt: skip
        workflow.submit_revision(revision=draft, submitter=editor)
    assert parse(client.get(ARTICLE_URL)).find("h1").text == MILNACIPRAN_TITLE


def test_new_revision_reaches_the_drug_hub(reader, uses_article):
    """The drug hub lists the article under its newly approved title."""
    assert MILNACIPRAN_TITLE in main_text(reader, "/drugs/milnacipran/")
    republish(uses_article, title=NEW_TITLE)
    text = main_text(reader, "/drugs/milnacipran/")
    assert NEW_TITLE in text and MILNACIPRAN_TITLE not in text


def test_new_revision_reaches_the_home_page(client, uses_article):
    """The home page lists the article under its newly approved title."""
    assert MILNACIPRAN_TITLE in main_text(client, "/")
    republish(uses_article, title=NEW_TITLE)
    text = main_text(client, "/")
    assert NEW_TITLE in text and MILNACIPRAN_TITLE not in text


def test_new_revision_reaches_the_index(client, uses_article):
    """A brand approved in a new revision appears in the cached A–Z at once."""
    assert "Ixel" not in main_text(client, "/drugs/")
    BrandNameFactory(drug=uses_article.drug, name="Ixel", slug="ixel")
    republish(uses_article)
    assert "Ixel® — see milnacipran" in main_text(client, "/drugs/")


def test_new_revision_reaches_search_results(client, uses_article):
    """Search results show the newly approved title."""
    assert MILNACIPRAN_TITLE in main_text(client, "/search/?q=milnacipran")
    republish(uses_article, title=NEW_TITLE)
    assert NEW_TITLE in main_text(client, "/search/?q=milnacipran")


def test_unpublished_article_is_gone_at_once(reader, uses_article):
    """Unpublishing makes the cached article 404 on the very next request."""
    assert reader.get(ARTICLE_URL).status_code == 200
    unpublish(uses_article)
    assert reader.get(ARTICLE_URL).status_code == 404
    assert reader.get("/drugs/milnacipran/").status_code == 404
    assert MILNACIPRAN_TITLE not in main_text(reader, "/")


def test_publishing_leaves_unrelated_pages_cached(
    client, uses_article, other_hub, django_assert_num_queries
):
    """Approving a milnacipran revision does not flush another drug's cached hub."""
    republish(uses_article, title=NEW_TITLE)
    with django_assert_num_queries(0):
        assert client.get(other_hub).status_code == 200


def test_related_article_shows_the_new_title(reader, uses_article):
    """An article listing X as related shows X's new title once X is approved again."""
    other = publish(drug=DrugFactory(), title="What Is Testadrine Used For?")
    other.related_articles.add(uses_article)
    republish(other)  # related articles, like text, take effect when approved
    related_list = parse(reader.get(other.get_absolute_url())).find("aside", class_="related")
    assert related_list.find("a").text == MILNACIPRAN_TITLE
    republish(uses_article, title=NEW_TITLE)
    related_list = parse(reader.get(other.get_absolute_url())).find("aside", class_="related")
    assert related_list.find("a").text == NEW_TITLE


def test_related_article_drops_an_unpublished_one(reader, uses_article):
    """An article listing X as related stops linking to X once X is unpublished."""
    other = publish(drug=DrugFactory(), title="What Is Testadrine Used For?")
    other.related_articles.add(uses_article)
    republish(other)
    assert parse(reader.get(other.get_absolute_url())).find_all("aside", class_="related")
    unpublish(uses_article)
    assert parse(reader.get(other.get_absolute_url())).find_all("aside", class_="related") == []


def test_reviewer_page_lists_a_newly_approved_article(client, uses_article):
    """The reviewer's cached page lists an article they have just approved."""
    reviewer = uses_article.live_revision.reviewer
    assert "What Is Testadrine Used For?" not in main_text(client, "/reviewers/kristi-monson/")
    publish(drug=DrugFactory(), reviewer=reviewer.user, title="What Is Testadrine Used For?")
    assert "What Is Testadrine Used For?" in main_text(client, "/reviewers/kristi-monson/")


def test_signed_in_visitors_are_never_served_from_the_page_cache(client, uses_article):
    """A request with a session cookie always gets a freshly built page."""
    assert client.get(ARTICLE_URL).status_code == 200
    # Unpublish without running the on-commit invalidation: the cached copy is now stale.
    workflow.unpublish_article(article=uses_article, reviewer_user=reviewer_user(), reason="Test.")
    assert client.get(ARTICLE_URL).status_code == 200
    client.cookies["sessionid"] = "x"
    assert client.get(ARTICLE_URL).status_code == 404


def test_signed_in_responses_are_not_stored_for_anonymous_visitors(client, uses_article):
    """What a signed-in visitor was shown is never replayed to the next anonymous visitor."""
    client.cookies["sessionid"] = "x"
    assert client.get(ARTICLE_URL).status_code == 200
    assert "public" not in client.get(ARTICLE_URL)["Cache-Control"]
    del client.cookies["sessionid"]
    response = client.get(ARTICLE_URL)
    assert response.status_code == 200 and "public" in response["Cache-Control"]


def test_related_article_added_in_the_admin_shows_once_approved(client, uses_article):
    """A related article linked in the admin reaches the cached page when a pharmacist approves it.

    Until this change the test asserted that it showed at once, on saving: the
    leak the invariant forbids (page settings are now reviewed with the revision).
    """
    other = publish(drug=DrugFactory(), title="What Is Testadrine Used For?")
    assert parse(client.get(ARTICLE_URL)).find_all("aside", class_="related") == []
    editor = logged_in(editor_user())
    revision = uses_article.live_revision
    form = {"title": revision.title, "lead": revision.lead, "body": revision.body,
            "search_description": "", "draft_version": "", "ads_enabled": "on",
            "related_articles": [other.pk], "_save": "Save"}  # fmt: skip
    with committed():
        response = editor.post(
            reverse("admin:medinfo_article_change", args=[uses_article.pk]), form
        )
    assert response.status_code == 302
    assert parse(client.get(ARTICLE_URL)).find_all("aside", class_="related") == []
    uses_article.refresh_from_db()
    with committed():
        submitted = workflow.submit_revision(
            revision=uses_article.latest_revision, submitter=editor_user()
        )
        workflow.approve_revision(revision=submitted, reviewer_user=reviewer_user())
    related_list = parse(client.get(ARTICLE_URL)).find("aside", class_="related")
    assert related_list.find("a").text == "What Is Testadrine Used For?"


@pytest.mark.parametrize("first_secure", [False, True], ids=["http first", "https first"])
def test_canonical_address_follows_each_requests_scheme(reader, uses_article, first_secure):
    """Served over http and https alike (no redirect to https), each answer names its own
    scheme in the canonical link, og:url and JSON-LD, whichever scheme came first.

    Failed before (outside attack F3): the page head was cached by host, not scheme, so
    the first scheme's addresses reached every later reader.
    """
    for secure in (first_secure, not first_secure, first_secure, not first_secure):
        scheme = "https" if secure else "http"
        html = reader.get(ARTICLE_URL, secure=secure).content.decode()
        page = parse(reader.get(ARTICLE_URL, secure=secure))
        assert (
            page.find("link", rel="canonical").attrs["href"]
            == f"{scheme}://testserver{ARTICLE_URL}"
        )
        other = "http" if secure else "https"
        assert f"{other}://testserver/" not in html
