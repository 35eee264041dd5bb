"""Site pages (About, Editorial policy, Advertising policy, Privacy), issue #12 item 7.

A site page is an article of the kind "site page", about neither a drug nor a
condition, at /<slug>/. It is written, frozen, reviewed (four eyes), published and
recorded exactly like every article. Every test here failed on the old code, which
had no such kind and no such addresses, unless its docstring says otherwise.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import resolve, reverse

from medinfo import workflow
from medinfo.models import Article, ArticleKind, ReviewEvent
from tests.admin_forms import logged_in
from tests.factories import editor_and_reviewer, editor_user, milnacipran, reviewer_user, revise
from tests.public_site import (
    committed,
    graph_nodes,
    json_ld,
    parse,
    publish_milnacipran_uses,
    unpublish,
)

pytestmark = pytest.mark.django_db

ABOUT_URL = "/about/"
ABOUT_TITLE = "About MedInfo"
FOOTER_LINKS = ["/about/", "/editorial-policy/", "/advertising-policy/", "/privacy/"]


def site_page(*, author=None, slug="about", **text):
    """A new site page with its first draft, created through the workflow."""
    text = {"title": ABOUT_TITLE, "lead": "Who writes MedInfo.", "body": "<p>We do.</p>", **text}
    return workflow.create_article(
        author=author or editor_user(), kind=ArticleKind.SITE_PAGE, slug=slug, **text
    )


def submit(article):
    draft = article.latest_revision
    return workflow.submit_revision(revision=draft, submitter=draft.author)


def publish_site_page(*, reviewer=None, **kwargs):
    """A site page written by an editor and approved by a pharmacist, side effects applied."""
    with committed():
        article = site_page(**kwargs)
        workflow.approve_revision(
            revision=submit(article), reviewer_user=reviewer or reviewer_user()
        )
    article.refresh_from_db()
    return article


def page_title(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response).find("h1").text


# Published through review -----------------------------------------------------------


def test_site_page_is_not_found_until_a_pharmacist_approves_it(client):
    """A draft and a page in review are 404 at /about/; the approved page answers 200."""
    article = site_page()
    assert client.get(ABOUT_URL).status_code == 404
    revision = submit(article)
    assert client.get(ABOUT_URL).status_code == 404
    with committed():
        workflow.approve_revision(revision=revision, reviewer_user=reviewer_user())
    assert page_title(client, ABOUT_URL) == ABOUT_TITLE


def test_unpublished_site_page_is_not_found_again(client):
    """Unpublishing takes a site page off the site like any article."""
    article = publish_site_page()
    assert client.get(ABOUT_URL).status_code == 200
    unpublish(article)
    assert client.get(ABOUT_URL).status_code == 404


def test_editing_a_site_page_needs_another_pharmacist(client):
    """Four eyes: the pharmacist who edited a site page cannot approve it, and the public
    keeps the approved text until another pharmacist does."""
    article = publish_site_page()
    writer = editor_and_reviewer()
    revision = revise(article, author=writer, title="About Us")
    with pytest.raises(workflow.WorkflowError, match="four eyes"):
        workflow.approve_revision(revision=revision, reviewer_user=writer)
    assert page_title(client, ABOUT_URL) == ABOUT_TITLE
    with committed():
        workflow.approve_revision(revision=revision, reviewer_user=reviewer_user())
    assert page_title(client, ABOUT_URL) == "About Us"


def test_site_page_history_records_each_step(client):
    """The audit log of a site page names the draft, the submission and the approval."""
    article = publish_site_page()
    states = list(
        ReviewEvent.objects.filter(article=article)
        .order_by("pk")
        .values_list("to_state", flat=True)
    )
    assert states == ["draft", "in_review", "approved"]


def test_editor_creates_a_site_page_in_the_admin(client):
    """The article form takes the kind "site page" with neither drug nor condition."""
    form = {"title": ABOUT_TITLE, "lead": "Who writes MedInfo.", "body": "<p>We do.</p>",
            "search_description": "", "draft_version": "", "kind": ArticleKind.SITE_PAGE,
            "drug": "", "condition": "", "slug": "about", "ads_enabled": ""}  # fmt: skip
    response = logged_in(editor_user()).post(reverse("admin:medinfo_article_add"), form)
    assert response.status_code == 302
    article = Article.objects.site_pages().get(slug="about")
    assert article.get_absolute_url() == ABOUT_URL
    assert client.get(ABOUT_URL).status_code == 404  # a draft, not yet reviewed


# Addresses and constraints ------------------------------------------------------------


@pytest.mark.parametrize("slug", ["admin", "drugs", "conditions", "search", "healthz"])
def test_site_page_cannot_take_an_address_the_site_uses(slug):
    """A slug whose /<slug>/ another route answers is refused with a message about the slug."""
    with pytest.raises(ValidationError) as refused:
        site_page(slug=slug)
    assert "already uses" in str(refused.value.message_dict["slug"])


def test_site_page_about_a_drug_is_refused():
    """A site page has neither drug nor condition (the database constraint)."""
    page = Article(kind=ArticleKind.SITE_PAGE, slug="about", drug=milnacipran())
    with pytest.raises(ValidationError, match="site pages need neither"):
        page.full_clean()


def test_two_site_pages_cannot_share_an_address():
    """One site page per slug."""
    site_page(slug="privacy")
    with pytest.raises(ValidationError, match="Another site page already has this address"):
        site_page(slug="privacy", title="Privacy again")


def test_an_article_kind_that_needs_a_subject_still_needs_one():
    """The new kind did not open the constraint: a uses article without a drug is refused
    (passed on the old code too)."""
    page = Article(kind=ArticleKind.USES, slug="about")
    with pytest.raises(ValidationError, match="need a drug"):
        page.full_clean()


FIXED_ADDRESSES = ["/admin/", "/drugs/", "/conditions/", "/search/", "/healthz/",
                   "/feeds/latest/", "/sitemap.xml", "/robots.txt", "/ads.txt"]  # fmt: skip


@pytest.mark.parametrize("url", FIXED_ADDRESSES)
def test_site_pages_shadow_no_other_address(client, url):
    """With site pages published, every fixed address still reaches its own view."""
    publish_site_page()
    assert resolve(url).url_name != "site_page"
    assert client.get(url).status_code in (200, 302)


# Where site pages are listed ------------------------------------------------------------


@pytest.fixture
def site_and_article():
    """The About page and the milnacipran article, both approved by Kristi Monson."""
    kristi = reviewer_user(display_name="Kristi Monson", slug="kristi-monson")
    publish_milnacipran_uses(reviewer=kristi)
    return publish_site_page(reviewer=kristi)


def test_site_page_is_in_the_sitemap(client, site_and_article):
    """Crawlers find /about/ in the articles sitemap."""
    sitemap = client.get("/sitemap-articles.xml").content.decode()
    assert "http://testserver/about/" in sitemap


@pytest.mark.parametrize("url", ["/", "/drugs/", "/conditions/", "/reviewers/kristi-monson/"])
def test_site_page_is_not_listed_among_articles(client, site_and_article, url):
    """Home's latest articles, the A–Z indexes and the reviewer's list leave site pages out."""
    page = parse(client.get(url))
    assert ABOUT_TITLE not in page.find("main").text


def test_site_page_is_not_in_the_feed_of_reviewed_articles(client, site_and_article):
    """The feed carries drug and condition articles only."""
    feed = client.get("/feeds/latest/").content.decode()
    assert "What Is Milnacipran Used For?" in feed and ABOUT_TITLE not in feed


def test_search_finds_a_site_page(client, site_and_article):
    """A visitor searching for the site's policies finds them."""
    results = parse(client.get("/search/?q=about+medinfo")).find("main")
    assert ABOUT_URL in [link.attrs.get("href") for link in results.find_all("a")]


def test_site_page_json_ld_is_a_web_page_reviewed_by_the_pharmacist(client, site_and_article):
    """A site page is a WebPage, not a MedicalWebPage, still naming who reviewed it."""
    (document,) = json_ld(client.get(ABOUT_URL))
    assert not graph_nodes(document, "MedicalWebPage")
    (page,) = graph_nodes(document, "WebPage")
    assert page["reviewedBy"]["name"] == "Kristi Monson" and "about" not in page


def test_site_page_byline_says_reviewed_not_medically_reviewed(client, site_and_article):
    """Under the title: "Reviewed by Kristi Monson, PharmD", linking to her page."""
    byline = parse(client.get(ABOUT_URL)).find("p", class_="byline")
    assert byline.text.startswith("Reviewed by Kristi Monson, PharmD ·")
    assert byline.find("a").attrs["href"] == "/reviewers/kristi-monson/"


def test_site_page_breadcrumbs_lead_home(client, site_and_article):
    """Home › About MedInfo."""
    crumbs = parse(client.get(ABOUT_URL)).find("nav", class_="breadcrumbs")
    assert [item.text for item in crumbs.find_all("li")] == ["Home", ABOUT_TITLE]


# The footer ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/drugs/milnacipran/uses/", "/about/", "/no-such-page/"])
def test_every_page_footer_links_to_the_four_site_pages(client, site_and_article, url):
    """The footer of articles, site pages, home and the 404 page links to all four."""
    footer = parse(client.get(url)).find("footer", class_="site-footer")
    assert [link.attrs["href"] for link in footer.find_all("a")] == FOOTER_LINKS


def test_footer_links_reach_the_approved_pages(client):
    """Each footer link answers 200 once its page is approved."""
    for url in FOOTER_LINKS:
        publish_site_page(slug=url.strip("/"), title=url.strip("/").replace("-", " ").title())
    footer = parse(client.get("/")).find("footer", class_="site-footer")
    for link in footer.find_all("a"):
        assert client.get(link.attrs["href"]).status_code == 200, link.attrs["href"]
