"""Replay a cached page before Django's handler runs (issue #15: a cheaper stack).

A page-cache hit still costs Django's whole request cycle: the request object, the
signals, the middleware above the page cache (security headers, gzip) and the
response object, about as much again as finding the page. ``ReplayFront`` wraps the
WSGI application (``medinfo.wsgi``) and keeps, per process, the last responses that
left Django for a stored page exactly as they were sent, bytes and headers. The next
request that Django would have answered from the same stored page gets that copy
without entering Django at all.

It replays only what Django itself just sent for the same request:

- Only plain GETs without a session cookie and without a conditional header (Django
  answers HEADs, 304s and signed-in visitors).
- The copy is keyed by every part of the request that the middleware above and at the
  page cache reads: scheme and proxy headers, host, script name, path, query string,
  and whether the client takes gzip.
- The copy is recorded only when ``PageCacheMiddleware`` marked the response as a
  stored page (``REPLAY_MARK``: the tag versions it was stored under and when it
  expires), with status 200, no cookie, and ``Cache-Control: public``.
- A copy is replayed only while those tag versions are still current in the shared
  page cache, as the middleware checks them, and not after the stored page would have
  expired. A publication, unpublication or any other bump therefore reaches the next
  request through Django, on every server that shares the cache.
"""

import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.http import parse_cookie

from medinfo.cachetags import page_cache

from .compression import accepts_gzip

# Set by PageCacheMiddleware on request.META (the WSGI environ itself) when the response
# is a stored page: (tag versions, time.time() after which the stored page is gone).
REPLAY_MARK = "medinfo.replay"
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


class Copy(NamedTuple):
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    tags: dict[str, str]
    expires: float


def replay_key(environ) -> tuple | None:
    """What Django's answer to a page-cache hit depends on, or None when it may not be replayed."""
    if environ.get("REQUEST_METHOD") != "GET":
        return None
    if any(name in environ for name in CONDITIONAL_HEADERS):
        return None
    cookies = environ.get("HTTP_COOKIE")
    if cookies and settings.SESSION_COOKIE_NAME in parse_cookie(cookies):
        return None
    return (
        environ.get("wsgi.url_scheme"),
        # The proxy headers Django may read for the scheme, the host and the port.
        environ.get(_scheme_header()),
        environ.get("HTTP_X_FORWARDED_HOST"),
        environ.get("HTTP_X_FORWARDED_PORT"),
        environ.get("HTTP_HOST"),
        environ.get("SERVER_NAME"),
        environ.get("SERVER_PORT"),
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
        accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", "")),
    )


def _scheme_header():
    """The header SECURE_PROXY_SSL_HEADER names (X-Forwarded-Proto in production)."""
    header = settings.SECURE_PROXY_SSL_HEADER
    return header[0] if header else "HTTP_X_FORWARDED_PROTO"


def _is_replayable(status, headers) -> bool:
    names = {name.lower(): value for name, value in headers}
    return (
        status.startswith("200 ")
        and "set-cookie" not in names
        and "public" in names.get("cache-control", "")
    )


class ReplayFront:
    """WSGI middleware: answer repeated page-cache hits with the bytes Django sent last time."""

    def __init__(self, application, *, size=None):
        self.application = application
        self.size = settings.MEDINFO_REPLAYED_PAGES if size is None else size
        self.copies: OrderedDict[tuple, Copy] = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        key = replay_key(environ) if self.size else None
        if key is not None:
            copy = self._current_copy(key)
            if copy is not None:
                start_response(copy.status, list(copy.headers))
                return [copy.body]
        sent = []

        def recording_start_response(status, headers, exc_info=None):
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        response = self.application(environ, recording_start_response)
        mark = environ.get(REPLAY_MARK)
        if key is None or mark is None or not sent or not _is_replayable(*sent):
            return response
        try:
            body = b"".join(response)
        finally:
            # Django's close() sends request_finished; the server closes only the list.
            if hasattr(response, "close"):
                response.close()
        tags, expires = mark
        self._keep(key, Copy(sent[0], list(sent[1]), body, dict(tags), expires))
        return [body]

    def _current_copy(self, key):
        with self.lock:
            copy = self.copies.get(key)
        if copy is None:
            return None
        if time.time() < copy.expires and page_cache().get_many(list(copy.tags)) == copy.tags:
            with self.lock:
                if key in self.copies:
                    self.copies.move_to_end(key)
            return copy
        with self.lock:
            if self.copies.get(key) is copy:
                del self.copies[key]
        return None

    def _keep(self, key, copy):
        with self.lock:
            self.copies[key] = copy
            self.copies.move_to_end(key)
            while len(self.copies) > self.size:
                self.copies.popitem(last=False)
