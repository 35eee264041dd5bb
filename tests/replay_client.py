"""A test client that asks ``medinfo.wsgi``'s composition: ReplayFront around Django's handler.

Django's test Client calls the handler directly, so it never meets the front that
gunicorn serves through. This one builds a WSGI environ, as a server would, and calls
the front; it answers with an ``HttpResponse`` so tests read it like the Client's.
"""

import io
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse
from django.http.cookie import SimpleCookie

from website.replay import ReplayFront


@contextmanager
def _connection_kept():
    """As Django's test Client does: a request must not close the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


class ReplayClient:
    """GETs through a ``ReplayFront``; ``answered_by_django`` counts what reached Django."""

    def __init__(self, *, size=None, front=None):
        self.django = WSGIHandler()
        self.answered_by_django = 0
        self.front = front or ReplayFront(self._counting_django, size=size)
        self.cookies = SimpleCookie()

    def _counting_django(self, environ, start_response):
        self.answered_by_django += 1
        return self.django(environ, start_response)

    def environ(self, path, *, method="GET", headers=None, secure=False):
        url = urlsplit(path)
        environ = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": url.path,
            "QUERY_STRING": url.query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "443" if secure else "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "testserver",
            "wsgi.url_scheme": "https" if secure else "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(
                f"{name}={morsel.value}" for name, morsel in self.cookies.items()
            )
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        return environ

    def call(self, app, environ):
        """(status, headers, body) of ``app``'s answer, closed as a server closes it."""
        sent = {}

        def start_response(status, headers, exc_info=None):
            sent["status"], sent["headers"] = status, list(headers)

        with _connection_kept():
            answer = app(environ, start_response)
            try:
                body = b"".join(answer)
            finally:
                if hasattr(answer, "close"):
                    answer.close()
        return sent["status"], sent["headers"], body

    def get(self, path, *, headers=None, secure=False):
        status, headers, body = self.call(
            self.front, self.environ(path, headers=headers, secure=secure)
        )
        response = HttpResponse(body, status=int(status[:3]))
        del response["Content-Type"]
        for name, value in headers:
            if name.lower() != "set-cookie":
                response[name] = value
        return response
