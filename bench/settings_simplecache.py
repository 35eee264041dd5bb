"""The simpler cache design, for bench/cache_design.sh only (issue #11, item 5).

Django's own cache middleware (``bench.simplecache.SiteCacheMiddleware``, in the
page cache's place) stores whole pages in a dedicated alias, "pages", which a
publication clears entirely (``bench.simplecache.clear_pages``). The fragments
keyed by the revision stay, in the default cache; there are no tag-versioned
fragments: the article template of ``bench/templates_simplecache`` draws the ad
slots around the body, "Last reviewed by" and the related articles on every miss,
and the A–Z views of ``bench.urls_simplecache`` count and list names on every miss.

``REDIS_URL`` is the default cache as usual; ``SIMPLECACHE_PAGES_REDIS_URL`` must
name another Redis database, because clearing the alias flushes its database.
"""

import os

from bench.settings_taggraph import *  # noqa: F403
from bench.settings_taggraph import (
    BASE_DIR,
    CACHES,
    MEDINFO_PAGE_CACHE_SECONDS,
    MIDDLEWARE,
    PAGE_CACHE_MIDDLEWARE,
    TEMPLATES,
)

MIDDLEWARE = [
    "bench.simplecache.SiteCacheMiddleware" if name == PAGE_CACHE_MIDDLEWARE else name
    for name in MIDDLEWARE
]
ROOT_URLCONF = "bench.urls_simplecache"
TEMPLATES = [
    {**TEMPLATES[0], "DIRS": [BASE_DIR / "bench" / "templates_simplecache", *TEMPLATES[0]["DIRS"]]}
]

PAGES_REDIS_URL = os.environ.get("SIMPLECACHE_PAGES_REDIS_URL", "")
if PAGES_REDIS_URL:
    CACHES = {**CACHES, "pages": {**CACHES["default"], "LOCATION": PAGES_REDIS_URL}}
else:
    # One process only: another process's clear() would never reach this one.
    CACHES = {**CACHES, "pages": {**CACHES["default"], "LOCATION": "pages"}}
CACHE_MIDDLEWARE_ALIAS = "pages"
CACHE_MIDDLEWARE_SECONDS = MEDINFO_PAGE_CACHE_SECONDS
CACHE_MIDDLEWARE_KEY_PREFIX = ""
