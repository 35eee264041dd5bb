"""Tell wrk whether a request was answered by the whole-page cache (bench/cache_design.sh).

``MarkResponseMiddleware`` goes first in MIDDLEWARE and ``MarkRenderedMiddleware``
right after the page cache: a request that reaches the inner one was not a hit.
The header is added on the way out, after the page cache stored the response, so
no cached copy carries it. Both designs' benchmark settings install the pair, so it
costs them the same.
"""

HEADER = "X-Bench-Rendered"


class MarkResponseMiddleware:
    """Add ``X-Bench-Rendered: 1`` to responses the page cache did not answer, else ``0``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.bench_rendered = False
        response = self.get_response(request)
        response[HEADER] = "1" if request.bench_rendered else "0"
        return response


class MarkRenderedMiddleware:
    """Note that the request got past the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.bench_rendered = True
        return self.get_response(request)


def with_markers(middleware, *, page_cache):
    """``middleware`` with the pair around ``page_cache`` (a dotted path in it)."""
    at = middleware.index(page_cache) + 1
    return [
        f"{__name__}.MarkResponseMiddleware",
        *middleware[:at],
        f"{__name__}.MarkRenderedMiddleware",
        *middleware[at:],
    ]
