"""Private PostgreSQL and Redis servers for the fault tests, which stop and start them.

A machine without the servers' programs fails these tests with a line saying what to
install; it never skips them (`make test` installs the programs as root on Debian).
"""

import pytest

from tests.faults import services


def running(server_class):
    """Start a private server for the fixture's scope and remove it, with its data, afterwards."""
    try:
        server = server_class()
    except services.MissingTool as missing:
        pytest.fail(str(missing), pytrace=False)
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="module")
def private_redis():
    """A Redis server of the module's own."""
    yield from running(services.PrivateRedis)


@pytest.fixture(scope="module")
def private_postgresql():
    """A PostgreSQL cluster of the module's own."""
    yield from running(services.PrivatePostgresql)
