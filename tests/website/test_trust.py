"""Trust signals of the public pages (issue #12 item 7): the byline under the title, the
favicon, internal links that search engines may follow, and gzip that works with the
page cache. Each test failed on the old code unless its docstring says otherwise.
"""

import gzip

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from medinfo import workflow
from medinfo.models import Reviewer
from medinfo.preview import preview_url
from medinfo.sanitize import sanitize_html
from tests.factories import draft_article, editor_user, milnacipran, reviewer_user
from tests.public_site import committed, parse, publish_milnacipran_uses
from tests.replay_client import ReplayClient

pytestmark = pytest.mark.django_db

ARTICLE_URL = "/drugs/milnacipran/uses/"
# Stated here rather than imported, so the tests of old code fail one by one, not at import.
EXTERNAL_LINK_REL = "noopener noreferrer nofollow"
GZIP = {"Accept-Encoding": "gzip, deflate, br"}


# The byline under the title ------------------------------------------------------------


def article_children(client, url=ARTICLE_URL):
    """The elements of the page's <article>, in order."""
    return list(parse(client.get(url)).find("article").iter())


def test_byline_under_the_title_names_the_reviewer_and_month(client, uses_article):
    """“Medically reviewed by Kristi Monson, PharmD · November 2026” follows the <h1>."""
    elements = article_children(client)
    title = next(element for element in elements if element.tag == "h1")
    byline = elements[elements.index(title) + 1]
    reviewed = timezone.localtime(uses_article.live_revision.reviewed_at)
    assert byline.has_class("byline")
    assert byline.text == f"Medically reviewed by Kristi Monson, PharmD · {reviewed:%B %Y}"
    assert byline.find("a").attrs["href"] == "/reviewers/kristi-monson/"
    assert byline.find("time").attrs["datetime"] == reviewed.date().isoformat()


def test_last_reviewed_by_stays_at_the_end(client, uses_article):
    """DESIGN: “Last reviewed by” with the full date is still the article's last paragraph
    (kept as it was: passed on the old code too)."""
    paragraphs = [element for element in article_children(client) if element.tag == "p"]
    assert paragraphs[-1].has_class("reviewed-by")
    assert paragraphs[-1].text.startswith("Last reviewed by: Kristi Monson, PharmD")


def test_byline_under_the_title_keeps_the_name_approved(client, uses_article):
    """A later profile edit leaves the byline under the title as approved (it is frozen)."""
    Reviewer.objects.filter(slug="kristi-monson").update(display_name="Kristi Monson-Lee")
    byline = parse(client.get(ARTICLE_URL)).find("p", class_="byline")
    assert "Kristi Monson, PharmD" in byline.text and "Lee" not in byline.text


def test_preview_of_a_draft_names_no_reviewer_under_the_title(client):
    """Nobody has reviewed a draft, so its preview shows no byline under the title (passed on
    the old code too, which had no byline there at all)."""
    editor = editor_user()
    draft = draft_article(author=editor, drug=milnacipran()).latest_revision
    client.force_login(editor)
    page = parse(client.get(preview_url(draft)))
    assert not page.find_all("p", class_="byline")


# The favicon ------------------------------------------------------------------------------


@pytest.fixture
def static_files(settings):
    """Static files served from the project's folders, as `make run` serves them."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


def test_every_page_links_an_svg_icon_and_an_ico_fallback(client, static_files):
    """Both icons the page names answer 200 with an image type."""
    head = parse(client.get("/")).find("head")
    icons = {link.attrs.get("type", "ico"): link.attrs["href"] for link in head.find_all("link")
             if link.attrs.get("rel") == "icon"}  # fmt: skip
    assert set(icons) == {"image/svg+xml", "ico"}
    for href in icons.values():
        response = client.get(href)
        assert response.status_code == 200, href
        assert response["Content-Type"].startswith("image/")


def test_favicon_ico_at_the_root_reaches_the_icon(client, static_files):
    """/favicon.ico, which browsers ask for unprompted, leads to the icon (200 at the end)."""
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("/static/medinfo/favicon.ico")
    with open(finders.find("medinfo/favicon.ico"), "rb") as icon:
        assert b"".join(response.streaming_content) == icon.read()


# Links: followed inside the site, nofollow outside it -----------------------------------

INTERNAL = [
    "/conditions/fibromyalgia/",
    "#dosage",
    "?page=2",
    "overview/",
    "http://testserver/drugs/milnacipran/",
    "https://localhost/conditions/",
]
EXTERNAL = [
    "https://www.fda.gov/drugs/",
    "http://example.org/leaflet?page=2&amp;lang=en",
    "mailto:pharmacist@medinfo.example",
    "//evil.example/",
    "/\\evil.example/",
    " //evil.example/",
    "/&#9;/evil.example/",
    "https://testserver.evil.example/",
]


@pytest.mark.parametrize("href", INTERNAL)
def test_internal_links_carry_no_rel(href):
    """A link within the site is stored without rel, so search engines follow it."""
    assert sanitize_html(f'<p><a href="{href}">x</a></p>') == f'<p><a href="{href}">x</a></p>'


@pytest.mark.parametrize("href", EXTERNAL)
def test_external_links_keep_noopener_noreferrer_nofollow(href):
    """A link that leaves the site, however its address is disguised, keeps the safe rel,
    as before (this one passed on the old code too)."""
    cleaned = sanitize_html(f'<p><a href="{href}">x</a></p>')
    assert cleaned.endswith(f' rel="{EXTERNAL_LINK_REL}">x</a></p>')


def test_an_editors_rel_never_survives_on_an_internal_link():
    """A pasted rel="opener" or "nofollow" on an internal link is dropped."""
    assert sanitize_html('<a href="/x" rel="nofollow opener">x</a>') == '<a href="/x">x</a>'


@pytest.mark.parametrize("href", [" /x", "/x\t", "https://[::1", "https://[bad"])
def test_odd_addresses_are_judged_without_error(href):
    """Addresses that are hard to parse never raise."""
    from medinfo.sanitize import is_external_link

    assert isinstance(is_external_link(href), bool)


def body_with_links():
    return (
        '<p>See <a href="/conditions/fibromyalgia/">fibromyalgia</a> and '
        '<a href="https://dailymed.nlm.nih.gov/">the label</a>.</p>'
    )


def rel_by_href(page):
    return {link.attrs.get("href"): link.attrs.get("rel") for link in page.find_all("a")}


def test_article_page_follows_its_internal_links_only(client):
    """On the public page no internal link is nofollow; the external one still is."""
    publish_milnacipran_uses(body=body_with_links())
    links = rel_by_href(parse(client.get(ARTICLE_URL)))
    assert links["https://dailymed.nlm.nih.gov/"] == EXTERNAL_LINK_REL
    internal = {href: rel for href, rel in links.items() if href.startswith(("/", "#"))}
    assert "/conditions/fibromyalgia/" in internal and "/" in internal  # body and chrome
    assert not any(rel and "nofollow" in rel for rel in internal.values())


def test_bodies_stored_with_nofollow_are_printed_without_it(client):
    """A revision stored by the old sanitiser, internal links nofollow, is printed fixed."""
    editor = editor_user()
    draft = draft_article(author=editor, drug=milnacipran()).latest_revision
    old_body = '<p><a href="/conditions/fibromyalgia/" rel="noopener noreferrer nofollow">f</a></p>'
    with connection.cursor() as cursor:  # what the old code stored, past today's sanitiser
        cursor.execute("UPDATE medinfo_articlerevision SET body = %s WHERE id = %s",
                       [old_body, draft.pk])  # fmt: skip
    with committed():
        revision = workflow.submit_revision(revision=draft, submitter=editor)
        workflow.approve_revision(revision=revision, reviewer_user=reviewer_user())
    links = rel_by_href(parse(client.get(draft.article.get_absolute_url())))
    assert links["/conditions/fibromyalgia/"] is None


# gzip and the page cache ------------------------------------------------------------------


def test_cached_page_is_served_compressed_to_gzip_clients_only(
    client, uses_article, django_assert_num_queries
):
    """One cached copy: gzip for a client that accepts it, plain for one that does not,
    the same page either way, and Vary: Accept-Encoding on both for the CDN."""
    compressed = client.get(ARTICLE_URL, headers=GZIP)  # renders and caches the page
    with django_assert_num_queries(0):  # both from the page cache
        plain = client.get(ARTICLE_URL)
        again = client.get(ARTICLE_URL, headers=GZIP)
    assert compressed["Content-Encoding"] == again["Content-Encoding"] == "gzip"
    assert not plain.has_header("Content-Encoding")
    assert gzip.decompress(compressed.content) == gzip.decompress(again.content) == plain.content
    assert "What Is Milnacipran Used For?" in plain.content.decode()
    for response in (compressed, plain, again):
        assert "Accept-Encoding" in response["Vary"]
        assert "public" in response["Cache-Control"]
    assert len(compressed.content) < len(plain.content) / 2


def test_page_cached_for_a_plain_client_is_compressed_for_the_next(client, uses_article):
    """The cache never stores a compressed page for everyone: order does not matter."""
    plain = client.get(ARTICLE_URL)
    compressed = client.get(ARTICLE_URL, headers=GZIP)
    assert gzip.decompress(compressed.content) == plain.content


def test_compressed_page_answers_304_to_its_etag(client, uses_article):
    """The weak ETag of the gzip copy still matches, so revalidation costs no body."""
    etag = client.get(ARTICLE_URL, headers=GZIP)["ETag"]
    assert etag.startswith('W/"')
    response = client.get(ARTICLE_URL, headers={**GZIP, "If-None-Match": etag})
    assert response.status_code == 304


@pytest.mark.parametrize("accept", [GZIP, {}], ids=["gzip", "plain"])
def test_304_names_the_etag_and_vary_of_the_copy_it_confirms(client, uses_article, accept):
    """A 304 carries the ETag its 200 carried (weak for the gzip copy) and Vary.

    Failed before: the 304 said the plain copy's strong ETag to a gzip client and had no
    Vary: Accept-Encoding, so a cache could not tell which stored copy it confirmed.
    """
    first = client.get(ARTICLE_URL, headers=accept)
    response = client.get(ARTICLE_URL, headers={**accept, "If-None-Match": first["ETag"]})
    assert response.status_code == 304
    assert response["ETag"] == first["ETag"]
    assert "Accept-Encoding" in response["Vary"]


@pytest.mark.parametrize("url", ["/search/?q=milnacipran", "/sitemap.xml", "/feeds/latest/"])
def test_other_public_responses_are_compressed(client, uses_article, url):
    """Search, sitemap and feed responses are compressed too."""
    assert client.get(url, headers=GZIP)["Content-Encoding"] == "gzip"


def test_pages_with_secrets_are_never_compressed(client, uses_article):
    """BREACH: the admin (session, CSRF token) and the login form (CSRF token) go out
    uncompressed (passed on the old code too, which compressed nothing; with
    test_a_public_response_is_compressed it shows the rule is not vacuous)."""
    login = client.get("/admin/login/", headers=GZIP)
    assert "csrfmiddlewaretoken" in login.content.decode()
    client.force_login(editor_user())
    admin_page = client.get("/admin/medinfo/article/", headers=GZIP)
    signed_in_article = client.get(ARTICLE_URL, headers=GZIP)
    for response in (login, admin_page, signed_in_article):
        assert response.status_code == 200
        assert not response.has_header("Content-Encoding")


def through_gzip(request, response):
    """``response`` after the site's compression middleware."""
    from website.compression import PublicGZipMiddleware

    return PublicGZipMiddleware(lambda request: response)(request)


def never_cached(response):
    add_never_cache_headers(response)


def sets_a_cookie(response):
    response.set_cookie("csrftoken", "x")


def for_a_signed_in_person(request):
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "x"


def holding_a_csrf_token(request):
    get_token(request)


SECRET_CASES = {
    "never cached (admin, previews, /ads/, /healthz)": (never_cached, None),
    "sets a cookie": (sets_a_cookie, None),
    "for a signed-in person": (None, for_a_signed_in_person),
    "holds a CSRF token": (None, holding_a_csrf_token),
}


@pytest.mark.parametrize("case", SECRET_CASES.values(), ids=SECRET_CASES.keys())
def test_no_response_that_may_hold_a_secret_is_compressed(rf, case):
    """BREACH, the rule as a class: each way a response may hold a secret keeps it plain
    (on the old code, which compressed nothing, it failed only for want of the middleware)."""
    change_response, change_request = case
    request = rf.get("/drugs/", headers=GZIP)
    if change_request:
        change_request(request)
    response = HttpResponse("<p>text</p>" * 100, content_type="text/html; charset=utf-8")
    if change_response:
        change_response(response)
    assert not through_gzip(request, response).has_header("Content-Encoding")


def test_a_public_response_is_compressed(rf):
    """The same response with none of those marks is compressed (the case above is not vacuous)."""
    response = HttpResponse("<p>text</p>" * 100, content_type="text/html; charset=utf-8")
    compressed = through_gzip(rf.get("/drugs/", headers=GZIP), response)
    assert compressed["Content-Encoding"] == "gzip"


# What the client accepts: (Accept-Encoding, whether the page comes gzipped).
ACCEPT_ENCODINGS = [
    ("gzip", True),
    ("gzip, deflate, br", True),
    ("GZIP", True),
    ("deflate, gzip;q=0.5", True),
    ("x-gzip", True),
    ("*", True),
    ("br;q=1.0, *;q=0.1", True),
    ("gzip;q=0", False),
    ("gzip; q=0.000", False),
    ("gzip;q=0, *", False),
    ("*;q=0", False),
    ("identity", False),
    ("br, deflate", False),
    ("gzip;q=nonsense", False),
    ("gzip;q=inf", False),
    ("gzip;q=", False),
    ("gzip;q=0;q=1", False),
    ("gzip;q=1.5", False),
    ("gzip;q=0.001", True),
    ("identity;q=0, gzip;q=0", False),
    ("", False),
]


@pytest.mark.parametrize("reader_kind", ["django", "replayed"])
@pytest.mark.parametrize(("accept", "compressed"), ACCEPT_ENCODINGS, ids=repr)
def test_gzip_only_where_the_client_accepts_it(
    client, uses_article, reader_kind, accept, compressed
):
    """A coding refused with q=0 is never sent, on the first request or a stored page,
    through Django or its replay front; every answer is the same page.

    Failed before for 12 of the 21 rows: the header was searched for the word "gzip",
    so a client that refused it with q=0 or a malformed weight was sent it (outside
    attacks), and one that wrote "GZIP" or accepted any coding ("*") was not.
    """
    reader = ReplayClient() if reader_kind == "replayed" else client
    plain = client.get(ARTICLE_URL).content
    for _ in range(3):
        response = reader.get(ARTICLE_URL, headers={"Accept-Encoding": accept})
        assert response.status_code == 200
        assert (response.get("Content-Encoding") == "gzip") is compressed
        body = gzip.decompress(response.content) if compressed else response.content
        assert body == plain
