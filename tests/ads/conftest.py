"""Fixtures of the advertising tests."""

import pytest

from tests.factories import ad_manager_user


@pytest.fixture
def manager_client(client):
    """The test client logged in as someone in the Ad managers group."""
    client.force_login(ad_manager_user())
    return client
