"""factory_boy factories and helpers for the ads tests."""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ads.models import (
    AdSize,
    Campaign,
    CampaignStatus,
    Creative,
    DailyStat,
    Placement,
    size_dimensions,
)
from tests.images import png_bytes

BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36"
)


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement
        django_get_or_create = ["code"]

    code = "article-top"
    name = "Top of an article"
    size = AdSize.LEADERBOARD
    mobile_size = AdSize.MOBILE_BANNER


def article_placements():
    """The three placements the article template uses, as the demo sets them up."""
    return [
        PlacementFactory(code="article-top"),
        PlacementFactory(
            code="article-middle",
            name="Between sections",
            size=AdSize.MEDIUM_RECTANGLE,
            mobile_size=AdSize.MEDIUM_RECTANGLE,
        ),
        PlacementFactory(code="article-bottom", name="End of an article"),
    ]


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Campaign {n}")
    advertiser = "Example Pharmacy"
    start_date = factory.LazyFunction(lambda: days_from_today(-10))
    end_date = factory.LazyFunction(lambda: days_from_today(10))
    status = CampaignStatus.ACTIVE
    weight = 1


class CreativeFactory(factory.django.DjangoModelFactory):
    """A text ad; pass ``image=png_upload(...)`` and ``alt_text`` (and no text) for an image ad."""

    class Meta:
        model = Creative

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Creative {n}")
    size = AdSize.LEADERBOARD
    headline = factory.Sequence(lambda n: f"Headline {n}")
    text = "Order refills online."
    destination_url = "https://pharmacy.example/offer"


def image_creative(**kwargs):
    size = kwargs.pop("size", AdSize.MEDIUM_RECTANGLE)
    return CreativeFactory(
        size=size,
        image=png_upload(size_dimensions(size)),
        alt_text="Example Pharmacy: refills delivered",
        headline="",
        text="",
        **kwargs,
    )


def png_upload(dimensions, *, name="ad.png", noise=False):
    """An uploaded PNG of ``dimensions``; with ``noise`` it cannot be compressed much."""
    data = png_bytes(dimensions, noisy=noise)
    return SimpleUploadedFile(name, data, content_type="image/png")


def daily_stat(creative, *, impressions=0, clicks=0, days_ago=0):
    return DailyStat.objects.create(
        creative=creative,
        date=days_from_today(-days_ago),
        impressions=impressions,
        clicks=clicks,
    )
