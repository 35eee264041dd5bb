"""A steady publication rate for bench/cache_design.sh: one article every N seconds.

Does to the read side what an approval does, for the design named by the settings
module: the tag graph runs the real receiver (``website.publication``: re-index,
rebuild the A–Z names, bump the tags of every page that shows the article); the
simpler design re-indexes and rebuilds names the same way, then clears the whole
page alias. The article is picked at random among all live articles (seeded).
Prints one JSON line: how many publications ran and their mean and longest time.

    DJANGO_SETTINGS_MODULE=bench.settings_taggraph python bench/publisher.py --every 2 --seconds 20
"""

import argparse
import json
import random
import time

import django

django.setup()

from django.conf import settings  # noqa: E402

from medinfo.models import Article  # noqa: E402
from website.publication import (  # noqa: E402
    publication_changed,
    refresh_article_names,
    reindex_article,
)

SIMPLE = settings.ROOT_URLCONF == "bench.urls_simplecache"


def publish(article):
    """What the publication task does to the read side in this design."""
    if SIMPLE:
        from bench.simplecache import clear_pages

        reindex_article(article)
        refresh_article_names(article)
        clear_pages()
    else:
        publication_changed(article=article, previous_reviewer_id=article.live_revision.reviewer_id)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--every", type=float, required=True, help="seconds between publications")
    parser.add_argument("--seconds", type=float, required=True, help="how long to keep publishing")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)  # noqa: S311 - reproducible choice  # nosec B311
    ids = list(Article.objects.live().values_list("pk", flat=True))
    started = time.monotonic()
    timings = []
    while (due := started + args.every * (len(timings) + 1)) < started + args.seconds:
        time.sleep(max(0.0, due - time.monotonic()))
        article = Article.objects.select_related("live_revision").get(pk=rng.choice(ids))
        begun = time.perf_counter()
        publish(article)
        timings.append(time.perf_counter() - begun)
    print(json.dumps({
        "publications": len(timings),
        "mean_ms": 1000 * sum(timings) / len(timings) if timings else 0.0,
        "max_ms": 1000 * max(timings, default=0.0),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
