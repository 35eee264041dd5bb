"""Security headers: the Content-Security-Policy per page kind, and production's HTTPS settings."""

import importlib
import secrets
import sys

import pytest
from django.urls import reverse, set_script_prefix

from medinfo.preview import preview_url
from tests.factories import UserFactory, draft_article, reviewer_user

pytestmark = pytest.mark.django_db

SELF = "'self'"
NONE = "'none'"
PRODUCTION_SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
]


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def test_article_page_allows_only_its_own_scripts_and_styles(client, uses_article):
    """The public article page may load scripts and styles from the site itself, nothing inline."""
    directives = policy(client.get(uses_article.get_absolute_url()))
    assert directives["default-src"] == [NONE]
    assert directives["script-src"] == [SELF]
    assert directives["style-src"] == [SELF]


def test_article_page_lets_the_ad_filler_fetch_from_the_site_only(client, uses_article):
    """The ad filler may fetch its JSON and send beacons to the site, and show its images."""
    directives = policy(client.get(uses_article.get_absolute_url()))
    assert directives["connect-src"] == [SELF]
    assert directives["img-src"] == [SELF]


def test_public_pages_cannot_be_framed_plugged_in_or_rebased(client, uses_article):
    """No other site may frame a public page; no plugins, foreign form targets or base URLs."""
    response = client.get(reverse("drugs:index"))
    directives = policy(response)
    assert directives["frame-ancestors"] == [NONE]
    assert directives["object-src"] == [NONE]
    assert directives["base-uri"] == [SELF]
    assert directives["form-action"] == [SELF]
    assert response["X-Frame-Options"] == "DENY"


def test_page_served_from_the_page_cache_keeps_the_policy(client, uses_article):
    """A second visitor, served from the whole-page cache, gets the same strict policy."""
    first = client.get(uses_article.get_absolute_url())
    second = client.get(uses_article.get_absolute_url())
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "'unsafe-inline'" not in second["Content-Security-Policy"]


def test_admin_lists_allow_no_inline_code(admin_client, uses_article):
    """Admin lists run Django's admin scripts from the site, with no inline scripts or styles."""
    directives = policy(admin_client.get(reverse("admin:medinfo_article_changelist")))
    assert directives["script-src"] == [SELF]
    assert directives["style-src"] == [SELF]
    assert directives["frame-ancestors"] == [NONE]


def test_article_edit_page_allows_what_ckeditor_needs(admin_client, uses_article):
    """The article change page, with CKEditor 4, also allows inline scripts and styles."""
    url = reverse("admin:medinfo_article_change", args=[uses_article.pk])
    directives = policy(admin_client.get(url))
    assert directives["script-src"] == [SELF, "'unsafe-inline'"]
    assert directives["style-src"] == [SELF, "'unsafe-inline'"]
    assert directives["connect-src"] == [SELF]


def test_article_add_page_allows_what_ckeditor_needs(admin_client):
    """The add form loads CKEditor too, so it gets the same allowance."""
    directives = policy(admin_client.get(reverse("admin:medinfo_article_add")))
    assert "'unsafe-inline'" in directives["script-src"]


def test_the_editor_allowance_stays_off_other_change_forms(admin_client, uses_article):
    """A drug's change form has no rich-text editor and no inline-code allowance."""
    url = reverse("admin:drugs_drug_change", args=[uses_article.drug_id])
    directives = policy(admin_client.get(url))
    assert directives["script-src"] == [SELF]


def test_admin_login_page_uses_the_admin_policy(client):
    """Even the anonymous login page gets the admin policy, never the editor allowance."""
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert policy(response)["script-src"] == [SELF]


@pytest.fixture
def script_prefix():
    """The site mounted below /medinfo/ (SCRIPT_NAME), as behind a path-routing proxy."""
    yield "/medinfo"
    set_script_prefix("/")  # the test client leaves the last request's prefix set


def test_admin_policy_follows_the_admin_below_a_script_prefix(client, uses_article, script_prefix):
    """Mounted below a prefix, the admin still gets the admin policy and pages the public one.

    Failed before: the admin's address was compared with its reverse(), which holds the
    prefix, while the request's path_info does not, so the admin got the public policy.
    """
    admin = client.get(reverse("admin:login"), SCRIPT_NAME=script_prefix)
    assert admin.status_code == 200
    assert policy(admin)["frame-src"] == [SELF]
    public = client.get("/drugs/milnacipran/uses/", SCRIPT_NAME=script_prefix)
    assert public.status_code == 200
    assert "frame-src" not in policy(public)


def test_review_screen_may_frame_the_site_but_is_not_frameable(client):
    """The review screen embeds the preview frame; no site may frame the review screen itself."""
    revision = draft_article().latest_revision
    client.force_login(reviewer_user())
    response = client.get(reverse("admin:medinfo_articlerevision_review", args=[revision.pk]))
    directives = policy(response)
    assert directives["frame-src"] == [SELF]
    assert directives["frame-ancestors"] == [NONE]
    assert response["X-Frame-Options"] == "DENY"


def test_preview_may_be_framed_by_the_site_only(client):
    """The preview page may sit in the review screen's frame, and only in frames of this site."""
    revision = draft_article().latest_revision
    client.force_login(reviewer_user())
    response = client.get(preview_url(revision))
    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == [SELF]
    assert policy(response)["script-src"] == [SELF]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


@pytest.fixture
def production(settings, monkeypatch):
    """Apply medinfo.settings.prod's security settings (loaded with a real key) to this test."""
    monkeypatch.setenv("DJANGO_SECRET_KEY", secrets.token_urlsafe(45))
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "testserver")
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    saved = sys.modules.pop("medinfo.settings.prod", None)
    try:
        prod = importlib.import_module("medinfo.settings.prod")
    finally:
        sys.modules.pop("medinfo.settings.prod", None)
        if saved is not None:
            sys.modules["medinfo.settings.prod"] = saved
    for name in PRODUCTION_SECURITY_SETTINGS:
        setattr(settings, name, getattr(prod, name))
    return prod


def test_production_redirects_plain_http_to_https(client, production, uses_article):
    """A visitor arriving over plain HTTP (as the proxy reports it) is sent to HTTPS."""
    response = client.get(uses_article.get_absolute_url(), headers={"X-Forwarded-Proto": "http"})
    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{uses_article.get_absolute_url()}"


def test_production_https_redirect_is_kept_by_no_shared_cache(client, production, uses_article):
    """The redirect to HTTPS says private, no-store: no CDN may keep it and replay it.

    Failed before: it had no Cache-Control, Varnish kept it for two minutes, and behind a
    VCL that keys http and https alike every HTTPS visitor was sent to the same address.
    """
    response = client.get(uses_article.get_absolute_url(), headers={"X-Forwarded-Proto": "http"})
    assert response.status_code == 301
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }


def test_production_sends_hsts_over_https(client, production, uses_article):
    """Over HTTPS behind the proxy, browsers are told to use HTTPS for a year, subdomains too."""
    response = client.get(uses_article.get_absolute_url(), headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"


def test_production_sends_referrer_nosniff_and_frame_headers(client, production, uses_article):
    """Pages leak no full URLs to other sites, are never type-sniffed and never framed."""
    response = client.get(uses_article.get_absolute_url(), headers={"X-Forwarded-Proto": "https"})
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_production_login_cookies_are_secure_and_http_only(client, production):
    """Logging in over HTTPS sets session and CSRF cookies that travel over HTTPS only."""
    user = UserFactory(is_superuser=True)
    https = {"X-Forwarded-Proto": "https"}
    client.get(reverse("admin:login"), headers=https)
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": "correct horse battery staple"},
        headers=https,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert client.cookies["csrftoken"]["secure"]
