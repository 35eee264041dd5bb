"""Admin logins: lockout after repeated failures (django-axes), strong passwords, staff session expiry."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, editor_user

pytestmark = pytest.mark.django_db

OFFICE = "198.51.100.7"
ELSEWHERE = "203.0.113.20"
# UserFactory gives every user this password.
PASSWORD_OF_EVERY_USER = "correct horse battery staple"


def log_in(client, username, password, address=OFFICE):
    """Post the admin login form from ``address``, as a browser would."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def fail_until_locked(client, username, address=OFFICE):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, username, "not the password", address)


@pytest.fixture
def editor():
    return editor_user(username="casey")


def test_a_wrong_password_shows_the_login_form_again(client, editor):
    """One wrong password is an ordinary form error, not a lockout."""
    response = log_in(client, "casey", "not the password")
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.text


def test_the_right_password_after_too_many_failures_is_refused(client, editor):
    """After five wrong passwords even the right one gets the lockout page with HTTP 429."""
    fail_until_locked(client, "casey")
    response = log_in(client, "casey", PASSWORD_OF_EVERY_USER)
    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert "locked on this network for 30 minutes" in response.text
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_looks_like_the_admin(client, editor):
    """The lockout page carries the admin's header, so staff know where they are."""
    fail_until_locked(client, "casey")
    response = log_in(client, "casey", PASSWORD_OF_EVERY_USER)
    assert "MedInfo editorial" in response.text
    assert 'id="site-name"' in response.text


def test_the_fifth_failure_already_answers_with_the_lockout_page(client, editor):
    """The attempt that reaches the limit is told about the lockout at once."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "casey", "not the password")
    response = log_in(client, "casey", "not the password")
    assert response.status_code == 429


def test_another_user_at_the_same_address_can_still_log_in(client, editor):
    """A lockout is per user name and address: a colleague in the same office logs in."""
    colleague = editor_user(username="robin")
    fail_until_locked(client, "casey")
    response = log_in(client, colleague.username, PASSWORD_OF_EVERY_USER)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_the_same_user_from_another_address_can_still_log_in(client, editor):
    """Someone guessing casey's password elsewhere does not lock casey out of the office."""
    fail_until_locked(client, "casey", address=ELSEWHERE)
    response = log_in(client, "casey", PASSWORD_OF_EVERY_USER)
    assert response.status_code == 302


def test_axes_reset_unlocks_the_user(client, editor):
    """`manage.py axes_reset` lifts the lockout at once."""
    fail_until_locked(client, "casey")
    call_command("axes_reset", stdout=StringIO())
    response = log_in(client, "casey", PASSWORD_OF_EVERY_USER)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_the_lockout_ends_after_the_cool_off_time(client, editor):
    """Thirty minutes after the last failure the user may log in again."""
    fail_until_locked(client, "casey")
    cool_off = settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off)
    response = log_in(client, "casey", PASSWORD_OF_EVERY_USER)
    assert response.status_code == 302


def test_behind_trusted_proxies_the_forwarded_address_counts(client, editor, settings):
    """Behind one load balancer, two offices sharing its address do not lock each other out."""
    settings.MEDINFO_TRUSTED_PROXY_COUNT = 1
    balancer = "10.0.0.2"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("admin:login"),
            {"username": "casey", "password": "wrong"},
            REMOTE_ADDR=balancer,
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ELSEWHERE}",
        )
    response = client.post(
        reverse("admin:login"),
        {"username": "casey", "password": PASSWORD_OF_EVERY_USER},
        REMOTE_ADDR=balancer,
        HTTP_X_FORWARDED_FOR=OFFICE,
    )
    assert response.status_code == 302


def test_a_forged_forwarded_address_does_not_dodge_the_lockout(client, editor, settings):
    """A client inventing X-Forwarded-For entries is still recognised by the proxy's entry."""
    settings.MEDINFO_TRUSTED_PROXY_COUNT = 1
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("admin:login"),
            {"username": "casey", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, {ELSEWHERE}",
        )
    response = client.post(
        reverse("admin:login"),
        {"username": "casey", "password": PASSWORD_OF_EVERY_USER},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ELSEWHERE}",
    )
    assert response.status_code == 429


def test_force_login_still_works_for_tests(client, editor):
    """The throttling backend does not get in the way of the test client's force_login."""
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_password_change_refuses_a_weak_password(client, editor):
    """Changing one's password to "password1234" is refused with the validators' reasons."""
    client.force_login(editor)
    response = client.post(
        reverse("admin:password_change"),
        {
            "old_password": PASSWORD_OF_EVERY_USER,
            "new_password1": "password1234",
            "new_password2": "password1234",
        },
    )
    assert response.status_code == 200
    assert "This password is too common." in response.text
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD_OF_EVERY_USER)


def test_admin_password_change_refuses_a_short_password(client, editor):
    """A password shorter than twelve characters is refused."""
    client.force_login(editor)
    response = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD_OF_EVERY_USER, "new_password1": "k7#Qz!p2",
         "new_password2": "k7#Qz!p2"},
    )  # fmt: skip
    assert "at least 12 characters" in response.text


def test_admin_password_change_accepts_a_long_passphrase(client, editor):
    """A long, uncommon passphrase is accepted."""
    client.force_login(editor)
    new_password = "violet kettle harbour 1987 tango"
    response = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD_OF_EVERY_USER, "new_password1": new_password,
         "new_password2": new_password},
    )  # fmt: skip
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(new_password)


def staff_session(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_staff_session_ends_when_idle_too_long(client, editor):
    """A staff session left idle past SESSION_COOKIE_AGE sends the next admin visit to login."""
    client.force_login(editor)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_every_admin_request_renews_the_staff_session(client, editor):
    """Working in the admin pushes the session's expiry forward, up to a few hours from now."""
    client.force_login(editor)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=5)
    )
    client.get(reverse("admin:index"))
    expires_in = staff_session(client).expire_date - timezone.now()
    assert timedelta(minutes=5) < expires_in <= timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_a_made_up_session_cookie_on_a_public_page_writes_no_session(client):
    """Renewing staff sessions never stores a session for a visitor's unknown cookie."""
    client.cookies["sessionid"] = "made-up-session-key-0123456789"
    assert client.get(reverse("drugs:index")).status_code == 200
    assert not Session.objects.exists()


def test_staff_browsing_public_pages_keep_their_session_unchanged(client, editor):
    """Public pages do not write the staff session: only admin requests renew it."""
    client.force_login(editor)
    before = staff_session(client).expire_date
    client.get(reverse("drugs:index"))
    assert staff_session(client).expire_date == before


def test_the_session_cookie_ends_with_the_browser(client, editor):
    """Logging in sets a session cookie without a date: closing the browser ends it."""
    response = log_in(client, "casey", PASSWORD_OF_EVERY_USER)
    assert response.cookies["sessionid"]["expires"] == ""
    assert response.cookies["sessionid"]["httponly"]


def test_superusers_get_the_same_lockout(client):
    """Superusers are locked out too: the most valuable account gets no exception."""
    UserFactory(username="root", is_superuser=True)
    fail_until_locked(client, "root")
    assert log_in(client, "root", PASSWORD_OF_EVERY_USER).status_code == 429
