"""A database outage answers 503 with a friendly page, never a 500 with a stack trace.

Pages already in the page cache keep being served without the database
(website.pagecache runs before any view); everything else gets templates/503.html,
which needs no database, with ``Retry-After`` so browsers, crawlers and the CDN
come back later instead of caching an error.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def database_unavailable_response():
    """The 503 page; rendered without a request, so no context processor touches the database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turn a lost or refused database connection inside a view into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return database_unavailable_response()
