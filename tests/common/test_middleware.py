"""common.middleware.LazyMessageMiddleware: messages as Django keeps them, made only when used."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage import default_storage
from django.urls import reverse

pytestmark = pytest.mark.django_db

ARTICLE_URL = "/drugs/milnacipran/uses/"


@pytest.fixture
def storages_made(monkeypatch):
    """The paths of the requests that made a message storage."""
    made = []

    def counted(request):
        made.append(request.path)
        return default_storage(request)

    # Django's own middleware and ours each import the factory by name.
    monkeypatch.setattr("django.contrib.messages.middleware.default_storage", counted)
    monkeypatch.setattr("common.middleware.default_storage", counted)
    return made


@pytest.mark.parametrize("session_cookie", [False, True])
def test_public_page_makes_no_message_storage(client, uses_article, storages_made, session_cookie):
    """A page that neither shows nor adds a message never makes the storage.

    Failed before: Django's MessageMiddleware made a cookie signer and two storages on
    every request, the public article page's included.
    """
    if session_cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = "x"
    assert client.get(ARTICLE_URL).status_code == 200
    assert storages_made == []


def test_admin_message_survives_the_redirect(admin_client, storages_made):
    """A message added in one request is shown on the next, as with Django's middleware."""
    response = admin_client.post(reverse("admin:auth_group_add"), {"name": "Testers"}, follow=True)
    assert response.status_code == 200
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("Testers" in message and "added successfully" in message for message in shown)
    assert "was added successfully" in response.content.decode()
    assert storages_made  # made where the admin used it


def test_message_read_is_not_shown_again(admin_client):
    """Once shown, a message is gone from the next page."""
    admin_client.post(reverse("admin:auth_group_add"), {"name": "Testers"}, follow=True)
    response = admin_client.get(reverse("admin:index"))
    assert "was added successfully" not in response.content.decode()
