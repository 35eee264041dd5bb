"""The simpler cache design's few moving parts (``bench.settings_simplecache``).

What production would need to adopt it: this middleware in place of
``website.pagecache.PageCacheMiddleware``, the A–Z views without their listing
cache, the article page without tag versions, and a publication receiver that
calls ``clear_pages`` instead of bumping tags.
"""

import math

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count
from django.http import Http404
from django.middleware.cache import CacheMiddleware
from django.shortcuts import render

from medinfo.models import PublicName
from website.alphabet import (
    LETTERS,
    NAMES_PER_PAGE,
    SINGLE_PAGE_LIMIT,
    _page_number,
    _render_listing,
)
from website.pages import ArticlePage, live_article_reference


class SiteCacheMiddleware(CacheMiddleware):
    """Django's cache middleware, stepping aside where the page cache does.

    Sessions (logged-in staff, and the benchmark's "uncached" requests) and the
    page cache's skipped prefixes (admin, previews, health check, ads) are never
    served from or stored in the cache.
    """

    def process_request(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES or request.path.startswith(
            settings.MEDINFO_PAGE_CACHE_SKIP_PREFIXES
        ):
            request._cache_update_cache = False
            return None
        return super().process_request(request)


def clear_pages():
    """What a publication does to cached pages in this design: drop them all."""
    caches[settings.CACHE_MIDDLEWARE_ALIAS].clear()


class UntaggedArticlePage(ArticlePage):
    """The article page without the tag versions its fragment keys would need."""

    def __init__(self, request, *, reference):
        self.request = request
        self.reference = reference
        self.preview = False
        self.related_version = self.reviewer_version = self.ads_version = ""


def _article(request, subject, subject_slug, article_slug):
    reference = live_article_reference(
        subject=subject, subject_slug=subject_slug, article_slug=article_slug
    )
    if reference is None:
        raise Http404("No such article.")
    page = UntaggedArticlePage(request, reference=reference)
    context = {"page": page, "cache_content": not page.is_draft}
    return render(request, "medinfo/article_detail.html", context)


def drug_article(request, drug_slug, article_slug):
    """website.views.drug_article without tag versions."""
    return _article(request, "drug", drug_slug, article_slug)


def condition_article(request, condition_slug, article_slug):
    """website.views.condition_article without tag versions."""
    return _article(request, "condition", condition_slug, article_slug)


def az_index(request, *, subject):
    """website.alphabet.az_index with no cache of its own: counted and listed on every miss."""
    rows = PublicName.objects.filter(subject=subject).values_list("letter").annotate(Count("pk"))
    counts = dict(rows.order_by())
    letter = request.GET.get("letter", "").upper()[:1]
    if letter not in LETTERS:
        letter = ""
    if not letter and sum(counts.values()) > SINGLE_PAGE_LIMIT:
        letter = next((candidate for candidate in LETTERS if counts.get(candidate)), "A")
    total = counts.get(letter, 0) if letter else sum(counts.values())
    pages = max(1, math.ceil(total / NAMES_PER_PAGE))
    number = _page_number(request.GET.get("page"), pages)
    return {
        "letters": [(candidate, bool(counts.get(candidate))) for candidate in LETTERS],
        "letter": letter,
        "listing": _render_listing(subject, letter, number, pages),
    }


def drug_index(request):
    """website.views.drug_index without the listing cache."""
    context = az_index(request, subject=PublicName.Subject.DRUG)
    return render(request, "drugs/drug_index.html", context)


def condition_index(request):
    """website.views.condition_index without the listing cache."""
    context = az_index(request, subject=PublicName.Subject.CONDITION)
    return render(request, "conditions/condition_index.html", context)
