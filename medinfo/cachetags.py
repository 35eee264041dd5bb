"""The names of what cached pages show, and how the write side invalidates them.

Every cached page and fragment declares tags ("article:12", "drug-index" …) when it
is rendered (``website.pagecache``); whatever changes what a tag stands for bumps
it here. The vocabulary lives in the editorial core because both sides use it:
the public site reads it, and the admin, the ads app and publication write it,
without importing the public site.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import BaseCache, caches

TAG_PREFIX = "pagetag:"

HOME = "home"
SEARCH = "search"
FEED = "feed"
SITEMAP = "sitemap"
DRUG_INDEX = "drug-index"
CONDITION_INDEX = "condition-index"
# Slot markup is cached with the page, so a placement change bumps this tag.
AD_PLACEMENTS = "ad-placements"
# Carried by every page a CDN keeps, never bumped by a change: purged to empty the CDN
# after a restore or a release (manage.py purge_cdn --all).
EVERY_PAGE = "site"


def article_tag(article_id: int) -> str:
    return f"article:{article_id}"


def related_tag(article_id: int) -> str:
    """An article's related-articles list (bumped when any of them is (un)published)."""
    return f"related:{article_id}"


def drug_tag(drug_id: int) -> str:
    return f"drug:{drug_id}"


def condition_tag(condition_id: int) -> str:
    return f"condition:{condition_id}"


def reviewer_tag(reviewer_id: int) -> str:
    return f"reviewer:{reviewer_id}"


def index_tag(subject: str) -> str:
    """The A–Z index of ``subject`` ("drug" or "condition")."""
    return f"{subject}-index"


def path_tag(path: str) -> str:
    """The tag every cached page carries for its own address (bumped by publication).

    Hashed: an address may be long or hold characters no cache key should.
    """
    return "path:" + hashlib.sha256(path.encode()).hexdigest()[:32]


def page_cache() -> BaseCache:
    return caches[settings.MEDINFO_PAGE_CACHE_ALIAS]


def bump_tags(*tags: str) -> None:
    """Invalidate every cached page and fragment that declared any of ``tags``.

    Pages a CDN keeps carry the same names as surrogate keys; those are purged
    once the current transaction commits (``medinfo.cdn``).
    """
    page_cache().set_many({TAG_PREFIX + tag: uuid.uuid4().hex for tag in tags}, None)
    if settings.MEDINFO_CDN_PURGE_URLS:
        from .cdn import purge_on_commit  # the task queue imports the models

        purge_on_commit(list(tags))
