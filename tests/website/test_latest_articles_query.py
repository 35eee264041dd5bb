"""The home page's and the feed's newest articles are read from an index, not sorted.

On a 5,000-article PostgreSQL corpus the home query joined every live article to
its revision and sorted them all (257 ms with the machine loaded); read from the
newest end of ``revision_reviewed_newest`` it stops after the first twelve (17 ms).
"""

import pytest
from django.db import connection

from medinfo.models import Article
from tests.factories import DrugFactory
from tests.public_site import parse, publish

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite sorts a test's few rows instead"
)
def test_newest_approvals_are_read_from_the_index():
    """The query of the newest live articles can be answered from revision_reviewed_newest."""
    for _ in range(3):
        publish(drug=DrugFactory())
    # A test's few rows are cheaper to sort than to look up: ask whether the index fits.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_incremental_sort = off")
    plan = Article.objects.with_live_revision().newest_approved_first()[:12].explain()
    assert "revision_reviewed_newest" in plan


def test_home_lists_the_latest_approval_first(client):
    """The article approved last heads the home page's list."""
    first, last = publish(drug=DrugFactory()), publish(drug=DrugFactory())
    titles = [a.attrs["href"] for a in parse(client.get("/")).find("main").find_all("a")]
    listed = [url for url in titles if url in (first.get_absolute_url(), last.get_absolute_url())]
    assert listed == [last.get_absolute_url(), first.get_absolute_url()]
