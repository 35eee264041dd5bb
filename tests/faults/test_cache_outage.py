"""Redis goes away: the site keeps serving from the database, with no errors.

The cache is django-redis with ``IGNORE_EXCEPTIONS``: an unreachable Redis acts as a
miss, and medinfo.logfilters.RedisOutageFilter thins out the errors it logs. The
first tests point the project's cache settings at a closed port; the class at the end
stops a private Redis server (tests.faults.services.PrivateRedis) under a real
gunicorn configured only through REDIS_URL, and starts it again.
"""

import logging
import re
import socket
import sqlite3
from contextlib import closing

import pytest
import redis
from django.core.cache import cache

from ads.counting import first_use
from ads.models import DailyStat
from medinfo.logfilters import RedisOutageFilter
from tests.ads.factories import BROWSER_USER_AGENT, CreativeFactory, PlacementFactory
from tests.faults import services
from tests.public_site import MILNACIPRAN_TITLE, publish_milnacipran_uses

PAGES = ["/", "/drugs/", "/conditions/", "/drugs/milnacipran/", "/drugs/milnacipran/uses/"]
REQUESTS_PER_URL = 4  # two sync workers: every URL reaches both of them
AD_SLOT = {"placement": "article-top", "size": "728x90"}  # a placement of the demo


@pytest.fixture
def closed_port():
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_redis(settings, closed_port):
    """The cache as REDIS_URL configures it (tests/medinfo/test_settings.py), at a closed port."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    return cache


@pytest.fixture
def outage_log():
    """The filter settings.LOGGING puts on django-redis's logger, for the test's duration."""
    logger = logging.getLogger("django_redis.cache")
    thinning = RedisOutageFilter(seconds=30)
    logger.addFilter(thinning)
    yield
    logger.removeFilter(thinning)


def test_reads_are_misses_while_redis_is_unreachable(unreachable_redis):
    """Reads find nothing instead of raising, so callers compute the value themselves."""
    assert unreachable_redis.get("page", "fallback") == "fallback"
    assert unreachable_redis.get_many(["a", "b"]) == {}
    assert not unreachable_redis.has_key("page")
    assert unreachable_redis.get_or_set("letters", lambda: ["M"]) == ["M"]


def test_writes_are_dropped_while_redis_is_unreachable(unreachable_redis):
    """Writes, deletes, touch and clear (the restore command's) are dropped without an error."""
    unreachable_redis.set("page", "html")
    unreachable_redis.set_many({"pagetag:article:1": "v1"}, None)
    unreachable_redis.delete_many(["a"])
    assert not unreachable_redis.delete("page")
    unreachable_redis.clear()


def test_touch_is_not_covered_so_the_project_never_calls_it(unreachable_redis):
    """django-redis 7.0.0 lets touch() raise during an outage (and ttl, expire, persist)."""
    with pytest.raises(redis.ConnectionError):
        unreachable_redis.touch("page")


def test_add_counts_nothing_twice_while_redis_is_unreachable(unreachable_redis):
    """add() answers "not added", so an ad view is never counted twice during an outage."""
    assert not unreachable_redis.add("ads:seen:impression:n1", True)
    assert first_use(kind="impression", nonce="n1", max_age=60) is False


def test_outage_is_logged_once_not_per_call(unreachable_redis, outage_log, caplog):
    """A burst of failed calls leaves one one-line warning for the operator, not a flood."""
    with caplog.at_level(logging.DEBUG, logger="django_redis.cache"):
        for _ in range(20):
            unreachable_redis.get("page")
    assert [record.levelname for record in caplog.records] == ["WARNING"]
    record = caplog.records[0]
    assert "Redis is unavailable" in record.getMessage()
    assert "Connection refused" in record.getMessage() and record.exc_info is None


def test_thinned_warning_says_how_many_failures_it_left_out(monkeypatch):
    """The next warning after an interval counts the failures that were not logged."""
    thinning = RedisOutageFilter(seconds=30)
    clock = iter([100.0, 101.0, 102.0, 131.0])
    monkeypatch.setattr("medinfo.logfilters.time.monotonic", lambda: next(clock))
    records = [logging.makeLogRecord({"msg": "Exception ignored"}) for _ in range(4)]
    assert [thinning.filter(record) for record in records] == [True, False, False, True]
    assert "2 more failed calls" in records[3].getMessage()


@pytest.mark.django_db
def test_site_serves_pages_with_redis_unreachable(client, unreachable_redis):
    """With the configured Redis down, an article still renders from the database, every time."""
    publish_milnacipran_uses()
    for _visit in range(2):
        response = client.get("/drugs/milnacipran/uses/")
        assert response.status_code == 200
        assert MILNACIPRAN_TITLE in response.content.decode()
    # django-redis answers get_many() with one shared dict; the page cache must not fill it.
    assert unreachable_redis.get_many(["pagetag:article:1"]) == {}


@pytest.mark.django_db
def test_ads_are_served_but_not_counted_with_redis_unreachable(client, unreachable_redis):
    """Ads still come from the database; their impressions are not counted, never twice."""
    PlacementFactory(code="article-top")
    creative = CreativeFactory()
    served = client.get("/ads/serve/", AD_SLOT).json()
    for _beacon in range(2):
        response = client.post(
            "/ads/impression/",
            {"token": served["impression"]},
            headers={"user-agent": BROWSER_USER_AGENT},
        )
        assert response.status_code == 204
    assert not DailyStat.objects.filter(creative=creative).exists()


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


def serve_ad(server):
    """The impression token of one ad the site serves to a browser."""
    status, _headers, body = server.get("/ads/serve/?placement=article-top&size=728x90")
    assert status == 200, body
    return re.search(r'"impression": "([^"]+)"', body).group(1)


def send_beacons(server, token, *, times=2):
    """Report a viewable impression ``times`` times (a retry, a replay), as ads.js would."""
    for _beacon in range(times):
        status, _headers, _body = server.post(
            "/ads/impression/", {"token": token}, headers={"User-Agent": BROWSER_USER_AGENT}
        )
        assert status == 204


def impressions_counted(database):
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute(
            "SELECT COALESCE(SUM(impressions), 0) FROM ads_dailystat"
        ).fetchone()[0]


@pytest.fixture(scope="module")
def redis_outage(tmp_path_factory, private_redis):
    """Serve the demo with REDIS_URL set, stop Redis, look, start it again, look again."""
    workdir = tmp_path_factory.mktemp("redis-outage")
    database = workdir / "site.sqlite3"
    env = services.site_environment(
        workdir, database_url=f"sqlite:///{database}", redis_url=private_redis.url()
    )
    services.manage("migrate", "--no-input", "-v0", env=env)
    services.manage("load_demo", env=env)
    server = services.Gunicorn(env=env, log_path=workdir / "gunicorn.log")
    try:
        server.wait_until_serving()
        paths = [*PAGES, "/healthz", "/admin/login/"]
        before = observe(server, paths)
        token_before = serve_ad(server)
        send_beacons(server, token_before)
        impressions_before = impressions_counted(database)
        keys_before = private_redis.dbsize()
        with private_redis.stopped():
            during = observe(server, paths)
            send_beacons(server, token_before)
            send_beacons(server, serve_ad(server))
            impressions_during = impressions_counted(database)
        after = observe(server, paths)
        yield {
            "before": before,
            "during": during,
            "after": after,
            "keys_before": keys_before,
            "keys_after": private_redis.dbsize(),
            "impressions_before": impressions_before,
            "impressions_during": impressions_during,
            "log": server.log_path,
            "workers": server.workers,
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
        assert "ERROR" not in log

    def test_outage_is_logged_once_per_worker_not_per_call(self, redis_outage):
        """Each worker logs one warning for the whole (short) outage, not one per cache call."""
        warnings = [
            line
            for line in redis_outage["log"].read_text().splitlines()
            if "Redis is unavailable" in line
        ]
        assert 1 <= len(warnings) <= redis_outage["workers"]
        assert all("WARNING django_redis.cache" in line for line in warnings)

    def test_ad_views_are_counted_once_and_never_twice(self, redis_outage):
        """Beacons sent twice count once with Redis up, and not at all while it is down."""
        assert redis_outage["impressions_before"] == 1
        assert redis_outage["impressions_during"] == 1

    def test_caching_resumes_when_redis_returns(self, redis_outage):
        """Once Redis is back, pages are cached in it again without restarting anything."""
        assert redis_outage["after"] == redis_outage["before"]
        assert redis_outage["keys_after"] > 0
