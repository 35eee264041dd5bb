import pytest
from django.core.cache import cache

# Session-wide: the machine's PostgreSQL and Redis and the project's var/ are left alone.
from tests.machine import machine_services_untouched, var_untouched  # noqa: F401


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with an empty cache, so cached pages never leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
