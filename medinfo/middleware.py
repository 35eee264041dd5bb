"""A database outage answers 503 with a friendly page, never a 500 with a stack trace.

Pages already in the page cache keep being served without the database
(website.pagecache runs before any view); everything else gets templates/503.html,
which needs no database, with ``Retry-After`` so browsers, crawlers and the CDN
come back later instead of caching an error.
"""

import logging

from django.contrib.sessions import middleware as sessions
from django.contrib.sessions.exceptions import SessionInterrupted
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


def caused_by_lost_database(error: BaseException) -> bool:
    """Whether ``error`` was raised while handling a lost or refused database connection."""
    while error is not None:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
    return False


class SessionMiddleware(sessions.SessionMiddleware):
    """Django's, except that a session the database could not save is a 503, not a 400.

    Django reports any failed session update as "session interrupted" (400), meant for
    a session deleted meanwhile (a logout in another tab); when the database connection
    was lost, that answer blames the visitor for an outage.
    """

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except SessionInterrupted as error:
            if not caused_by_lost_database(error):
                raise
            logger.error("Database unavailable saving the session for %s %s: %s",
                         request.method, request.path, error.__context__)  # fmt: skip
            return database_unavailable_response()
