"""Redis goes away: the site keeps serving from the database, with no errors.

``medinfo.cache.ResilientRedisCache`` treats an unreachable Redis as a miss. The
first tests point it at a closed port; the class at the end stops a private Redis
server (tests.faults.services.PrivateRedis) under a real gunicorn configured only
through REDIS_URL, and starts it again.
"""

import logging
import re
import socket

import pytest

from medinfo.cache import ResilientRedisCache
from tests.faults import services
from tests.public_site import MILNACIPRAN_TITLE, publish_milnacipran_uses

PAGES = ["/", "/drugs/", "/conditions/", "/drugs/milnacipran/", "/drugs/milnacipran/uses/"]
REQUESTS_PER_URL = 4  # two sync workers: every URL reaches both of them


@pytest.fixture
def closed_port():
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_cache(closed_port):
    location = f"redis://127.0.0.1:{closed_port}/0"
    return ResilientRedisCache(location, {"OPTIONS": {"socket_connect_timeout": 0.5}})


def test_reads_are_misses_while_redis_is_unreachable(unreachable_cache):
    """Reads find nothing instead of raising, so callers compute the value themselves."""
    assert unreachable_cache.get("page", "fallback") == "fallback"
    assert unreachable_cache.get_many(["a", "b"]) == {}
    assert unreachable_cache.has_key("page") is False
    assert unreachable_cache.get_or_set("letters", lambda: ["M"]) == ["M"]


def test_writes_are_dropped_while_redis_is_unreachable(unreachable_cache):
    """Writes are dropped without an error, and set_many reports every key as not stored."""
    unreachable_cache.set("page", "html")
    unreachable_cache.delete_many(["a"])
    assert unreachable_cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert unreachable_cache.delete("page") is False
    assert unreachable_cache.touch("page") is False
    assert unreachable_cache.clear() is False


def test_add_counts_nothing_twice_while_redis_is_unreachable(unreachable_cache):
    """add() answers "already there", so an ad view is never counted twice during an outage."""
    assert unreachable_cache.add("ads:seen:impression:n1", True) is False


def test_incr_acts_as_missing_key_while_redis_is_unreachable(unreachable_cache):
    """incr() raises the ValueError Django documents for a missing key."""
    with pytest.raises(ValueError, match="not found"):
        unreachable_cache.incr("counter")


def test_outage_is_logged_once_not_per_call(unreachable_cache, caplog, monkeypatch):
    """A burst of failed calls leaves one warning for the operator, not a flood."""
    monkeypatch.setattr(ResilientRedisCache, "_last_warning", float("-inf"))
    with caplog.at_level(logging.WARNING, logger="medinfo.cache"):
        for _ in range(20):
            unreachable_cache.get("page")
    assert len(caplog.records) == 1
    assert "Redis is unavailable" in caplog.records[0].getMessage()


@pytest.mark.django_db
def test_site_serves_pages_with_redis_unreachable(client, settings, closed_port):
    """With the configured Redis down, an article still renders from the database, every time."""
    settings.CACHES = {
        "default": {
            "BACKEND": "medinfo.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    publish_milnacipran_uses()
    for _visit in range(2):
        response = client.get("/drugs/milnacipran/uses/")
        assert response.status_code == 200
        assert MILNACIPRAN_TITLE in response.content.decode()


# The real thing ----------------------------------------------------------------


def heading(body):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.DOTALL)
    return match and " ".join(match.group(1).split())


def observe(server, paths):
    """{path: [(status, first heading), …]} with every path asked REQUESTS_PER_URL times."""
    answers = {}
    for path in paths:
        answers[path] = [
            (status, heading(body))
            for status, _headers, body in (server.get(path) for _ in range(REQUESTS_PER_URL))
        ]
    return answers


@pytest.fixture(scope="module")
def redis_outage(tmp_path_factory, private_redis):
    """Serve the demo with REDIS_URL set, stop Redis, look, start it again, look again."""
    workdir = tmp_path_factory.mktemp("redis-outage")
    env = services.site_environment(
        workdir,
        database_url=f"sqlite:///{workdir / 'site.sqlite3'}",
        redis_url=private_redis.url(),
    )
    services.manage("migrate", "--no-input", "-v0", env=env)
    services.manage("load_demo", env=env)
    server = services.Gunicorn(env=env, log_path=workdir / "gunicorn.log")
    try:
        server.wait_until_serving()
        paths = [*PAGES, "/healthz", "/admin/login/"]
        before = observe(server, paths)
        keys_before = private_redis.dbsize()
        with private_redis.stopped():
            during = observe(server, paths)
        after = observe(server, paths)
        yield {
            "before": before,
            "during": during,
            "after": after,
            "keys_before": keys_before,
            "keys_after": private_redis.dbsize(),
            "log": server.log_path,
        }
    finally:
        server.stop()


@pytest.mark.faults
class TestWhileRedisIsStopped:
    def test_pages_were_cached_in_redis(self, redis_outage):
        """Before the outage the workers share their page cache through Redis."""
        assert redis_outage["keys_before"] > 0

    def test_site_keeps_serving_the_same_pages(self, redis_outage):
        """With Redis down every page answers 200 with the content it had before."""
        assert redis_outage["during"] == redis_outage["before"]
        assert all(
            status == 200 for answers in redis_outage["during"].values() for status, _ in answers
        )

    def test_no_error_is_logged(self, redis_outage):
        """The outage leaves warnings, never a server error or a traceback, in the server log."""
        log = redis_outage["log"].read_text()
        assert "Internal Server Error" not in log and "Traceback" not in log
        assert "Redis is unavailable" in log

    def test_caching_resumes_when_redis_returns(self, redis_outage):
        """Once Redis is back, pages are cached in it again without restarting anything."""
        assert redis_outage["after"] == redis_outage["before"]
        assert redis_outage["keys_after"] > 0
