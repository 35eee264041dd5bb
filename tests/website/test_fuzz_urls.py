"""Property-based: odd slugs, query strings, headers and methods never cause a server error.

Every public URL pattern is found by walking ``medinfo.urls`` (the admin is left
out), so a view added later is fuzzed without touching this file. Published
content (articles, a running ad) is created once by a fixture; Hypothesis's
examples run inside the test function against it, all through one Django test
client made there, so no function-scoped fixture is shared behind Hypothesis's back.
"""

import re
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ads.counting import CLICK_SALT, new_nonce, sign_token
from medinfo.preview import preview_url
from tests.admin_forms import logged_in
from tests.ads.factories import CreativeFactory, article_placements
from tests.factories import ConditionFactory, DrugFactory, editor_user
from tests.public_site import ROUTES, publish, publish_milnacipran_uses
from website.sitemaps import SITEMAPS

pytestmark = pytest.mark.django_db

METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"]
NASTY_FRAGMENTS = [
    "../", "..%2F", "%2e%2e%2f", "%00", "\x00", "%", "%zz", "ü", "😀", "\u202e", "a" * 3000,
    "<script>alert(1)</script>", "' OR 1=1 --", "%ff%fe", "\\", "//", ";", "null", "0", "-1",
]  # fmt: skip
STACK_TRACE_MARKERS = ["Traceback", 'File "/']


CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")

# Header values as a WSGI server hands them over: Latin-1, no control characters.
header_text = st.one_of(
    st.text(
        st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_categories=["Cc"]),
        max_size=300,
    ),
    st.sampled_from(["*/*", "text/html", "application/json", "en-US,en;q=0.9", "*;q=garbage"]),
)
http_date_garbage = st.one_of(
    header_text,
    st.sampled_from(["Sun, 06 Nov 1994 08:49:37 GMT", "Thu, 01 Jan 9999 00:00:00 GMT", "0", "-1"]),
)
headers = st.fixed_dictionaries(
    {"host": st.sampled_from(settings.ALLOWED_HOSTS)},
    optional={
        "accept": header_text,
        "accept-language": header_text,
        "accept-encoding": header_text,
        "if-none-match": st.one_of(header_text, st.just("*"), st.just('"abc", W/"def"')),
        "if-modified-since": http_date_garbage,
        "cookie": st.one_of(
            header_text,
            header_text.map(lambda value: f"{settings.SESSION_COOKIE_NAME}={value}"),
            header_text.map(lambda value: f"{settings.CSRF_COOKIE_NAME}={value}"),
        ),
        "user-agent": header_text,
        "referer": header_text,
        "range": header_text,
        "x-forwarded-proto": header_text,
        "x-forwarded-for": header_text,
        "x-requested-with": header_text,
    },
)
content_types = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=zzz",
        "multipart/form-data",
        "application/json",
        "text/plain; charset=utf-8",
        "application/octet-stream",
    ]
)
query_keys = st.one_of(
    st.sampled_from(
        ["q", "page", "letter", "placement", "size", "drug", "class", "condition", "token", "p"]
    ),
    st.text(max_size=20),
)
query_values = st.one_of(
    st.text(max_size=200), st.sampled_from(NASTY_FRAGMENTS), st.integers().map(str)
)
query_strings = st.one_of(
    st.just(""),
    st.lists(st.tuples(query_keys, query_values), max_size=5).map(urlencode),
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=100),
)


def path_value(real_values):
    """One URL segment: a real slug or token, a valid-looking slug, or anything at all."""
    return st.one_of(
        st.sampled_from(real_values).map(lambda value: quote(value, safe="")),
        st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True),
        st.text(min_size=1, max_size=100).map(lambda value: quote(value, safe="")),
        st.sampled_from(NASTY_FRAGMENTS),
        st.text(min_size=1, max_size=30),
    )


@st.composite
def requests(draw, real_values):
    route = draw(st.sampled_from(ROUTES))
    path = "/" + CONVERTER.sub(lambda _match: draw(path_value(real_values)), route)
    query = draw(query_strings)
    method = draw(st.sampled_from(METHODS))
    body = b""
    content_type = "application/octet-stream"
    if method in ("POST", "PUT"):
        body = draw(st.one_of(st.binary(max_size=500), st.text(max_size=500).map(str.encode)))
        content_type = draw(content_types)
    return {
        "method": method,
        "path": f"{path}?{query}" if query else path,
        "data": body,
        "content_type": content_type,
        "headers": draw(headers),
        "enforce_csrf_checks": draw(st.booleans()),
        "as_staff": draw(st.booleans()),
    }


@pytest.fixture
def real_values():
    """Published drug and condition articles and a running ad, with the slugs and tokens to them."""
    article = publish_milnacipran_uses()
    condition_article = publish(condition=ConditionFactory(name="gout", slug="gout"))
    publish(drug=DrugFactory(generic_name="duloxetine", slug="duloxetine"), slug="dosage")
    article_placements()
    creative = CreativeFactory()
    slugs = [
        "milnacipran", "savella", "duloxetine", "uses", "dosage", "fibromyalgia", "gout",
        article.live_revision.reviewer.slug, condition_article.slug, "article-top", "728x90",
    ]  # fmt: skip
    preview_token = preview_url(article.live_revision).rstrip("/").rsplit("/", 1)[-1]
    click_token = sign_token(creative_id=creative.pk, nonce=new_nonce(), salt=CLICK_SALT)
    return [*slugs, *SITEMAPS, preview_token, click_token]


def body_text(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_every_public_url_pattern_is_fuzzed():
    """The walk over medinfo.urls finds the public pages and leaves the admin out."""
    assert {"", "drugs/<slug:drug_slug>/<slug:article_slug>/", "healthz", "robots.txt"} <= set(
        ROUTES
    )
    assert not any(route.startswith("admin/") for route in ROUTES)
    assert {"ads.txt", "ads/serve/", "ads/click/<str:token>/", "sitemap-<section>.xml"} <= set(
        ROUTES
    )


def test_random_requests_never_cause_a_server_error(real_values):
    """Any slug, query string, header or method gets a normal answer, never a 5xx or traceback."""
    # One client for every example: building its middleware chain (whitenoise scans the
    # static files) costs far more than a request. Cookies are dropped between examples.
    client = logged_in(editor_user())
    staff_session = client.cookies[settings.SESSION_COOKIE_NAME].value

    @hypothesis_settings(max_examples=150, deadline=None)
    @given(request=requests(real_values))
    def answers_without_server_error(request):
        client.cookies.clear()
        if request["as_staff"]:
            client.cookies[settings.SESSION_COOKIE_NAME] = staff_session
        client.handler.enforce_csrf_checks = request["enforce_csrf_checks"]
        fields = {
            key: request[key] for key in ("method", "path", "data", "content_type", "headers")
        }
        response = client.generic(**fields)
        where = f"{request['method']} {request['path']!r}"
        assert response.status_code < 500, where
        text = body_text(response)
        for marker in STACK_TRACE_MARKERS:
            assert marker not in text, f"{where} shows {marker!r}"

    answers_without_server_error()
