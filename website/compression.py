"""gzip for the public site's responses, applied after the page cache (issue #12 item 7).

``PageCacheMiddleware`` stores pages uncompressed and refuses to store a response
that varies, since one stored copy serves every visitor. This middleware sits
outside it (settings.MIDDLEWARE), so a page served from the cache and a page just
rendered are compressed alike on their way out, for clients that accept gzip, and
both carry ``Vary: Accept-Encoding`` for the CDN. A cached page carries an ETag
that hashes its content, so each process keeps the compressed copies of recent
pages by ETag and a cache hit is not compressed again (compressing the largest
article costs about as much as serving it from the cache).

BREACH: compression can leak a secret in a page that also reflects what an attacker
sends. Only responses that hold no secret are compressed: not for a signed-in
person (session cookie), not a page that used the CSRF token or sets a cookie, and
not a response marked private or no-store (the admin, previews, the ad endpoints
with their signed tokens, the health check). Public pages are none of these.
"""

import functools
import re
import threading
from collections import OrderedDict

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin
from django.utils.text import compress_string

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)
# Shorter responses are not worth it (Django's GZipMiddleware draws the same line).
MIN_LENGTH = 200
# Django's "Heal the BREACH" padding: random bytes in the gzip header of each copy.
MAX_RANDOM_BYTES = 100
# Compressed copies kept per process: a few megabytes at most.
REMEMBERED_PAGES = 256


# A weight as RFC 9110 12.4.2 writes it: 0 to 1, three decimals at most.
QVALUE = re.compile(r"0(\.[0-9]{0,3})?|1(\.0{0,3})?")


def _weight(parameters: str) -> float:
    """The weight an Accept-Encoding item's parameters give it: 1 when unsaid, 0 when
    said otherwise than the RFC allows (``q=inf``, ``q=``, two weights)."""
    weights = [
        value.strip()
        for name, _, value in (parameter.partition("=") for parameter in parameters.split(";"))
        if name.strip().lower() == "q"
    ]
    if not weights:
        return 1.0
    if len(weights) == 1 and QVALUE.fullmatch(weights[0]):
        return float(weights[0])
    return 0.0


@functools.lru_cache(maxsize=64)
def accepts_gzip(accept_encoding: str) -> bool:
    """Whether a client's Accept-Encoding takes gzip (RFC 9110 12.5.3).

    A coding with ``q=0`` is refused, ``x-gzip`` names gzip, and ``*`` stands for gzip
    when it is not named; a malformed weight refuses its coding, since the uncompressed
    page is always acceptable. Clients send a handful of distinct headers, so the
    answers are kept.
    """
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, _, parameters = item.partition(";")
        weights.setdefault(coding.strip().lower(), _weight(parameters))
    for coding in ("gzip", "x-gzip", "*"):
        if coding in weights:
            return weights[coding] > 0
    return False


def holds_no_secret(request, response) -> bool:
    """Whether ``response`` is the same for anyone, so compressing it can leak nothing."""
    cache_control = response.get("Cache-Control", "")
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not response.cookies
        # Set by django.middleware.csrf.get_token(): the page holds a CSRF token.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def is_compressible(request, response) -> bool:
    return (
        not response.streaming
        and len(response.content) >= MIN_LENGTH
        and not response.has_header("Content-Encoding")
        and response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
        and holds_no_secret(request, response)
    )


class CompressedCopies:
    """The gzip copies of the last ``size`` pages compressed, by the ETag of the original.

    The length joins the ETag in the key, so even a view whose ETag did not hash its
    content could not be served another page's bytes of another length.
    """

    def __init__(self, size):
        self.size = size
        self.copies = OrderedDict()
        self.lock = threading.Lock()

    def compressed(self, content, *, etag):
        if not etag:
            return compress_string(content, max_random_bytes=MAX_RANDOM_BYTES)
        key = (etag, len(content))
        with self.lock:
            copy = self.copies.get(key)
            if copy is not None:
                self.copies.move_to_end(key)
                return copy
        copy = compress_string(content, max_random_bytes=MAX_RANDOM_BYTES)
        with self.lock:
            self.copies[key] = copy
            while len(self.copies) > self.size:
                self.copies.popitem(last=False)
        return copy


class PublicGZipMiddleware(MiddlewareMixin):
    """gzip for responses that hold no secret, with ``Vary: Accept-Encoding`` on all of them."""

    copies = CompressedCopies(REMEMBERED_PAGES)

    def process_response(self, request, response):
        if response.status_code == 304:
            return self._not_modified(request, response)
        if not is_compressible(request, response):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        etag = response.get("ETag", "")
        # Only a strong ETag names exactly these bytes.
        compressed = self.copies.compressed(
            response.content, etag=etag if etag.startswith('"') else ""
        )
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        if etag.startswith('"'):
            # RFC 9110 8.8.1: another representation; a weak ETag still matches If-None-Match.
            response["ETag"] = "W/" + etag
        response["Content-Encoding"] = "gzip"
        return response

    def _not_modified(self, request, response):
        """A 304 for a public page says what its 200 said: Vary, and the gzip copy's ETag.

        Public pages are all compressible (HTML, over MIN_LENGTH), so their 304 answers
        for the copy this client would have been sent.
        """
        if "public" not in response.get("Cache-Control", "") or not holds_no_secret(
            request, response
        ):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        etag = response.get("ETag", "")
        if etag.startswith('"') and accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            response["ETag"] = "W/" + etag
        return response
