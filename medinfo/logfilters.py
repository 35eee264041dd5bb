"""Logging filters that settings.LOGGING names."""

import logging
import threading
import time


class RedisOutageFilter(logging.Filter):
    """One warning per interval for the cache calls django-redis ignored, not one per call.

    With ``IGNORE_EXCEPTIONS`` django-redis logs every cache call that failed, at
    ERROR with a traceback: during a Redis outage that is several records per request.
    This filter lets one record through every ``seconds`` (per process), turned into a
    one-line warning naming the error and how many records were left out before it.
    """

    def __init__(self, seconds=30):
        super().__init__()
        self.seconds = seconds
        self._lock = threading.Lock()
        self._last_passed = float("-inf")
        self._left_out = 0

    def filter(self, record):
        with self._lock:
            now = time.monotonic()
            if now - self._last_passed < self.seconds:
                self._left_out += 1
                return False
            self._last_passed, left_out, self._left_out = now, self._left_out, 0
        error = record.exc_info[1] if record.exc_info else record.getMessage()
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        since = f"; {left_out} more failed calls since the previous warning" if left_out else ""
        record.msg = (
            "Redis is unavailable; cache calls act as misses: %s (logged every %s s at most%s)"
        )
        record.args = (error, self.seconds, since)
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True
