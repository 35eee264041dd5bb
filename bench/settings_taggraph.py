"""The current cache design (tag graph) as bench/cache_design.sh measures it.

``bench.settings`` (production settings plus /bench/hello/) with the hit marker of
``bench.cachemark``. /bench/ bypasses the page cache, so hello-world is the same
baseline for both designs (Django's cache middleware would cache it). The shared
cache is Redis (``REDIS_URL``), as with several app processes in production.
"""

from bench.cachemark import with_markers
from bench.settings import *  # noqa: F403
from bench.settings import MEDINFO_PAGE_CACHE_SKIP_PREFIXES, MIDDLEWARE

PAGE_CACHE_MIDDLEWARE = "website.pagecache.PageCacheMiddleware"
MEDINFO_PAGE_CACHE_SKIP_PREFIXES = (*MEDINFO_PAGE_CACHE_SKIP_PREFIXES, "/bench/")
MIDDLEWARE = with_markers(MIDDLEWARE, page_cache=PAGE_CACHE_MIDDLEWARE)
