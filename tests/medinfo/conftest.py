"""Fixtures of the editorial-core tests."""

import pytest

from ads.models import AdsTxtRecord, AdsTxtVariable
from tests.ads.factories import CampaignFactory, CreativeFactory, PlacementFactory, daily_stat
from tests.factories import milnacipran, published_article
from tests.task_results import failed_task_results


@pytest.fixture
def one_of_everything(db):
    """At least one row of every model the admin shows: a live article (drug, condition,
    reviewer, review events), a failed e-mail task, an ad with counts, ads.txt entries."""
    article = published_article(drug=milnacipran())
    failed_task_results([article.live_revision_id])
    creative = CreativeFactory(campaign=CampaignFactory())
    PlacementFactory()
    daily_stat(creative, impressions=10, clicks=1)
    AdsTxtRecord.objects.create(
        ad_system_domain="adexchange.example", publisher_account_id="pub-1", relationship="DIRECT"
    )
    AdsTxtVariable.objects.create(name="CONTACT", value="ads@medinfo.example")
    return article
