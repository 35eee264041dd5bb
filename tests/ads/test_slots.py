"""Ad slots on the article page: labelled, sized, targeted, switchable, and free of queries."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from ads.models import Placement
from medinfo.models import Article
from tests.ads.factories import article_placements
from tests.factories import ConditionFactory
from tests.public_site import committed, parse, publish, publish_milnacipran_uses, republish

pytestmark = pytest.mark.django_db

MEDICAL_BLOCKS = {"facts", "approved-use", "symptoms", "off-label"}


@pytest.fixture
def article():
    article_placements()
    return publish_milnacipran_uses()


def slots(response):
    return {
        slot.attrs["data-placement"]: slot for slot in parse(response).find_all(class_="ad-slot")
    }


def test_article_shows_three_labelled_slots(client, article):
    """Top, middle and bottom slots each carry the visible word “Advertisement”."""
    found = slots(client.get(article.get_absolute_url()))
    assert sorted(found) == ["article-bottom", "article-middle", "article-top"]
    assert all(slot.find("p", class_="ad-label").text == "Advertisement" for slot in found.values())


def test_slot_carries_the_page_targeting(client, article):
    """The slot names the ids of the article's drug and drug class for the filler script."""
    top = slots(client.get(article.get_absolute_url()))["article-top"]
    assert top.attrs["data-drug"] == str(article.drug_id)
    assert top.attrs["data-drug-class"] == str(article.drug.drug_class_id)


def test_condition_article_slot_names_the_condition(client):
    """On a condition's article the slot carries the condition, and no drug."""
    article_placements()
    condition = ConditionFactory(name="fibromyalgia", slug="fibromyalgia")
    article = publish(condition=condition, drug=None, slug="symptoms")
    top = slots(client.get(article.get_absolute_url()))["article-top"]
    assert top.attrs["data-condition"] == str(condition.pk)
    assert "data-drug" not in top.attrs


def test_slot_reserves_both_screen_sizes(client, article):
    """A leaderboard placement reserves 728 × 90 for wide screens and 320 × 50 for phones."""
    top = slots(client.get(article.get_absolute_url()))["article-top"]
    boxes = [(box.attrs["data-size"], box.attrs["class"]) for box in top.find_all(class_="ad-box")]
    assert boxes == [
        ("728x90", "ad-box ad-728x90 ad-wide"),
        ("320x50", "ad-box ad-320x50 ad-narrow"),
    ]


def test_reserved_sizes_are_defined_in_the_stylesheet(client, article):
    """Every size class a slot uses has a fixed width and height in site.css (no inline style)."""
    css = Path(finders.find("medinfo/site.css")).read_text()
    response = client.get(article.get_absolute_url())
    for slot in slots(response).values():
        assert "style" not in slot.attrs
        for box in slot.find_all(class_="ad-box"):
            width, height = box.attrs["data-size"].split("x")
            rule = f".ad-{width}x{height} {{ width: {width}px; height: {height}px; }}"
            assert rule in css


def test_filler_script_is_deferred(client, article):
    """ads.js loads with defer, so it never blocks the article's text."""
    scripts = parse(client.get(article.get_absolute_url())).find_all("script")
    ads_scripts = [s for s in scripts if "ads/ads.js" in s.attrs.get("src", "")]
    assert len(ads_scripts) == 1
    assert "defer" in ads_scripts[0].attrs


def test_slots_are_never_inside_lists_or_medical_blocks(client, article):
    """No slot sits in a list, the uses or symptoms block, or the off-label block."""
    for slot in slots(client.get(article.get_absolute_url())).values():
        node = slot.parent
        while node is not None:
            assert node.tag not in {"ul", "ol", "li", "dl"}
            assert not MEDICAL_BLOCKS & set((node.attrs.get("class") or "").split())
            node = node.parent


def test_article_with_ads_off_has_no_slot_and_no_script(client, article):
    """Switching an article's ads off removes every slot and the filler script."""
    Article.objects.filter(pk=article.pk).update(ads_enabled=False)
    republish(article)  # page settings, like text, take effect when approved
    response = client.get(article.get_absolute_url())
    assert slots(response) == {}
    assert b"ads/ads.js" not in response.content


def test_disabled_placement_disappears_from_cached_pages(client, article):
    """Switching a placement off removes its slot at once, even from pages already cached."""
    client.get(article.get_absolute_url())
    placement = Placement.objects.get(code="article-middle")
    placement.enabled = False
    with committed():  # the cached pages' slots are dropped once the change commits
        placement.save()
    assert sorted(slots(client.get(article.get_absolute_url()))) == [
        "article-bottom",
        "article-top",
    ]


def test_changed_placement_size_reaches_cached_pages(reader, article):
    """A new size for a placement shows on the next view of an already cached page."""
    client = reader
    client.get(article.get_absolute_url())
    placement = Placement.objects.get(code="article-top")
    placement.size = "970x250"
    with committed():
        placement.save()
    top = slots(client.get(article.get_absolute_url()))["article-top"]
    assert [box.attrs["data-size"] for box in top.find_all(class_="ad-box")] == [
        "970x250",
        "320x50",
    ]


def test_unknown_placement_renders_nothing():
    """A template naming a placement that does not exist shows no empty box."""
    html = Template('{% load ads %}{% ad_slot "nowhere" %}').render(Context({}))
    assert html == ""


def test_article_page_with_ads_runs_at_most_three_queries(client, article):
    """With ads on, an uncached article view still costs at most three SQL queries, none for ads."""
    url = article.get_absolute_url()
    client.cookies["sessionid"] = "bench"  # steps the page cache aside, as bench/ does
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(slots(response)) == 3
    assert len(queries) <= 3
    ads_tables = ("ads_placement", "ads_campaign", "ads_creative", "ads_dailystat")
    assert not [q["sql"] for q in queries if any(table in q["sql"] for table in ads_tables)]


def test_cached_article_page_with_ads_runs_no_query(client, article):
    """An anonymous repeat view comes from the page cache, ads included."""
    url = article.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(slots(response)) == 3
    assert len(queries) == 0
