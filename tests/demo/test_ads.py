"""The demo advertising that `make run` loads: complete, valid, fictional and loaded once."""

import pytest

from ads.models import AdsTxtRecord, Campaign, Creative, Placement
from demo.ads import load_demo_ads

pytestmark = pytest.mark.django_db


def test_demo_creates_the_placements_templates_use():
    """The three article placements and the sidebar exist after loading the demo."""
    load_demo_ads()
    assert set(Placement.objects.values_list("code", flat=True)) == {
        "article-top", "article-middle", "article-bottom", "sidebar",
    }  # fmt: skip


def test_demo_has_two_campaigns_with_text_ads_and_one_image_ad():
    """Two made-up advertisers, text ads for each, and one generated image ad."""
    load_demo_ads()
    assert Campaign.objects.count() == 2
    assert Creative.objects.filter(image="").count() >= 2
    assert Creative.objects.exclude(image="").count() == 1


def test_demo_creatives_pass_the_admin_validation():
    """Every demo creative, the generated image included, is one the admin would accept."""
    load_demo_ads()
    for creative in Creative.objects.all():
        creative.full_clean()


def test_demo_exchanges_are_fictional():
    """The demo ads.txt names only reserved .example domains."""
    load_demo_ads()
    domains = AdsTxtRecord.objects.values_list("ad_system_domain", flat=True)
    assert domains and all(domain.endswith(".example") for domain in domains)


def test_loading_the_demo_twice_changes_nothing():
    """A second run adds no campaign, creative, placement or ads.txt line."""
    load_demo_ads()
    before = [model.objects.count() for model in (Campaign, Creative, Placement, AdsTxtRecord)]
    assert load_demo_ads() == 0
    assert [
        model.objects.count() for model in (Campaign, Creative, Placement, AdsTxtRecord)
    ] == before
