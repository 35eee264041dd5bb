"""Purge pages from Varnish or a CDN by surrogate key, so a publication is seen at once.

Cached public pages name their cache tags in a surrogate-key header
(``website.pagecache``). Whenever ``medinfo.cachetags.bump_tags`` bumps tags, the
same names are purged at every endpoint in ``MEDINFO_CDN_PURGE_URLS``: one request
per endpoint, ``MEDINFO_CDN_PURGE_METHOD`` with the keys in the
``MEDINFO_CDN_KEY_HEADER`` header (``PURGE`` with ``xkey`` for the VCL in
deploy/varnish/). Each endpoint's purge runs once the change commits, in the
process that made it, and is queued again with back-off while the endpoint is
down (``medinfo.tasks.retry_on_failure``): a CDN outage never fails an approval.

A fetch the CDN started before the change committed can still bring the old page
back after the first purge (Varnish stores what arrives); so each purge is queued
once more, ``MEDINFO_CDN_PURGE_AGAIN_SECONDS`` later, past any page render still
running (gunicorn stops one after 30 s).
"""

import http.client
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .tasks import enqueue, retry_on_failure, run_on_commit


class PurgeFailed(Exception):
    """A purge endpoint could not be reached or did not answer 2xx."""


def purge_on_commit(keys: list[str]) -> None:
    """Purge ``keys`` at every configured endpoint once the current transaction commits."""
    for url in settings.MEDINFO_CDN_PURGE_URLS:
        run_on_commit(purge_keys, url=url, keys=sorted(keys))
        transaction.on_commit(partial(_purge_again_later, url=url, keys=sorted(keys)), robust=True)


def _purge_again_later(*, url: str, keys: list[str]) -> None:
    if not purge_keys.get_backend().supports_defer:
        return  # a backend that runs tasks at once (the tests') cannot wait
    run_after = timezone.now() + timedelta(seconds=settings.MEDINFO_CDN_PURGE_AGAIN_SECONDS)
    enqueue(purge_keys, run_after=run_after, url=url, keys=keys)


def send_purge(*, url: str, keys: list[str]) -> int:
    """Ask the endpoint at ``url`` to drop every page carrying any of ``keys``; its status."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PurgeFailed(f"{url!r} is not an http(s) address")
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(
        parts.hostname, parts.port, timeout=settings.MEDINFO_CDN_PURGE_TIMEOUT
    )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {settings.MEDINFO_CDN_KEY_HEADER: " ".join(keys)}
    try:
        connection.request(settings.MEDINFO_CDN_PURGE_METHOD, path, headers=headers)
        status = connection.getresponse().status
    except OSError as error:
        raise PurgeFailed(f"Purging at {url} failed: {error}") from error
    finally:
        connection.close()
    if not 200 <= status < 300:
        raise PurgeFailed(f"Purging at {url} answered {status}")
    return status


def purge_now(keys: list[str]) -> tuple[list[str], list[str]]:
    """Purge ``keys`` at every endpoint now, not through the queue: (purged urls, failures)."""
    purged, failures = [], []
    for url in settings.MEDINFO_CDN_PURGE_URLS:
        try:
            send_purge(url=url, keys=keys)
        except PurgeFailed as error:
            failures.append(str(error))
        else:
            purged.append(url)
    return purged, failures


@task()
def purge_keys(*, url: str, keys: list[str], attempt: int = 1) -> None:
    """Purge the pages tagged with any of ``keys`` at the endpoint ``url``, retried until it answers."""
    with retry_on_failure(purge_keys, attempt=attempt, url=url, keys=keys):
        send_purge(url=url, keys=keys)
