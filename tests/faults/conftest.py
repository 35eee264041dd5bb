"""Fault tests stop the machine's shared PostgreSQL or Redis: only in CI or when asked to."""

import os

import pytest


def fault_tests_enabled():
    return os.environ.get("CI") == "true" or os.environ.get("MEDINFO_FAULT_TESTS") == "1"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if item.get_closest_marker("faults") and not fault_tests_enabled():
        pytest.skip(
            "stops the shared PostgreSQL or Redis; runs when CI=true or MEDINFO_FAULT_TESTS=1"
        )
