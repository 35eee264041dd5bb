"""Which creative a slot may show: schedule, status, targeting, the competitor rule, caps, weights."""

import random
from collections import Counter

import pytest

from ads.counting import count_impression
from ads.inventory import choose_creative, inventory, page_targeting
from ads.models import AdSize, CampaignStatus
from tests.ads.factories import (
    CampaignFactory,
    CreativeFactory,
    daily_stat,
    days_from_today,
)
from tests.factories import ConditionFactory, DrugClassFactory, DrugFactory

pytestmark = pytest.mark.django_db


def eligible(*, size=AdSize.LEADERBOARD, today=None, drug=None, condition=None):
    """The creatives a slot of ``size`` on a page about ``drug`` or ``condition`` may show today."""
    targeting = page_targeting(
        drug=drug and drug.pk,
        drug_class=drug and drug.drug_class_id,
        condition=condition and condition.pk,
    )
    today = today or days_from_today(0)
    return {
        candidate.creative_id
        for candidate in inventory().get(size, [])
        if candidate.is_eligible(targeting=targeting, today=today)
    }


def campaign_creative(**campaign_fields):
    return CreativeFactory(campaign=CampaignFactory(**campaign_fields))


@pytest.fixture
def snri_pages():
    """Two SNRIs (duloxetine, milnacipran), an SSRI (sertraline), and fibromyalgia."""
    snri = DrugClassFactory()
    ssri = DrugClassFactory(name="selective serotonin reuptake inhibitors", abbreviation="SSRI",
                            slug="ssri")  # fmt: skip
    return {
        "duloxetine": DrugFactory(generic_name="duloxetine", slug="duloxetine", drug_class=snri),
        "milnacipran": DrugFactory(generic_name="milnacipran", slug="milnacipran", drug_class=snri),
        "sertraline": DrugFactory(generic_name="sertraline", slug="sertraline", drug_class=ssri),
        "snri": snri,
        "fibromyalgia": ConditionFactory(name="fibromyalgia", slug="fibromyalgia"),
        "depression": ConditionFactory(name="depression", slug="depression"),
    }


def test_running_campaign_is_shown_on_any_page():
    """An active campaign within its dates and without targeting runs on every page."""
    creative = campaign_creative()
    assert eligible(drug=DrugFactory()) == {creative.pk}
    assert eligible() == {creative.pk}


@pytest.mark.parametrize("start, end", [(1, 5), (-5, -1)])
def test_campaign_outside_its_dates_is_not_shown(start, end):
    """A campaign that has not started yet, or has ended, shows nothing."""
    campaign_creative(start_date=days_from_today(start), end_date=days_from_today(end))
    assert eligible() == set()


def test_campaign_runs_on_its_first_and_last_day():
    """Both dates of a campaign are inclusive."""
    creative = campaign_creative(start_date=days_from_today(0), end_date=days_from_today(2))
    assert eligible(today=days_from_today(0)) == {creative.pk}
    assert eligible(today=days_from_today(2)) == {creative.pk}
    assert eligible(today=days_from_today(3)) == set()


@pytest.mark.parametrize(
    "status", [CampaignStatus.DRAFT, CampaignStatus.PAUSED, CampaignStatus.ENDED]
)
def test_only_active_campaigns_are_shown(status):
    """Draft, paused and ended campaigns show nothing, even within their dates."""
    campaign_creative(status=status)
    assert eligible() == set()


def test_inactive_creative_is_not_shown():
    """Unticking a creative's active box takes it out of rotation."""
    CreativeFactory(active=False)
    assert eligible() == set()


def test_creative_is_only_offered_for_its_own_size():
    """A leaderboard never fills a medium-rectangle slot."""
    creative = CreativeFactory(size=AdSize.LEADERBOARD)
    assert eligible(size=AdSize.MEDIUM_RECTANGLE) == set()
    assert eligible(size=AdSize.LEADERBOARD) == {creative.pk}


def test_included_drug_limits_the_campaign_to_that_drug(snri_pages):
    """A campaign that includes duloxetine shows on duloxetine pages and nowhere else."""
    creative = campaign_creative()
    creative.campaign.include_drugs.add(snri_pages["duloxetine"])
    assert eligible(drug=snri_pages["duloxetine"]) == {creative.pk}
    assert eligible(drug=snri_pages["sertraline"]) == set()
    assert eligible() == set()


def test_included_class_covers_every_drug_of_the_class(snri_pages):
    """Including the SNRIs shows the campaign on milnacipran's pages, not sertraline's."""
    creative = campaign_creative()
    creative.campaign.include_drug_classes.add(snri_pages["snri"])
    assert eligible(drug=snri_pages["milnacipran"]) == {creative.pk}
    assert eligible(drug=snri_pages["sertraline"]) == set()


def test_included_condition_limits_the_campaign_to_its_pages(snri_pages):
    """A fibromyalgia campaign shows on fibromyalgia pages only."""
    creative = campaign_creative()
    creative.campaign.include_conditions.add(snri_pages["fibromyalgia"])
    assert eligible(condition=snri_pages["fibromyalgia"]) == {creative.pk}
    assert eligible(condition=snri_pages["depression"]) == set()


def test_excluded_drug_wins_over_an_included_class(snri_pages):
    """A campaign for the SNRIs that excludes duloxetine never shows on duloxetine's page."""
    creative = campaign_creative()
    creative.campaign.include_drug_classes.add(snri_pages["snri"])
    creative.campaign.exclude_drugs.add(snri_pages["duloxetine"])
    assert eligible(drug=snri_pages["duloxetine"]) == set()
    assert eligible(drug=snri_pages["milnacipran"]) == {creative.pk}


def test_excluded_class_keeps_a_run_of_site_campaign_off_its_drugs(snri_pages):
    """A run-of-site campaign excluding the SNRIs skips every SNRI page."""
    creative = campaign_creative()
    creative.campaign.exclude_drug_classes.add(snri_pages["snri"])
    assert eligible(drug=snri_pages["milnacipran"]) == set()
    assert eligible(drug=snri_pages["sertraline"]) == {creative.pk}


def test_excluded_condition_keeps_the_campaign_off_its_pages(snri_pages):
    """A campaign excluding fibromyalgia never shows on a fibromyalgia page."""
    creative = campaign_creative()
    creative.campaign.exclude_conditions.add(snri_pages["fibromyalgia"])
    assert eligible(condition=snri_pages["fibromyalgia"]) == set()
    assert eligible(condition=snri_pages["depression"]) == {creative.pk}


def test_prescription_drug_ad_stays_off_competitor_pages(snri_pages):
    """An ad for duloxetine never shows on a page about milnacipran, another SNRI."""
    creative = campaign_creative(promoted_drug=snri_pages["duloxetine"])
    assert eligible(drug=snri_pages["milnacipran"]) == set()
    assert eligible(drug=snri_pages["duloxetine"]) == {creative.pk}


def test_prescription_drug_ad_shows_on_its_own_and_unrelated_pages(snri_pages):
    """The duloxetine ad still shows on duloxetine's page and on a sertraline (SSRI) page."""
    creative = campaign_creative(promoted_drug=snri_pages["duloxetine"])
    assert eligible(drug=snri_pages["duloxetine"]) == {creative.pk}
    assert eligible(drug=snri_pages["sertraline"]) == {creative.pk}
    assert eligible(condition=snri_pages["fibromyalgia"]) == {creative.pk}


def test_manager_may_allow_a_prescription_drug_ad_on_competitor_pages(snri_pages):
    """With “allow on competitor pages” ticked, the duloxetine ad may show on milnacipran."""
    creative = campaign_creative(
        promoted_drug=snri_pages["duloxetine"], allow_on_competitor_pages=True
    )
    assert eligible(drug=snri_pages["milnacipran"]) == {creative.pk}


def test_allowing_competitor_pages_never_overrides_an_exclusion(snri_pages):
    """An excluded drug stays excluded even when competitor pages are allowed."""
    creative = campaign_creative(
        promoted_drug=snri_pages["duloxetine"], allow_on_competitor_pages=True
    )
    creative.campaign.exclude_drugs.add(snri_pages["milnacipran"])
    assert eligible(drug=snri_pages["milnacipran"]) == set()


def test_campaign_under_its_cap_is_shown():
    """A campaign with fewer viewable impressions than its cap keeps running."""
    creative = campaign_creative(impression_cap=100)
    daily_stat(creative, impressions=60, days_ago=1)
    daily_stat(creative, impressions=39)
    assert eligible() == {creative.pk}


def test_campaign_that_reached_its_cap_is_not_shown():
    """Impressions over all days and creatives count towards the cap."""
    creative = campaign_creative(impression_cap=100)
    sibling = CreativeFactory(campaign=creative.campaign)
    daily_stat(creative, impressions=60, days_ago=1)
    daily_stat(sibling, impressions=40)
    assert eligible() == set()


def test_counting_the_capped_impression_stops_the_campaign_at_once():
    """The impression that reaches the cap takes the campaign out of the cached inventory."""
    creative = campaign_creative(impression_cap=3)
    daily_stat(creative, impressions=2)
    assert eligible() == {creative.pk}
    count_impression(creative=creative)
    assert eligible() == set()


def test_weights_share_traffic_proportionally():
    """Over 10,000 seeded draws, weights 1 and 3 get about 25 % and 75 % of the slots."""
    light = campaign_creative(weight=1)
    heavy = campaign_creative(weight=3)
    rng = random.Random(20270314)
    candidates = inventory()[AdSize.LEADERBOARD]
    draws = Counter(
        choose_creative(
            candidates, targeting=frozenset(), today=days_from_today(0), rng=rng
        ).creative_id
        for _ in range(10_000)
    )
    assert abs(draws[heavy.pk] / 10_000 - 0.75) < 0.02
    assert abs(draws[light.pk] / 10_000 - 0.25) < 0.02


def test_nothing_is_chosen_when_nothing_is_eligible():
    """Without an eligible creative the slot stays empty."""
    campaign_creative(status=CampaignStatus.PAUSED)
    chosen = choose_creative(
        inventory().get(AdSize.LEADERBOARD, []),
        targeting=frozenset(),
        today=days_from_today(0),
        rng=random.Random(1),
    )
    assert chosen is None


def test_inventory_follows_campaign_edits():
    """Pausing a campaign in the admin takes it out of rotation without waiting for the cache."""
    creative = campaign_creative()
    assert eligible() == {creative.pk}
    creative.campaign.status = CampaignStatus.PAUSED
    creative.campaign.save()
    assert eligible() == set()


def test_inventory_follows_targeting_edits(snri_pages):
    """Adding an exclusion after the inventory was cached applies immediately."""
    creative = campaign_creative()
    assert eligible(drug=snri_pages["milnacipran"]) == {creative.pk}
    creative.campaign.exclude_drugs.add(snri_pages["milnacipran"])
    assert eligible(drug=snri_pages["milnacipran"]) == set()
