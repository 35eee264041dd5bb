"""In-process measurements for the scale benchmark: SQL query counts, server time of
search and admin screens, and EXPLAIN ANALYZE of the hot queries.

Run with DJANGO_SETTINGS_MODULE=bench.settings and DATABASE_URL set; prints JSON.
"""

import json
import random
import statistics
import sys
import time

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from conditions.models import Condition  # noqa: E402
from medinfo.models import Article, PublicName  # noqa: E402

PUBLIC_PAGES = {
    "article": "/drugs/milnacipran/uses/",
    "drug hub": "/drugs/milnacipran/",
    "condition": "/conditions/fibromyalgia/",
    "A–Z letter": "/drugs/?letter=M",
    "search": "/search/?q=milnacipran",
}
ADMIN_PAGES = {
    "article changelist": "/admin/medinfo/article/",
    "review queue": "/admin/medinfo/article/?workflow=in-review",
    "facts changed": "/admin/medinfo/article/?facts_changed__exact=1",
    "review overdue": "/admin/medinfo/article/?review=overdue",
    "drug changelist": "/admin/drugs/drug/",
    "condition changelist": "/admin/conditions/condition/",
}


def client(**headers):
    return Client(HTTP_HOST="127.0.0.1", **headers)


def measured(get, path, repeats=5):
    """(query count on a cold cache, median server milliseconds on a warm one)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = get(path)
    # Read the count now: each later request resets the connection's query log.
    query_count = len(queries)
    assert response.status_code == 200, (path, response.status_code)  # nosec B101
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return query_count, statistics.median(timings)


def admin_client():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    browser = client()
    browser.force_login(user)
    return browser


def change_forms():
    """The same demo objects on both corpora (the large one is the demo plus the synthetic
    corpus): the newest article of each database differed in kind and subject, so query
    counts and times compared a drug article with a condition's (issue #15)."""
    article = Article.objects.select_related("drug").get(drug__slug="milnacipran", slug="uses")
    drug = article.drug
    condition = Condition.objects.get(slug="fibromyalgia")
    return {
        "article change form": f"/admin/medinfo/article/{article.pk}/change/",
        "drug change form": f"/admin/drugs/drug/{drug.pk}/change/",
        "condition change form": f"/admin/conditions/condition/{condition.pk}/change/",
        "drug autocomplete": "/admin/autocomplete/?app_label=medinfo&model_name=article"
        "&field_name=drug&term=mil",
    }


def search_queries(count=80):
    """Generic names, brand names and three-word phrases that exist in this database."""
    rng = random.Random(7)  # noqa: S311 - reproducible sampling, not security  # nosec B311
    generics = list(PublicName.objects.filter(kind="generic").values_list("sort_name", flat=True))
    brands = list(PublicName.objects.filter(kind="brand").values_list("sort_name", flat=True))
    titles = list(
        Article.objects.live().values_list("live_revision__title", flat=True).order_by("?")[:500]
    )
    three = [" ".join(title.split()[:3]) for title in titles]
    pick = lambda names: rng.sample(names, min(count, len(names)))  # noqa: E731
    return {"one word": pick(generics), "brand name": pick(brands), "three words": pick(three)}


def search_latency():
    bypass = client()
    bypass.cookies["sessionid"] = "bench"
    results = {}
    for kind, queries in search_queries().items():
        timings = []
        for query in queries:
            started = time.perf_counter()
            assert bypass.get("/search/", {"q": query}).status_code == 200  # nosec B101
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        results[kind] = {
            "queries": len(timings),
            "p50": statistics.median(timings),
            "p95": timings[int(0.95 * (len(timings) - 1))],
        }
    return results


EXPLAINED = {
    "live article lookup": (
        "SELECT article.id FROM medinfo_article article JOIN medinfo_articlerevision revision"
        " ON revision.id = article.live_revision_id JOIN drugs_drug subject"
        " ON subject.id = article.drug_id WHERE subject.slug = 'milnacipran' AND article.slug = 'uses'"
    ),
    "search": (
        "SELECT a.id FROM medinfo_article a JOIN medinfo_articlerevision r ON r.id = a.live_revision_id"
        " WHERE r.status = 'approved' AND r.search_vector @@ websearch_to_tsquery('english', 'milnacipran')"
        " ORDER BY ts_rank(r.search_vector, websearch_to_tsquery('english', 'milnacipran')) DESC LIMIT 10"
    ),
    "A–Z letter page": (
        "SELECT * FROM medinfo_publicname WHERE subject = 'drug' AND letter = 'M'"
        " ORDER BY sort_name, id LIMIT 200"
    ),
    "facts-changed filter": (
        "SELECT id FROM medinfo_article WHERE facts_changed ORDER BY created_at DESC LIMIT 100"
    ),
    "review-overdue filter": (
        "SELECT id FROM medinfo_article WHERE live_revision_id IS NOT NULL"
        " AND review_due_on < CURRENT_DATE ORDER BY created_at DESC LIMIT 100"
    ),
}


def explain():
    if connection.vendor != "postgresql":
        return {}
    plans = {}
    with connection.cursor() as cursor:
        for label, sql in EXPLAINED.items():
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql)
            plans[label] = "\n".join(row[0] for row in cursor.fetchall())
    return plans


def main():
    public, admin = client(), admin_client()
    bypass = client()
    bypass.cookies["sessionid"] = "bench"
    report = {
        "articles": Article.objects.count(),
        "public": {label: measured(bypass.get, path) for label, path in PUBLIC_PAGES.items()},
        "admin": {
            label: measured(admin.get, path)
            for label, path in {**ADMIN_PAGES, **change_forms()}.items()
        },
        "search": search_latency(),
        "plans": explain(),
    }
    public.get("/")  # the anonymous client is only here to warm the URLconf
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
