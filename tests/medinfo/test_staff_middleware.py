"""medinfo.security.StaffMiddleware: the staff's middleware for every request but a public read.

Before it, every request passed sessions, CSRF, sign-in, history attribution, staff
session renewal, messages and login throttling, a signed-in editor's read of a public
page included (a fifth of that page's server time, bench/README.md).
"""

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.module_loading import import_string

from medinfo.checks import STAFF_MIDDLEWARE_NEEDED, any_subclass
from medinfo.middleware import SessionMiddleware
from medinfo.preview import preview_url
from tests.admin_forms import logged_in
from tests.factories import editor_user

pytestmark = pytest.mark.django_db

PUBLIC_READS = [
    "/", "/drugs/", "/drugs/milnacipran/", "/drugs/milnacipran/uses/", "/drugs/savella/",
    "/conditions/", "/conditions/fibromyalgia/", "/search/?q=milnacipran", "/about/",
    "/sitemap.xml", "/robots.txt", "/feeds/latest/", "/ads.txt", "/drugs/no-such-drug/",
]  # fmt: skip


@pytest.fixture
def sessions_opened(monkeypatch):
    """The (method, path) of each request that passed the session middleware."""
    opened = []
    process_request = SessionMiddleware.process_request

    def recorded(self, request):
        opened.append((request.method, request.path))
        return process_request(self, request)

    monkeypatch.setattr(SessionMiddleware, "process_request", recorded)
    return opened


@pytest.mark.parametrize("method", ["get", "head"])
def test_a_signed_in_editor_reads_the_public_site_without_the_staff_middleware(
    uses_article, sessions_opened, method
):
    """Every public page answers a signed-in editor as it answers anyone, and opens no session.

    Failed before: each of these requests passed all seven staff middleware.
    """
    editor = logged_in(editor_user())
    sessions_opened.clear()
    for address in PUBLIC_READS:
        signed_in = getattr(editor, method)(address)
        anonymous = getattr(Client(), method)(address)
        assert signed_in.status_code == anonymous.status_code, address
        assert signed_in.get("Location") == anonymous.get("Location"), address
        assert not signed_in.cookies, address
    assert sessions_opened == []


def test_the_staff_addresses_and_every_other_method_pass_the_staff_middleware(
    uses_article, sessions_opened
):
    """The admin, the previews and anything but GET or HEAD still have sessions and CSRF."""
    editor = logged_in(editor_user())
    preview = preview_url(uses_article.live_revision)
    assert editor.get(reverse("admin:index")).status_code == 200
    assert editor.get(preview).status_code == 200
    assert editor.options("/drugs/milnacipran/uses/").status_code in (200, 405)
    assert ("GET", reverse("admin:index")) in sessions_opened
    assert ("GET", preview) in sessions_opened
    assert ("OPTIONS", "/drugs/milnacipran/uses/") in sessions_opened


@pytest.mark.parametrize("address", PUBLIC_READS)
def test_a_post_to_a_public_page_is_still_checked_for_csrf(uses_article, address):
    """A form sent to any public address without the CSRF token is refused, signed in or not."""
    editor = logged_in(editor_user())
    editor.handler.enforce_csrf_checks = True
    assert editor.post(address, {"q": "x"}).status_code == 403


def test_signing_in_still_works(client):
    """The admin's login page sets the CSRF cookie and the login opens a session."""
    user = editor_user()
    user.set_password("a-long-test-password-1")
    user.save()
    client = Client(enforce_csrf_checks=True)
    login = reverse("admin:login")
    token = client.get(login).cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        login,
        {"username": user.username, "password": "a-long-test-password-1",
         "csrfmiddlewaretoken": token, "next": reverse("admin:index")},
    )  # fmt: skip
    assert response.status_code == 302
    assert settings.SESSION_COOKIE_NAME in response.cookies


@pytest.mark.parametrize("needed", sorted(STAFF_MIDDLEWARE_NEEDED))
def test_the_check_names_a_needed_middleware_left_out(needed):
    """Leaving out a middleware the admin or django-axes needs fails `manage.py check`."""
    kept = [
        path
        for path in settings.MEDINFO_STAFF_MIDDLEWARE
        if not any_subclass([import_string(path)], import_string(needed))
    ]
    assert len(kept) == len(settings.MEDINFO_STAFF_MIDDLEWARE) - 1
    with override_settings(MEDINFO_STAFF_MIDDLEWARE=kept):
        errors = [message for message in run_checks() if message.id == "medinfo.E001"]
    assert [needed in error.msg for error in errors] == [True]


def test_the_deploy_check_still_asks_for_a_secure_csrf_cookie():
    """Django's security.W016 stays silent when the CSRF middleware is not in MIDDLEWARE."""
    with override_settings(CSRF_COOKIE_SECURE=False, CSRF_USE_SESSIONS=False):
        warnings = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "medinfo.W016" in warnings
    with override_settings(CSRF_COOKIE_SECURE=True):
        warnings = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "medinfo.W016" not in warnings
