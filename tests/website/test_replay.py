"""The replay front (website.replay): repeated page-cache hits answered before Django's
handler, with exactly the bytes and headers Django would send.

Every test here calls the WSGI application as gunicorn does (tests/replay_client.py).
The invalidation tests of test_page_cache.py also run through the front (the
``reader`` fixture's "replayed" visitor).
"""

import time

import pytest
from django.conf import settings

import medinfo.wsgi
from tests.replay_client import ReplayClient
from website import replay
from website.replay import REPLAY_MARK, ReplayFront

pytestmark = pytest.mark.django_db

ARTICLE_URL = "/drugs/milnacipran/uses/"


@pytest.fixture
def front(settings, uses_article):
    """A client through the front, with https behind a proxy and HSTS, as in production."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    return ReplayClient()


def answered_twice(front, environ):
    """Django's own answer to ``environ``, and the front's on a first and a second request."""
    django = front.call(front.django, dict(environ))
    first = front.call(front.front, dict(environ))
    before = front.answered_by_django
    second = front.call(front.front, dict(environ))
    return django, first, second, front.answered_by_django == before


GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate"}

# (what differs from a plain GET of the article, environ entries, replayed the second time)
VARIANTS = [
    ("nothing", {}, True),
    ("gzip accepted", GZIP, True),
    ("https behind the proxy", {"HTTP_X_FORWARDED_PROTO": "https"}, True),
    ("https behind the proxy, gzip", {"HTTP_X_FORWARDED_PROTO": "https", **GZIP}, True),
    ("https at the server", {"wsgi.url_scheme": "https"}, True),
    ("another allowed host", {"HTTP_HOST": "localhost"}, True),
    ("a query string", {"QUERY_STRING": "utm_source=news"}, True),
    ("an unrelated cookie", {"HTTP_COOKIE": "csrftoken=abc; theme=dark"}, True),
    ("a forwarded host Django ignores", {"HTTP_X_FORWARDED_HOST": "evil.example"}, True),
    ("a script prefix", {"SCRIPT_NAME": "/medinfo"}, True),
    (
        "a session cookie",
        {"HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}=abcdefgh12345678"},
        False,
    ),
    ("a session cookie and gzip", {"HTTP_COOKIE": "sessionid=x", **GZIP}, False),
    ("HEAD", {"REQUEST_METHOD": "HEAD"}, False),
    ("POST", {"REQUEST_METHOD": "POST"}, False),
    ("If-None-Match", {"HTTP_IF_NONE_MATCH": '"not-this-page"'}, False),
    ("If-Modified-Since", {"HTTP_IF_MODIFIED_SINCE": "Thu, 01 Jan 2026 00:00:00 GMT"}, False),
    ("a host not allowed", {"HTTP_HOST": "evil.example"}, False),
    ("no trailing slash", {"PATH_INFO": ARTICLE_URL.rstrip("/")}, False),
    ("a page that does not exist", {"PATH_INFO": "/drugs/milnacipran/nothing/"}, False),
    ("the admin", {"PATH_INFO": "/admin/login/"}, False),
]


@pytest.mark.parametrize(("variant", "changes", "replayed"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_front_answers_exactly_as_django_does(front, variant, changes, replayed):
    """For every kind of request, the front's answer is Django's, byte for byte and header
    for header, and only plain GETs of stored pages are replayed.

    Mutations this table catches: a key without the scheme replays the https answer
    (with HSTS) over http; without gzip, compressed bytes to a client that cannot read
    them; replaying HEADs, conditional requests or a signed-in visitor's request
    answers them as Django does not.
    """
    # Every variant follows a plain and a gzip GET, so a key that ignores what differs
    # would find a copy to replay.
    front.get(ARTICLE_URL)
    front.get(ARTICLE_URL, headers={"Accept-Encoding": "gzip"})
    environ = front.environ(ARTICLE_URL)
    environ.update(changes)
    django, first, second, was_replayed = answered_twice(front, environ)
    assert was_replayed is replayed
    if replayed:
        assert first == django
        assert second == django
    else:  # Django answered: pages with a fresh CSRF token or date differ request by request
        assert first[0] == second[0] == django[0]


@pytest.mark.parametrize(
    ("path", "first_query", "second_query"),
    [("/search/", "q=milnacipran", "q=fibromyalgia"), ("/drugs/", "letter=M", "letter=S")],
)
def test_each_query_string_gets_its_own_copy(front, path, first_query, second_query):
    """Search results and A–Z letters replay per query string: the second query is not
    answered with the first one's page (it was, with a key that left the query out)."""
    for query in (first_query, second_query, first_query):
        environ = front.environ(path)
        environ["QUERY_STRING"] = query
        django, first, second, was_replayed = answered_twice(front, environ)
        assert first == second == django
        assert was_replayed


def test_replayed_page_carries_every_header_django_adds(front):
    """The replayed copy keeps the headers set above the page cache (HSTS, gzip's Vary) and
    below it (the Content-Security-Policy, the surrogate keys)."""
    front.get(ARTICLE_URL, headers={"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"})
    response = front.get(
        ARTICLE_URL, headers={"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"}
    )
    assert front.answered_by_django == 1
    assert response["Strict-Transport-Security"].startswith("max-age=3600")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "default-src" in response["Content-Security-Policy"]
    assert "public" in response["Cache-Control"]
    assert "site" in response[settings.MEDINFO_CDN_KEY_HEADER].split()


def test_replay_needs_no_database(front, django_assert_num_queries):
    """A replayed page runs no query and does not enter Django's handler."""
    front.get(ARTICLE_URL)
    with django_assert_num_queries(0):
        assert front.get(ARTICLE_URL).status_code == 200
    assert front.answered_by_django == 1


def test_copy_is_not_replayed_after_the_stored_page_expires(front, monkeypatch):
    """A copy lives no longer than the stored page it was made from."""
    front.get(ARTICLE_URL)
    later = time.time() + settings.MEDINFO_PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(replay.time, "time", lambda: later)
    front.get(ARTICLE_URL)
    assert front.answered_by_django == 2


def test_each_process_keeps_a_bounded_number_of_copies(uses_article):
    """With room for one copy, a second page pushes out the first."""
    client = ReplayClient(size=1)
    client.get(ARTICLE_URL)
    client.get("/drugs/milnacipran/")
    client.get("/drugs/milnacipran/")
    assert client.answered_by_django == 2
    client.get(ARTICLE_URL)
    assert client.answered_by_django == 3


def test_replay_can_be_turned_off(uses_article):
    """MEDINFO_REPLAYED_PAGES = 0: every request reaches Django."""
    client = ReplayClient(size=0)
    for _ in range(3):
        assert client.get(ARTICLE_URL).status_code == 200
    assert client.answered_by_django == 3


def marked_app(status, headers):
    """A WSGI app that marks its answer as a stored page whatever it is."""

    def app(environ, start_response):
        environ[REPLAY_MARK] = ({}, time.time() + 60)
        start_response(status, headers)
        return [b"body"]

    return app


@pytest.mark.parametrize(
    ("status", "headers"),
    [
        ("404 Not Found", [("Cache-Control", "public, max-age=60")]),
        ("302 Found", [("Cache-Control", "public, max-age=60"), ("Location", "/")]),
        ("200 OK", [("Cache-Control", "public, max-age=60"), ("Set-Cookie", "a=b")]),
        ("200 OK", [("Cache-Control", "private, no-store")]),
        ("200 OK", []),
    ],
)
def test_only_public_cookieless_pages_are_replayed(status, headers):
    """Even marked as a stored page, an answer that is not a public 200 without a cookie is
    never replayed."""
    calls = []
    app = marked_app(status, headers)
    front = ReplayFront(
        lambda environ, start_response: calls.append(1) or app(environ, start_response), size=8
    )
    client = ReplayClient(front=front)
    for _ in range(2):
        client.call(front, client.environ("/anything/"))
    assert len(calls) == 2


def test_gunicorn_serves_through_the_front():
    """``gunicorn medinfo.wsgi`` gets the front around Django's handler."""
    assert isinstance(medinfo.wsgi.application, ReplayFront)
    assert medinfo.wsgi.application.application is medinfo.wsgi.django_application
