"""Ads in Chromium: slots fill with the right creatives, stay labelled and still, and are counted."""

import time

import pytest
from playwright.sync_api import expect

from ads.models import AdSize, DailyStat
from tests.ads.factories import (
    CampaignFactory,
    CreativeFactory,
    PlacementFactory,
    image_creative,
)
from tests.factories import DrugFactory
from tests.public_site import MILNACIPRAN_BODY, publish_milnacipran_uses

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTICLE = "/drugs/milnacipran/uses/"
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 375, "height": 720}
# Enough text that the bottom slot starts well below the fold.
LONG_BODY = MILNACIPRAN_BODY + "".join(
    f"<h2>Section {n}</h2><p>{'Milnacipran is taken twice a day with food. ' * 12}</p>"
    for n in range(1, 9)
)
# Sums every layout shift not caused by the reader's own input, from the first paint on.
MEASURE_LAYOUT_SHIFT = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.layoutShift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""


def slot_box(page, placement, screen="wide"):
    """The visible box of a slot (“wide” or “narrow”; placements with one size have one box)."""
    slot = page.locator(f'.ad-slot[data-placement="{placement}"]')
    box = slot.locator(f".ad-box.ad-{screen}")
    return box if box.count() else slot.locator(".ad-box")


def wait_for_count(creative, field, expected, timeout_s=10):
    """Poll the database until the creative's ``field`` total is ``expected`` (or time runs out)."""
    deadline = time.monotonic() + timeout_s
    while True:
        stat = DailyStat.objects.filter(creative=creative).first()
        value = getattr(stat, field) if stat else 0
        if value == expected or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


@pytest.fixture
def ads(live_server):
    """The milnacipran article, three placements and one creative per slot size.

    A duloxetine (another SNRI) ad and a campaign excluding milnacipran must never appear.
    """
    PlacementFactory(code="article-top", size=AdSize.LEADERBOARD, mobile_size=AdSize.MOBILE_BANNER)
    PlacementFactory(code="article-middle", size=AdSize.MEDIUM_RECTANGLE,
                     mobile_size=AdSize.MEDIUM_RECTANGLE)  # fmt: skip
    PlacementFactory(code="article-bottom", size=AdSize.BILLBOARD, mobile_size=AdSize.MOBILE_BANNER)
    article = publish_milnacipran_uses(body=LONG_BODY)
    destination = live_server.url + "/drugs/milnacipran/"
    campaign = CampaignFactory(advertiser="Example Pharmacy")
    duloxetine = DrugFactory(generic_name="duloxetine", slug="duloxetine",
                             drug_class=article.drug.drug_class)  # fmt: skip
    excluding = CampaignFactory(advertiser="Example Clinic")
    excluding.exclude_drugs.add(article.drug)
    return {
        "leaderboard": CreativeFactory(campaign=campaign, size=AdSize.LEADERBOARD,
                                       headline="Refills delivered free",
                                       destination_url=destination),
        "banner": CreativeFactory(campaign=campaign, size=AdSize.MOBILE_BANNER,
                                  headline="Refills on your phone", destination_url=destination),
        "rectangle": image_creative(campaign=campaign, destination_url=destination),
        "billboard": CreativeFactory(campaign=campaign, size=AdSize.BILLBOARD,
                                     headline="Example Pharmacy billboard",
                                     destination_url=destination),
        "competitor": CreativeFactory(campaign=CampaignFactory(promoted_drug=duloxetine),
                                      size=AdSize.LEADERBOARD, headline="Try duloxetine"),
        "excluded": CreativeFactory(campaign=excluding, size=AdSize.MEDIUM_RECTANGLE,
                                    headline="Excluded here"),
        "destination": destination,
    }  # fmt: skip


@pytest.fixture
def open_article(new_page):
    """Open the article at a viewport size, measuring layout shift from the first paint."""

    def open_at(viewport=DESKTOP):
        page = new_page()
        page.set_viewport_size(viewport)
        page.add_init_script(MEASURE_LAYOUT_SHIFT)
        page.goto(ARTICLE)
        return page

    return open_at


def scroll_to_bottom_slot(page):
    """Scroll down as a reader does, past each slot in turn (slots fill as they come near)."""
    for placement in ("article-middle", "article-bottom"):
        slot_box(page, placement).scroll_into_view_if_needed()
        page.wait_for_timeout(100)


def test_slots_fill_with_the_right_creatives(ads, open_article):
    """Top, middle and bottom show the eligible creative of their size, never a competitor's."""
    page = open_article()
    expect(slot_box(page, "article-top")).to_have_attribute(
        "data-creative", str(ads["leaderboard"].pk)
    )
    expect(slot_box(page, "article-top")).to_contain_text("Refills delivered free")
    slot_box(page, "article-middle").scroll_into_view_if_needed()
    middle_image = slot_box(page, "article-middle").locator("img")
    expect(middle_image).to_have_attribute("alt", ads["rectangle"].alt_text)
    expect(middle_image).to_have_attribute("width", "300")
    expect(middle_image).to_have_attribute("height", "250")
    scroll_to_bottom_slot(page)
    expect(slot_box(page, "article-bottom")).to_contain_text("Example Pharmacy billboard")
    expect(page.locator("body")).not_to_contain_text("Try duloxetine")
    expect(page.locator("body")).not_to_contain_text("Excluded here")


def test_every_ad_is_labelled(ads, open_article):
    """Each filled slot shows the word “Advertisement” above the ad."""
    page = open_article()
    scroll_to_bottom_slot(page)
    for placement in ("article-top", "article-middle", "article-bottom"):
        expect(slot_box(page, placement).locator("a")).to_be_visible()
        label = page.locator(f'.ad-slot[data-placement="{placement}"] .ad-label')
        expect(label).to_have_text("Advertisement")
        expect(label).to_be_visible()


def test_filling_the_slots_shifts_nothing(ads, open_article):
    """Cumulative layout shift stays 0 while every slot fills, images included."""
    page = open_article()
    scroll_to_bottom_slot(page)
    expect(slot_box(page, "article-middle").locator("img")).to_be_attached()
    expect(slot_box(page, "article-bottom").locator("a")).to_be_visible()
    page.wait_for_timeout(500)  # let any late image decode and layout settle before measuring
    assert page.evaluate("window.layoutShift") == 0


def test_phone_gets_the_mobile_size(ads, open_article):
    """On a 375-pixel screen the top slot shows the 320 × 50 banner, laid out without shift."""
    page = open_article(PHONE)
    expect(slot_box(page, "article-top", "narrow")).to_contain_text("Refills on your phone")
    expect(slot_box(page, "article-top", "wide")).to_be_hidden()
    assert page.evaluate("window.layoutShift") == 0


def test_bottom_slot_waits_until_it_is_near(ads, open_article):
    """The below-the-fold slot asks for its ad only when the reader scrolls towards it."""
    page = open_article()
    expect(slot_box(page, "article-top").locator("a")).to_be_visible()
    assert slot_box(page, "article-bottom").locator("a").count() == 0
    scroll_to_bottom_slot(page)
    expect(slot_box(page, "article-bottom").locator("a")).to_be_visible()


def test_viewable_impression_is_counted_once(ads, open_article):
    """An ad in view for over a second counts one impression, however long it stays or returns."""
    page = open_article()
    expect(slot_box(page, "article-top").locator("a")).to_be_visible()
    assert wait_for_count(ads["leaderboard"], "impressions", 1) == 1
    scroll_to_bottom_slot(page)
    page.mouse.wheel(0, -20_000)
    page.wait_for_timeout(1500)
    assert wait_for_count(ads["leaderboard"], "impressions", 2, timeout_s=1) == 1


def test_ad_scrolled_past_quickly_is_not_counted(ads, open_article):
    """The bottom ad is not counted before it has been in view for a second."""
    page = open_article()
    expect(slot_box(page, "article-top").locator("a")).to_be_visible()
    assert wait_for_count(ads["billboard"], "impressions", 1, timeout_s=1.5) == 0


def test_click_lands_on_the_destination_and_is_counted(ads, open_article):
    """Clicking the ad opens its destination through the signed redirect and counts one click."""
    page = open_article()
    slot_box(page, "article-top").locator("a").click()
    expect(page).to_have_url(ads["destination"])
    assert wait_for_count(ads["leaderboard"], "clicks", 1) == 1
