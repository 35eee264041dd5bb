"""A warm article page's or hub's only query checks its own connection (common.db).

The test client leaves connections alone between requests; a server closes or keeps them
at the start of each one (``close_old_connections``), which these tests call to act it.
"""

import pytest
from django.conf import settings
from django.db import close_old_connections, connection, connections

from tests.public_site import MILNACIPRAN_TITLE, publish_milnacipran_uses

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE_URL = "/drugs/milnacipran/uses/"
# Every public page whose one warm query checks its own connection.
PAGES = [ARTICLE_URL, "/drugs/milnacipran/"]


@pytest.fixture
def signed_in_reader(client):
    """A visitor the page cache steps aside for, whose article page is already warm."""
    publish_milnacipran_uses()
    client.cookies[settings.SESSION_COOKIE_NAME] = "x"
    assert client.get(ARTICLE_URL).status_code == 200
    return client


@pytest.fixture
def health_checks(monkeypatch):
    """Every ``SELECT 1`` check Django runs on the connection."""
    checks = []
    wrapper = type(connections["default"])
    check = wrapper.is_usable

    def counted(self):
        checks.append(self.alias)
        return check(self)

    monkeypatch.setattr(wrapper, "is_usable", counted)
    return checks


def next_request(client, url=ARTICLE_URL):
    close_old_connections()
    return client.get(url)


@pytest.mark.parametrize("url", PAGES)
def test_warm_page_makes_one_round_trip(signed_in_reader, health_checks, url):
    """No ``SELECT 1`` before the page's only query on a kept connection.

    Failed before: CONN_HEALTH_CHECKS sent one on every request, a second round trip
    (the drug hub kept sending it after the article page stopped).
    """
    assert connection.settings_dict["CONN_HEALTH_CHECKS"]
    assert next_request(signed_in_reader, url).status_code == 200
    health_checks.clear()
    for _ in range(3):
        response = next_request(signed_in_reader, url)
        assert response.status_code == 200
    assert health_checks == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ends a PostgreSQL backend")
def test_article_page_survives_a_dropped_connection(signed_in_reader, health_checks):
    """When the database dropped the kept connection, the page reconnects: 200, not 503."""
    assert next_request(signed_in_reader).status_code == 200
    pid = connection.connection.get_backend_pid()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    response = next_request(signed_in_reader)
    assert response.status_code == 200
    assert MILNACIPRAN_TITLE in response.content.decode()
    assert connection.connection.get_backend_pid() != pid
    # One check: the one that told a dropped connection from a failing query.
    assert health_checks == ["default"]
