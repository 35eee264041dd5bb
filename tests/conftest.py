"""Fixtures shared by every test folder; a folder's own conftest.py holds what only it needs."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from tests.factories import UserFactory
from tests.images import count_decoding

# Session-wide: the machine's PostgreSQL and Redis and the project's var/ are left alone.
from tests.machine import machine_services_untouched, var_untouched  # noqa: F401
from tests.public_site import committed, publish_milnacipran_uses
from tests.replay_client import ReplayClient


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with an empty cache, so cached pages never leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def superuser(db):
    """A superuser made by the factory like every other test user (staff, user<n>)."""
    return UserFactory(is_superuser=True)


@pytest.fixture
def admin_client(superuser):
    """A browser of its own logged in as ``superuser`` (replaces pytest-django's ``admin`` user)."""
    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def uses_article(db):
    """/drugs/milnacipran/uses/, approved by Kristi Monson, PharmD, its side effects applied."""
    return publish_milnacipran_uses()


@pytest.fixture
def decoding(monkeypatch):
    """The sizes of the images decoded during the test."""
    return count_decoding(monkeypatch)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, with its side effects; the output of that run.

    Rolled back after the module's last test, so other modules start from an empty database.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        with committed():
            call_command("load_demo", print_passwords=True, stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture(params=["anonymous", "session cookie", "replayed"])
def reader(client, request):
    """A reader the page cache serves, one with a session cookie, whom it steps aside for,
    and one served through ``medinfo.wsgi``'s front, which replays Django's last answer.

    All are served stored HTML: the whole page, the article kept under the keys of its
    fragments (website.pages.render_live_article), or the bytes Django last sent
    (website.replay). So each must see a change on the next request.
    """
    if request.param == "session cookie":
        client.cookies[settings.SESSION_COOKIE_NAME] = "x"
    if request.param == "replayed":
        return ReplayClient()
    return client


class PurgeEndpoint(BaseHTTPRequestHandler):
    """Records every purge it is sent and answers 200, like Varnish with the repository's VCL."""

    def do_PURGE(self):  # noqa: N802 (http.server's naming)
        self.server.purges.append((self.command, self.path, dict(self.headers.items())))
        self.send_response(200)
        self.end_headers()

    do_POST = do_PURGE  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture
def start_purge_endpoint():
    """Start recording purge endpoints on free ports (stopped after the test); each has .url."""
    servers = []

    def start():
        server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeEndpoint)
        server.purges = []
        server.url = f"http://127.0.0.1:{server.server_port}/"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def purge_endpoint(settings, start_purge_endpoint):
    """A recording purge endpoint on a free port, configured as the only CDN."""
    server = start_purge_endpoint()
    settings.MEDINFO_CDN_PURGE_URLS = [server.url]
    return server
