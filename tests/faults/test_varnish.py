"""The site behind a real Varnish: pages are kept, an approval purges exactly its pages.

A private ``varnishd`` (tests.faults.services.PrivateVarnish) runs the repository's
VCL (deploy/varnish/medinfo.vcl) in front of a real gunicorn sharing a private
Redis. The site purges through a relay in this process, which the test can take
down: Varnish itself keeps answering visitors while its purge address is unreachable,
as when the network between the app and a CDN's purge API fails. A pharmacist
approves over HTTP, through Varnish.

Before #15 pages carried no surrogate keys and nothing purged Varnish: the approved
title only reached visitors when the copy Varnish kept expired.
"""

import json
import sqlite3
import subprocess
import threading
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings

from tests.faults import services
from tests.faults.staff import StaffBrowser, submit_new_title

ARTICLE = "/drugs/milnacipran/uses/"
# Another drug, another reviewer's byline is not involved: nothing it shows changes.
UNRELATED = "/drugs/ibuprofen/uses/"
FIRST_TITLE = "What Is Milnacipran Used For?"
APPROVED_TITLE = "How Can Milnacipran Help With Fibromyalgia?"
LATER_TITLE = "Milnacipran: What It Treats"
RETRY_WAIT_SECONDS = 40


class PurgeRelay:
    """Passes the site's purges on to Varnish; ``stop()`` makes the purge address unreachable."""

    def __init__(self, *, port, varnish_port):
        self.port = port
        self.varnish_port = varnish_port
        self.server = None

    def start(self):
        varnish = self.varnish_port

        class Relay(BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 (http.server's naming)
                status, _headers, body = services.fetch(
                    f"http://127.0.0.1:{varnish}{self.path}",
                    method="PURGE",
                    headers={"xkey": self.headers.get("xkey", "")},
                )
                self.send_response(status)
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Relay)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def look(varnish, path):
    """(X-Cache, title in the page's <h1>) of one visit through Varnish."""
    status, headers, body = varnish.get(path)
    assert status == 200, body[:300]
    return headers["X-Cache"], heading(body)


def heading(body):
    start = body.index("<h1")
    return " ".join(body[body.index(">", start) + 1 : body.index("</h1>", start)].split())


def purge_results(database):
    """(attempt, status) of every purge task the site ran or queued, oldest first."""
    with closing(sqlite3.connect(database)) as connection:
        rows = connection.execute(
            "SELECT args_kwargs, status FROM django_tasks_database_dbtaskresult"
            " WHERE task_path = 'medinfo.cdn.purge_keys' ORDER BY enqueued_at"
        ).fetchall()
    return [(json.loads(args)["kwargs"].get("attempt", 1), status) for args, status in rows]


@pytest.fixture(scope="module")
def behind_varnish(tmp_path_factory, private_redis):
    """The demo under gunicorn and a task worker, behind Varnish, purging through a relay."""
    workdir = tmp_path_factory.mktemp("varnish")
    database = workdir / "site.sqlite3"
    relay_port = services.free_port()
    setup_env = services.site_environment(
        workdir, database_url=f"sqlite:///{database}", redis_url=private_redis.url()
    )
    services.manage("migrate", "--no-input", "-v0", env=setup_env)
    services.manage("load_demo", env=setup_env)  # before there is a Varnish to purge
    env = {
        **setup_env,
        "MEDINFO_CDN_PURGE_URLS": f"http://127.0.0.1:{relay_port}/",
        "MEDINFO_TASK_RETRY_SECONDS": "1",
        # The second purge of each change (tests/website/test_cdn.py) comes after the test.
        "MEDINFO_CDN_PURGE_AGAIN_SECONDS": "600",
    }
    server = services.Gunicorn(env=env, log_path=workdir / "gunicorn.log")
    worker_log = (workdir / "worker.log").open("wb")
    worker = subprocess.Popen(  # noqa: S603 - our own manage.py
        [
            str(services.BIN / "python"),
            "manage.py",
            "db_worker",
            "--no-reload",
            "--interval",
            "0.2",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    varnish = None
    try:
        varnish = services.PrivateVarnish(backend_port=server.port)
        server.wait_until_serving()
        varnish.start()
        relay = PurgeRelay(port=relay_port, varnish_port=varnish.port)
        relay.start()
        yield {"env": env, "server": server, "varnish": varnish, "relay": relay, "db": database}
    except services.MissingTool as missing:
        pytest.fail(str(missing), pytrace=False)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        worker_log.close()
        if varnish is not None:
            varnish.remove()
        server.stop()


def test_readme_shows_the_vcl_as_committed():
    """The README's VCL is the file the test runs, character for character."""
    readme = (services.VCL.parents[2] / "README.md").read_text()
    assert f"```vcl\n{services.VCL.read_text()}```" in readme


def test_a_machine_without_varnishd_is_told_what_to_install(monkeypatch):
    """No varnishd: the module's tests fail with the package names, they never skip."""
    monkeypatch.setenv("MEDINFO_VARNISHD", "/nonexistent/varnishd")
    with pytest.raises(services.MissingTool, match="apt-get install varnish varnish-modules"):
        services.PrivateVarnish(backend_port=services.free_port())


@pytest.mark.faults
class TestBehindVarnish:
    """In order: caching, an approval's purge, then an approval while purges cannot get through."""

    def test_second_visit_is_a_hit(self, behind_varnish):
        """Varnish keeps a public page: the second visit is served without the app."""
        varnish = behind_varnish["varnish"]
        assert look(varnish, ARTICLE) == ("MISS", FIRST_TITLE)
        assert look(varnish, ARTICLE) == ("HIT", FIRST_TITLE)
        assert look(varnish, UNRELATED)[0] == "MISS"
        assert look(varnish, UNRELATED)[0] == "HIT"

    def test_http_and_https_copies_are_kept_apart(self, behind_varnish):
        """What Varnish keeps for https is never served over http, nor the other way round.

        Failed before: one copy served both, so production's redirect from http to https,
        kept by Varnish, was replayed to https visitors: a redirect loop for everyone.
        """
        varnish = behind_varnish["varnish"]
        https = {"X-Forwarded-Proto": "https"}
        assert varnish.get("/conditions/", headers=https)[1]["X-Cache"] == "MISS"
        assert varnish.get("/conditions/", headers=https)[1]["X-Cache"] == "HIT"
        plain = varnish.get("/conditions/", headers={"X-Forwarded-Proto": "http"})
        assert plain[1]["X-Cache"] == "MISS"

    def test_staff_pages_are_never_kept(self, behind_varnish):
        """The admin login page goes to the app every time, and says private."""
        varnish = behind_varnish["varnish"]
        for _visit in range(2):
            status, headers, _body = varnish.get("/admin/login/")
            assert status == 200 and headers["X-Cache"] == "MISS"
            assert "private" in headers["Cache-Control"]

    def test_approval_purges_the_article_and_leaves_other_pages_cached(self, behind_varnish):
        """The next visit after Approve shows the approved title; an unrelated page stays a hit."""
        varnish = behind_varnish["varnish"]
        revision = submit_new_title(
            env=behind_varnish["env"], path=ARTICLE, title=APPROVED_TITLE, name="first"
        )
        reviewer = StaffBrowser(varnish.base_url)
        reviewer.log_in("reviewer-first")
        status, page = reviewer.approve(revision)
        assert status == 200 and "is now live" in page
        assert look(varnish, ARTICLE) == ("MISS", APPROVED_TITLE)
        assert look(varnish, ARTICLE) == ("HIT", APPROVED_TITLE)
        assert look(varnish, UNRELATED)[0] == "HIT"
        # Purged at once: nothing failed, only the later second purge waits in the queue.
        assert set(purge_results(behind_varnish["db"])) == {(1, "READY")}

    def test_approval_succeeds_while_purges_fail_and_the_purge_is_retried(self, behind_varnish):
        """Purge address down: Approve still works; the queued retry purges once it is back."""
        varnish, relay = behind_varnish["varnish"], behind_varnish["relay"]
        assert look(varnish, ARTICLE) == ("HIT", APPROVED_TITLE)
        relay.stop()
        revision = submit_new_title(
            env=behind_varnish["env"], path=ARTICLE, title=LATER_TITLE, name="second"
        )
        reviewer = StaffBrowser(varnish.base_url)
        reviewer.log_in("reviewer-second")
        status, page = reviewer.approve(revision)
        assert status == 200 and "is now live" in page
        # The app serves the new title; Varnish still has the old one: the purge failed.
        assert heading(behind_varnish["server"].get(ARTICLE)[2]) == LATER_TITLE
        assert look(varnish, ARTICLE) == ("HIT", APPROVED_TITLE)
        relay.start()
        purged = services.wait_until(
            lambda: look(varnish, ARTICLE)[1] == LATER_TITLE, seconds=RETRY_WAIT_SECONDS
        )
        assert purged, purge_results(behind_varnish["db"])
        retried = [status for attempt, status in purge_results(behind_varnish["db"]) if attempt > 1]
        assert "SUCCESSFUL" in retried
