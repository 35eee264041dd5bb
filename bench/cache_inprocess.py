"""What a page-cache miss costs in one design, in process: SQL queries and server time.

Run with the design's settings (``bench.settings_taggraph`` or
``bench.settings_simplecache``) and ``DATABASE_URL``; prints JSON. For each page:
the queries and time of a request on empty caches (after a deploy, or for a page
nobody asked for yet), and of a miss with warm fragment caches (a session cookie
makes the whole-page cache step aside, as after a publication), median of 20.
Clears this design's caches (its own Redis databases, see bench/cache_design.sh).
"""

import json
import statistics
import time

import django

django.setup()

from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = {
    "article": "/drugs/milnacipran/uses/",
    "drug hub": "/drugs/milnacipran/",
    "condition": "/conditions/fibromyalgia/",
    "A–Z letter": "/drugs/?letter=M",
    "home": "/",
}


def timed(client, path):
    """(queries, milliseconds) of one request."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)  # nosec B101
    return len(queries), elapsed


def main():
    anonymous = Client(HTTP_HOST="127.0.0.1")
    session = Client(HTTP_HOST="127.0.0.1", HTTP_COOKIE="sessionid=bench")
    for path in PAGES.values():  # compiles templates and imports views: not a miss's cost
        anonymous.get(path)
    report = {}
    for label, path in PAGES.items():
        for cache in caches.all():
            cache.clear()
        cold_queries, cold_ms = timed(anonymous, path)
        warm = [timed(session, path) for _ in range(21)][1:]
        report[label] = {
            "cold_queries": cold_queries,
            "cold_ms": cold_ms,
            "miss_queries": warm[-1][0],
            "miss_ms": statistics.median(ms for _, ms in warm),
        }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
