"""Search latency with the demo content, and the top result of each real query.

    PYTHONPATH=. .venv/bin/python bench/search.py [--repeats 50]

Uses the test settings (DEBUG off, local-memory cache): with no ``DATABASE_URL`` a
new SQLite file in a temporary folder, with one that database (use an empty one:
it is migrated and gets the demo). Requests ``/search/?q=…`` for the 20 queries of
``tests/website/test_search_ranking.py`` through Django's test client, past the
page cache (a session cookie makes it step aside, as for logged-in staff), each
followed by ``/healthz`` as a baseline, after one warm-up round. Prints p50, p95
and p99 of both in milliseconds and a Markdown table of each query's top result
(after “Did you mean” when nothing was found). The figures are recorded in
bench/README.md; no test times anything.
"""

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medinfo.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from medinfo.models import Article  # noqa: E402
from tests.medinfo.test_search_ranking import QUERIES  # noqa: E402
from website.search import did_you_mean, normalise_query, search_articles  # noqa: E402


def prepare() -> None:
    """Migrate and load the demo once; publication indexes each article as it commits."""
    call_command("migrate", verbosity=0)
    if not Article.objects.exists():
        call_command("load_demo", verbosity=0)


def timed(client: Client, path: str, **params) -> float:
    """Milliseconds the site takes to answer one GET."""
    started = time.perf_counter()
    response = client.get(path, params)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, params, response.status_code)  # nosec B101
    return elapsed


def timings(client: Client, repeats: int) -> tuple[list[float], list[float]]:
    """Milliseconds of every search and of as many /healthz requests, interleaved.

    /healthz (one trivial query) shares the machine's noise with the searches, so its
    figures show how much of a slow tail is the machine rather than search.
    """
    searches, baseline = [], []
    for round_number in range(repeats + 1):
        for query in QUERIES:
            search_ms, health_ms = timed(client, "/search/", q=query), timed(client, "/healthz")
            if round_number:  # round 0 warms up
                searches.append(search_ms)
                baseline.append(health_ms)
    return searches, baseline


def centiles(measured: list[float]) -> str:
    cuts = statistics.quantiles(measured, n=100)
    return f"p50 {cuts[49]:.2f} ms, p95 {cuts[94]:.2f} ms, p99 {cuts[98]:.2f} ms"


def top_result(query: str) -> str:
    """The first result's address, after following “Did you mean” when nothing matched."""
    words = normalise_query(query)
    first = next(iter(search_articles(words)[:1]), None)
    if first is None and (suggestion := did_you_mean(words)):
        first = next(iter(search_articles(suggestion)[:1]), None)
        return f"→ “{suggestion}” → {first.get_absolute_url()}" if first else "none"
    return first.get_absolute_url() if first else "none"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50)
    repeats = parser.parse_args().repeats
    prepare()
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = "bench"
    searches, baseline = timings(client, repeats)
    print(f"database: {connection.vendor}; {len(searches)} searches over {len(QUERIES)} queries")
    print(f"search:   {centiles(searches)}")
    print(f"/healthz: {centiles(baseline)}")
    print("\n| query | expected first result | observed |\n|---|---|---|")
    for query, (expected, _suggestion) in QUERIES.items():
        print(f"| {query} | {expected} | {top_result(query)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
