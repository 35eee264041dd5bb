"""What the site answers besides its reading pages.

Pages that do not exist for the public, the 500 page, and the machine-readable pages:
sitemaps, robots.txt, the feed, the health check and ads.txt.
"""

import json
import xml.etree.ElementTree as ElementTree

import pytest
from django.db import OperationalError, connection
from django.test import Client

from conditions.models import Condition
from medinfo import workflow
from medinfo.models import ArticleKind
from tests.factories import (
    DrugFactory,
    draft_article,
    reviewer_user,
    submitted_revision,
)
from tests.public_site import (
    MILNACIPRAN_TITLE,
    parse,
    publish,
    unpublish,
)

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def xml_root(response):
    """The root element of an XML response (our own output, so the stdlib parser is safe)."""
    return ElementTree.fromstring(response.content)  # noqa: S314


def raise_database_error(*args, **kwargs):
    raise OperationalError("the database is unreachable")


# Pages that do not exist for the public


def _changes_requested(**kwargs):
    revision = submitted_revision(**kwargs)
    workflow.request_changes(revision=revision, reviewer_user=reviewer_user(), comment="Fix it.")


NOT_LIVE = {
    "draft only": lambda drug: draft_article(drug=drug, kind=ArticleKind.DOSAGE, slug="dosage"),
    "in review only": lambda drug: submitted_revision(
        drug=drug, kind=ArticleKind.DOSAGE, slug="dosage"
    ),
    "changes requested": lambda drug: _changes_requested(
        drug=drug, kind=ArticleKind.DOSAGE, slug="dosage"
    ),
    "unpublished": lambda drug: unpublish(
        publish(drug=drug, kind=ArticleKind.DOSAGE, slug="dosage")
    ),
}


@pytest.mark.parametrize("state", NOT_LIVE)
def test_article_that_is_not_live_is_not_found(client, uses_article, state):
    """Drafts, revisions in review, sent-back and unpublished articles are 404 for the public."""
    NOT_LIVE[state](uses_article.drug)
    assert client.get("/drugs/milnacipran/dosage/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/drugs/no-such-drug/",
        "/drugs/no-such-drug/uses/",
        "/drugs/milnacipran/no-such-article/",
        "/conditions/no-such-condition/",
        "/conditions/fibromyalgia/no-such-article/",
        "/reviewers/nobody/",
    ],
)
def test_unknown_addresses_are_not_found(client, uses_article, url):
    """Unknown drug, condition, article and reviewer slugs are 404."""
    assert client.get(url).status_code == 404


def test_drug_article_is_not_found_under_its_condition(client, uses_article):
    """An article about a drug is not reachable through /conditions/<slug>/<article>/."""
    fibromyalgia = Condition.objects.get(slug="fibromyalgia")
    publish(drug=uses_article.drug, condition=fibromyalgia, kind=ArticleKind.GENERAL,
            slug="living-with-fibromyalgia")  # fmt: skip
    assert client.get("/drugs/milnacipran/living-with-fibromyalgia/").status_code == 200
    assert client.get("/conditions/fibromyalgia/living-with-fibromyalgia/").status_code == 404
    assert client.get("/conditions/fibromyalgia/uses/").status_code == 404


def test_not_found_page_uses_the_site_template(client):
    """A 404 keeps the site header and navigation and says “Page not found”."""
    response = client.get("/drugs/no-such-drug/")
    page = parse(response)
    assert response.status_code == 404
    assert page.find("header", class_="site-header").find("a", class_="brand").text == "MedInfo"
    assert page.find("h1").text == "Page not found"


# Machine-readable pages


def test_sitemap_index_names_the_section_sitemaps(client, uses_article):
    """/sitemap.xml is an index pointing to the articles, drugs and conditions sitemaps."""
    response = client.get("/sitemap.xml")
    root = xml_root(response)
    assert root.tag == f"{{{SITEMAP_NS['sm']}}}sitemapindex"
    locations = {element.text for element in root.findall("sm:sitemap/sm:loc", SITEMAP_NS)}
    assert locations == {
        f"http://testserver/sitemap-{section}.xml"
        for section in ["articles", "drugs", "conditions"]
    }


def test_article_sitemap_lists_live_articles_with_their_approval_date(client, uses_article):
    """The articles sitemap lists live articles only, each with its approval as lastmod."""
    draft_article(drug=uses_article.drug, kind=ArticleKind.DOSAGE, slug="dosage")
    unpublish(publish(drug=uses_article.drug, kind=ArticleKind.PRECAUTIONS, slug="precautions"))
    root = xml_root(client.get("/sitemap-articles.xml"))
    entries = [
        (url.find("sm:loc", SITEMAP_NS).text, url.find("sm:lastmod", SITEMAP_NS).text)
        for url in root.findall("sm:url", SITEMAP_NS)
    ]
    assert [location for location, _ in entries] == ["http://testserver/drugs/milnacipran/uses/"]
    assert entries[0][1] == uses_article.live_revision.reviewed_at.date().isoformat()


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client):
    """robots.txt disallows /admin/ and points crawlers at the sitemap."""
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_feed_lists_the_latest_reviewed_articles(client, uses_article):
    """/feeds/latest/ is RSS with the live articles, newest first, and no drafts."""
    publish(drug=DrugFactory(), title="A Newer Article")
    draft_article(drug=DrugFactory(), title="A Draft Article")
    response = client.get("/feeds/latest/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = xml_root(response).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["A Newer Article", MILNACIPRAN_TITLE]


def test_home_page_announces_the_feed(client):
    """Old code: the home page had no <link rel="alternate">, so feed readers found no feed."""
    links = [link.attrs for link in parse(client.get("/")).find_all("link")]
    feeds = [link for link in links if link.get("type") == "application/rss+xml"]
    assert [(link["rel"], link["href"]) for link in feeds] == [("alternate", "/feeds/latest/")]
    assert feeds[0]["title"]


@pytest.mark.parametrize("path", ["/healthz", "/healthz/"])
def test_health_check_reports_ok(client, path):
    """/healthz, with or without the trailing slash, answers 200 with {"status": "ok"}."""
    response = client.get(path)
    assert response.status_code == 200
    assert json.loads(response.content)["status"] == "ok"


def test_health_check_reports_an_unreachable_database(client, monkeypatch):
    """/healthz answers 503 with JSON when the database cannot be reached."""
    monkeypatch.setattr(connection, "cursor", raise_database_error)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["status"] != "ok"


def test_ads_txt_is_plain_text(client):
    """/ads.txt is served as plain text."""
    response = client.get("/ads.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")


# The 500 page


@pytest.fixture
def visitor():
    """A browser that gets the error page instead of the test re-raising the exception."""
    return Client(raise_request_exception=False)


@pytest.mark.urls("tests.website.urls_with_errors")
def test_server_error_shows_the_site_500_page_without_details(visitor, settings):
    """A bug shows the site's own “Something went wrong” page, never a traceback."""
    settings.DEBUG = False
    response = visitor.get("/broken/")
    body = response.content.decode()
    assert response.status_code == 500
    assert parse(response).find("h1").text == "Something went wrong"
    assert "Traceback" not in body and "RuntimeError" not in body and "a bug" not in body


@pytest.mark.urls("tests.website.urls_with_errors")
def test_server_error_page_renders_without_the_database(visitor, settings, monkeypatch):
    """The 500 page needs no database: it still renders while the database is down."""
    settings.DEBUG = False
    monkeypatch.setattr(connection, "cursor", raise_database_error)
    response = visitor.get("/broken/")
    assert response.status_code == 500
    assert parse(response).find("h1").text == "Something went wrong"
