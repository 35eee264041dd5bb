"""A Redis cache that a Redis outage cannot take down.

Django's ``RedisCache`` raises when Redis is unreachable, which would turn every
page into a 500. Here a connection error or a timeout acts as a cache miss: reads
find nothing, writes are dropped, and the site keeps serving from the database.
The socket timeouts in ``settings.CACHES`` keep each failed call short.
"""

import logging
import time
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
# During an outage every request fails several cache calls; log one line per interval.
WARNING_INTERVAL_SECONDS = 30


class ResilientRedisCache(RedisCache):
    """``RedisCache`` whose calls behave as misses while Redis is unreachable."""

    _last_warning = 0.0

    @contextmanager
    def _outage_as_miss(self, operation):
        try:
            yield
        except UNAVAILABLE as error:
            now = time.monotonic()
            if now - ResilientRedisCache._last_warning >= WARNING_INTERVAL_SECONDS:
                ResilientRedisCache._last_warning = now
                logger.warning(
                    "Redis is unavailable; cache %s treated as a miss: %s", operation, error
                )

    def get(self, key, default=None, version=None):
        with self._outage_as_miss("get"):
            return super().get(key, default, version)
        return default

    def get_many(self, keys, version=None):
        with self._outage_as_miss("get_many"):
            return super().get_many(keys, version)
        return {}

    def has_key(self, key, version=None):
        with self._outage_as_miss("has_key"):
            return super().has_key(key, version)
        return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # False ("already there") errs towards counting an ad view once too few, never twice.
        with self._outage_as_miss("add"):
            return super().add(key, value, timeout, version)
        return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._outage_as_miss("set"):
            super().set(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        with self._outage_as_miss("set_many"):
            return super().set_many(data, timeout, version)
        return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        with self._outage_as_miss("touch"):
            return super().touch(key, timeout, version)
        return False

    def delete(self, key, version=None):
        with self._outage_as_miss("delete"):
            return super().delete(key, version)
        return False

    def delete_many(self, keys, version=None):
        with self._outage_as_miss("delete_many"):
            super().delete_many(keys, version)

    def incr(self, key, delta=1, version=None):
        with self._outage_as_miss("incr"):
            return super().incr(key, delta, version)
        raise ValueError(f"Key {key!r} not found (the cache is unavailable).")

    def clear(self):
        with self._outage_as_miss("clear"):
            return super().clear()
        return False
