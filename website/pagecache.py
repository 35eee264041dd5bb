"""Whole-page cache for anonymous visitors, invalidated precisely by tags.

A cached page remembers the versions of the tags it depends on (“article:12”,
“drug:3”, “drug-index” …). Publishing or unpublishing an article bumps only the
tags of what shows it, so one approval never flushes the whole site, and a hit
costs two cache reads and no database query.

The same tags travel with every stored page as surrogate keys (the header
``MEDINFO_CDN_KEY_HEADER`` names), so Varnish or a CDN in front keeps the page
for ``MEDINFO_CDN_MAX_AGE`` seconds and drops exactly the pages whose tags
``medinfo.cachetags.bump_tags`` bumps (``medinfo.cdn``). Whatever is not stored
here is marked for no shared cache at all.
"""

import functools
import hashlib
import time
import uuid

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from medinfo.cachetags import EVERY_PAGE, TAG_PREFIX, page_cache, path_tag

from .replay import REPLAY_MARK

PAGE_PREFIX = "page:"


def add_tags(request, *tags):
    """Declare that the page being rendered shows what ``tags`` name.

    Call it before reading the data the tags stand for: the versions are taken
    now, so a publication that commits while the page renders leaves the stored
    copy stale-marked instead of fresh-looking.
    """
    if hasattr(request, "page_cache_tags"):
        new = [tag for tag in tags if TAG_PREFIX + tag not in request.page_cache_tags]
        if new:
            request.page_cache_tags.update(_current_versions(new))


def _current_versions(tags):
    """The tag versions now, creating a version for tags never seen before."""
    cache = page_cache()
    keys = [TAG_PREFIX + tag for tag in tags]
    # A copy: while Redis is unreachable django-redis answers every get_many() with one
    # shared dict, which must not collect this request's versions for every later one.
    versions = dict(cache.get_many(keys))
    missing = {key: uuid.uuid4().hex for key in keys if key not in versions}
    if missing:
        cache.set_many(missing, None)
        versions.update(missing)
    return versions


def _page_key(request):
    # Host and scheme matter: pages carry absolute canonical URLs.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return PAGE_PREFIX + digest


def _is_cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(settings.MEDINFO_PAGE_CACHE_SKIP_PREFIXES)
    )


def _is_cacheable_response(request, response):
    return (
        response.status_code == 200
        # Only views that declared what they show are cached (the path tag is automatic).
        and len(request.page_cache_tags) > 1
        and not response.cookies
        and not response.has_header("Vary")
        and "private" not in response.get("Cache-Control", "")
        and not getattr(response, "streaming", False)
    )


class PageCacheMiddleware:
    """Serve anonymous GETs from the page cache, with ETag and 304 responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            response = self.get_response(request)
            if _is_personal(request):
                _keep_private(response)
            return response
        key = _page_key(request)
        entry = page_cache().get(key)
        if entry is not None and self._is_fresh(entry):
            _mark_replayable(request, entry)
            return self._cached_response(request, entry)
        request.page_cache_tags = {}
        add_tags(request, path_tag(request.path))
        response = self.get_response(request)
        if _is_cacheable_response(request, response):
            self._store(request, key, response)
            return self._conditional(request, response) or response
        if response.cookies or not response.has_header("Cache-Control"):
            # Not stored here, so no CDN may keep it either (a 404, a cookie, a Vary).
            _keep_private(response)
        return response

    def _conditional(self, request, response):
        """A 304 when the visitor's copy is current, else None."""
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response["Last-Modified"]),
            response=response,
        )

    def _is_fresh(self, entry):
        keys = list(entry["tags"])
        return page_cache().get_many(keys) == entry["tags"]

    def _store(self, request, key, response):
        versions = request.page_cache_tags
        response["ETag"] = quote_etag(
            hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        )
        response.setdefault("Last-Modified", http_date())
        # Browsers revalidate soon (ETag); the CDN keeps the page until a purge.
        patch_cache_control(
            response,
            public=True,
            max_age=settings.MEDINFO_PAGE_MAX_AGE,
            s_maxage=settings.MEDINFO_CDN_MAX_AGE,
        )
        response[settings.MEDINFO_CDN_KEY_HEADER] = surrogate_keys(versions)
        entry = {
            "tags": versions,
            "content": response.content,
            "headers": dict(response.items()),
            "stored_at": time.time(),
        }
        page_cache().set(key, entry, settings.MEDINFO_PAGE_CACHE_SECONDS)
        _mark_replayable(request, entry)

    def _cached_response(self, request, entry):
        response = HttpResponse(entry["content"], headers=entry["headers"])
        return self._conditional(request, response) or response


def _mark_replayable(request, entry):
    """Tell ``website.replay.ReplayFront`` that this answer is a stored page, and until when.

    META is the WSGI environ, which the front reads once Django has answered.
    """
    stored_at = entry.get("stored_at")
    if stored_at is not None:
        expires = stored_at + settings.MEDINFO_PAGE_CACHE_SECONDS
        request.META[REPLAY_MARK] = (entry["tags"], expires)


def surrogate_keys(versions):
    """The page's tags as a CDN's surrogate keys: the names ``bump_tags`` purges, space-separated.

    Every page also carries ``EVERY_PAGE``, which ``manage.py purge_cdn --all`` purges.
    """
    keys = {key.removeprefix(TAG_PREFIX) for key in versions} | {EVERY_PAGE}
    return " ".join(sorted(keys))


def _is_personal(request):
    """Signed-in visitors (a session cookie) and the staff's own addresses."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or request.path.startswith(
        settings.MEDINFO_PRIVATE_PREFIXES
    )


class PrivateByDefaultMiddleware:
    """Mark every response that says nothing about caching as private, no-store.

    The page cache marks what passes through it; this catches what answers before it
    (SecurityMiddleware's redirect to HTTPS) or outside it. A CDN keeps a response
    without Cache-Control for a while (Varnish: two minutes), and one that keys http
    and https alike would replay the HTTPS redirect to HTTPS visitors: a loop.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            _keep_private(response)
        return response


def _keep_private(response):
    """No shared cache (CDN, Varnish, proxy) may store or replay this response."""
    if response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_store=True)
    else:
        # What patch_cache_control writes here, without parsing a header that is not there.
        response["Cache-Control"] = "private, no-store"


def render_whole(request, template, context, *, keyed_by, timeout):
    """``render()``'s page, kept whole under ``keyed_by`` (plus the template, scheme and host).

    For visitors the page cache steps aside for (a session cookie): a page whose
    cached fragments are all keyed by parts of ``keyed_by``, and whose other parts are
    drawn from ``keyed_by`` too, is the same HTML whenever ``keyed_by`` is, so it is
    read back instead of drawn again. The scheme and host join the key: pages carry
    absolute URLs.
    """
    parts = (template, request.scheme, request.get_host(), *keyed_by)
    digest = hashlib.md5(repr(parts).encode(), usedforsecurity=False).hexdigest()
    # Kept encoded: a hit then neither re-encodes nor copies a string of the whole page.
    key = "whole-page-bytes:" + digest
    cache = page_cache()
    content = cache.get(key)
    if content is None:
        content = render_to_string(template, context, request).encode()
        cache.set(key, content, timeout)
    return HttpResponse(content)


def tagged(view, *tags):
    """Wrap a view that cannot call ``add_tags`` itself (sitemaps, feeds)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        add_tags(request, *tags)
        return view(request, *args, **kwargs)

    return wrapper


def tag_versions(*tags):
    """The current version of each tag, in order (for fragment cache keys)."""
    versions = _current_versions(tags)
    return [versions[TAG_PREFIX + tag] for tag in tags]
