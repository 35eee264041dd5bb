"""Benchmark settings: production settings plus a bare hello-world view to compare against."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "k" * 60)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
# The benchmarks compare the per-process cache with Redis on purpose (bench/cache_design.py).
os.environ.setdefault("MEDINFO_ALLOW_PER_PROCESS_CACHE", "true")

from medinfo.settings.prod import *  # noqa: E402, F403

ROOT_URLCONF = "bench.urls"
# The benchmark talks plain HTTP on loopback.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False}
