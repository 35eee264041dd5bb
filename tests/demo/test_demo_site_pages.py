"""The demo's site pages (issue #12 item 7): the four pages the footer links to, published
through review by a pharmacist who did not write them, in plain words, without ads.
Each test failed on the old code, which had no site pages.
"""

import pytest

from demo.loader import ensure_users
from demo.sitepages import load_site_pages, site_pages
from medinfo.models import Article, ArticleKind
from medinfo.readability import reading_grade
from tests.public_site import committed, parse

pytestmark = pytest.mark.django_db

SLUGS = ["about", "editorial-policy", "advertising-policy", "privacy"]


@pytest.fixture
def users():
    """The demo's editor and pharmacists (load_demo's accounts)."""
    return ensure_users({})


@pytest.fixture
def loaded(users):
    """The demo's site pages, published as load_demo publishes them, side effects applied."""
    with committed():
        return load_site_pages(users)


def test_the_demo_publishes_the_four_site_pages(loaded):
    """About, Editorial policy, Advertising policy and Privacy are live site pages."""
    live = Article.objects.live().site_pages()
    assert loaded == 4
    assert sorted(live.values_list("slug", flat=True)) == sorted(SLUGS)
    assert all(article.kind == ArticleKind.SITE_PAGE for article in live)


def test_every_footer_link_answers(loaded, client):
    """Each link in the footer of the home page opens its page."""
    footer = parse(client.get("/")).find("footer", class_="site-footer")
    hrefs = [link.attrs["href"] for link in footer.find_all("a")]
    assert hrefs == [f"/{slug}/" for slug in SLUGS]
    for href in hrefs:
        response = client.get(href)
        assert response.status_code == 200, href
        assert parse(response).find("h1").text


def test_site_pages_were_approved_by_a_pharmacist_who_did_not_write_them(loaded):
    """Four eyes: written and submitted by the editor, approved by a reviewer."""
    for article in Article.objects.site_pages().select_related("live_revision__reviewer__user"):
        revision = article.live_revision
        assert revision.author.username == "editor"
        assert revision.reviewer.user.username == "reviewer"
        assert not revision.contributors.filter(pk=revision.reviewer.user_id).exists()


@pytest.mark.parametrize("spec", site_pages(), ids=SLUGS)
def test_site_pages_read_at_grade_eight_or_below(spec):
    """Plain words: the Flesch-Kincaid grade of each page's lead and body is at most 8."""
    assert reading_grade(lead=spec["lead"], body=spec["body"]) <= 8


def test_site_pages_show_no_ads(loaded, client):
    """The approved page settings switch ads off, so no slot is reserved on them."""
    for slug in SLUGS:
        page = parse(client.get(f"/{slug}/"))
        assert not page.find_all("div", class_="ad-slot"), slug


def test_loading_the_site_pages_again_adds_none(loaded, users):
    """The loader only adds what is missing."""
    assert load_site_pages(users) == 0
