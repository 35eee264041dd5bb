"""PostgreSQL goes away under a running site: cached pages keep answering, the rest is a calm 503.

The first tests check the 503 handling in-process. The class at the end stops a
private PostgreSQL server (tests.faults.services.PrivatePostgresql) under a real
gunicorn (2 workers sharing a private Redis), and starts it again.
"""

import json
import re
from unittest import mock

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError, InterfaceError, OperationalError, connection, connections
from django.test import Client

from tests.faults import services
from tests.public_site import publish_milnacipran_uses

OUTAGE_ERRORS = [
    OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused'),
    InterfaceError("connection already closed"),
]
RECOVERY_SECONDS = 20
REQUESTS_PER_URL = 4  # two sync workers: every URL reaches both of them


def search_failing_with(error):
    return mock.patch("website.views.search_articles", side_effect=error)


@pytest.mark.parametrize("error", OUTAGE_ERRORS, ids=["operational", "interface"])
def test_lost_database_answers_friendly_503(client, error):
    """A view whose database is gone answers 503 with the site's own "back shortly" page."""
    with search_failing_with(error):
        response = client.get("/search/?q=pain")
    assert response.status_code == 503
    text = response.content.decode()
    assert "MedInfo is back shortly" in text and 'class="site-header"' in text
    assert "Traceback" not in text and "Connection refused" not in text


def test_503_tells_clients_when_to_retry(client):
    """The 503 carries Retry-After and is never cached by browsers or the CDN."""
    with search_failing_with(OUTAGE_ERRORS[0]):
        response = client.get("/search/?q=pain")
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]


def test_other_errors_stay_500():
    """Only a lost database becomes a 503; a programming error still gets the 500 page."""
    client = Client(raise_request_exception=False)
    with search_failing_with(ValueError("a bug")):
        response = client.get("/search/?q=pain")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def failing_session_save(*, lost_database):
    """SessionStore.save as Django's database backend fails: UpdateError, raised while
    handling the database's error (a lost connection, or a session deleted meanwhile)."""

    def save(self, must_create=False):
        try:
            if lost_database:
                raise OperationalError("server closed the connection unexpectedly")
            raise DatabaseError("Forced update did not affect any rows.")
        except DatabaseError:
            raise UpdateError from None

    return mock.patch("django.contrib.sessions.backends.db.SessionStore.save", save)


# Where the database can fail during a signed-in editor's admin request, and the answer.
ADMIN_FAILURES = [
    (
        "the view and loading the user",
        lambda: mock.patch(
            "django.contrib.auth.get_user", side_effect=InterfaceError("connection already closed")
        ),
        503,
    ),
    ("saving the renewed session", lambda: failing_session_save(lost_database=True), 503),
    # Not an outage: a logout elsewhere deleted the session. Django's 400 stays.
    ("a session deleted meanwhile", lambda: failing_session_save(lost_database=False), 400),
]


@pytest.mark.parametrize(
    ("where", "failure", "status"), ADMIN_FAILURES, ids=[f[0] for f in ADMIN_FAILURES]
)
def test_admin_request_losing_the_database_answers_503(admin_client, where, failure, status):
    """Wherever a signed-in editor's admin request loses the database, the answer is the
    503 page, never a 500 or a 400 that blames the visitor.

    Failed before (outside attack F2, connections killed under load): the session
    renewal loaded the user after the 503 was made (500), and a session that could not
    be saved was reported as "session interrupted" (400).
    """
    client = admin_client
    client.raise_request_exception = False
    with failure():
        response = client.get("/admin/")
    assert response.status_code == status
    if status == 503:
        assert "MedInfo is back shortly" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's lock_timeout")
@pytest.mark.django_db(transaction=True)
def test_page_behind_a_held_lock_answers_503_at_the_lock_timeout(client, settings):
    """A table locked by a long migration: with production's lock_timeout (here 300 ms,
    production 10 s, under gunicorn's 30 s) the page answers the 503, it does not hang."""
    publish_milnacipran_uses()
    client.cookies[settings.SESSION_COOKIE_NAME] = "x"  # the page cache steps aside
    options = connection.settings_dict.setdefault("OPTIONS", {})
    saved = options.get("options")
    options["options"] = "-c lock_timeout=300ms"
    connection.close()
    holder = connections.create_connection("default")
    try:
        holder.set_autocommit(False)
        with holder.cursor() as cursor:
            cursor.execute("LOCK TABLE medinfo_article IN ACCESS EXCLUSIVE MODE")
        response = client.get("/drugs/milnacipran/uses/")
        assert response.status_code == 503
        assert "MedInfo is back shortly" in response.content.decode()
    finally:
        holder.rollback()
        holder.close()
        if saved is None:
            options.pop("options")
        else:
            options["options"] = saved
        connection.close()
    assert client.get("/drugs/milnacipran/uses/").status_code == 200


# The real thing ----------------------------------------------------------------


def sitemap_paths(server, limit):
    """Up to ``limit`` page paths listed in the live sitemap sections."""
    index = server.get("/sitemap.xml")[2]
    paths = []
    for section in re.findall(r"<loc>([^<]+)</loc>", index):
        body = server.get(section.replace(server.base_url, ""))[2]
        paths += [
            loc.replace(server.base_url, "") for loc in re.findall(r"<loc>([^<]+)</loc>", body)
        ]
    return [path for path in paths if path.count("/") >= 3][:limit]


def observe(server, paths):
    """{path: [(status, headers, body), …]} with every path asked REQUESTS_PER_URL times."""
    return {path: [server.get(path) for _ in range(REQUESTS_PER_URL)] for path in paths}


@pytest.fixture(scope="module")
def outage(tmp_path_factory, private_postgresql, private_redis):
    """Serve the demo, warm the page cache, stop PostgreSQL, look, start it, look again."""
    private_postgresql.create_database("medinfo")
    workdir = tmp_path_factory.mktemp("database-outage")
    env = services.site_environment(
        workdir, database_url=private_postgresql.url("medinfo"), redis_url=private_redis.url()
    )
    services.manage("migrate", "--no-input", "-v0", env=env)
    services.manage("load_demo", env=env)
    server = services.Gunicorn(env=env, log_path=workdir / "gunicorn.log")
    try:
        server.wait_until_serving()
        cached = ["/", "/drugs/", "/conditions/", "/feeds/latest/", *sitemap_paths(server, 6)]
        warm = observe(server, cached)
        uncached = ["/search/?q=milnacipran", cached[-1] + "?utm_source=outage"]
        workers = server.worker_pids()
        with private_postgresql.stopped():
            during = observe(server, [*cached, *uncached, "/healthz"])
        everything = [*cached, *uncached, "/healthz"]

        def all_ok():
            return all(server.get(path)[0] == 200 for path in everything)

        recovered = services.wait_until(all_ok, seconds=RECOVERY_SECONDS, interval=0.5)
        yield {
            "cached": cached,
            "uncached": uncached,
            "warm": warm,
            "during": during,
            "recovered": recovered,
            "after": observe(server, everything),
            "workers_before": workers,
            "workers_after": server.worker_pids(),
            "server_running": server.process.poll() is None,
        }
    finally:
        server.stop()


@pytest.mark.faults
class TestWhilePostgresqlIsStopped:
    def test_cached_pages_still_answer_from_the_page_cache(self, outage):
        """Pages served before the outage answer 200 with the same HTML while PostgreSQL is down."""
        assert len(outage["cached"]) > 4, "the sitemap listed no article to warm"
        for path in outage["cached"]:
            warm_body = outage["warm"][path][-1][2]
            assert outage["warm"][path][-1][1]["ETag"], path
            assert [(status, body) for status, _h, body in outage["during"][path]] == [
                (200, warm_body)
            ] * REQUESTS_PER_URL, path

    def test_uncached_page_answers_friendly_503(self, outage):
        """A page not in the cache answers 503 with the site's look and no traceback."""
        for path in outage["uncached"]:
            for status, headers, body in outage["during"][path]:
                assert status == 503, path
                assert int(headers["Retry-After"]) > 0
                assert "MedInfo is back shortly" in body and 'class="site-header"' in body
                assert "Traceback" not in body and 'File "/' not in body

    def test_healthz_reports_503(self, outage):
        """/healthz tells the load balancer the database is unreachable."""
        for status, _headers, body in outage["during"]["/healthz"]:
            assert status == 503
            assert json.loads(body)["database"] == "unreachable"

    def test_everything_recovers_without_restarting_gunicorn(self, outage):
        """Once PostgreSQL is back every page and /healthz answer 200 from the same processes."""
        assert outage["recovered"]
        assert all(
            status == 200 for answers in outage["after"].values() for status, _h, _b in answers
        )
        assert outage["server_running"]
        assert outage["workers_after"] == outage["workers_before"]
