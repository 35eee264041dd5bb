"""Advertising. Ad managers edit these under "Advertising"; editors and reviewers never see it.

A **placement** is a spot in the page templates ("article-top"); a **campaign**
says who advertises, when, how often and on which pages; its **creatives** are
the ads themselves, an image or a short text. Pages only carry empty, labelled
slots: ``static/ads/ads.js`` asks ``ads.views.serve`` which creative fills each
one, and counts land in **daily stats**. The ads.txt records tell ad exchanges
which sellers may offer the site's inventory.
"""

from .adstxt import AdsTxtRecord, AdsTxtRelationship, AdsTxtVariable
from .campaign import Campaign, CampaignQuerySet, CampaignStatus
from .creative import (
    MAX_CREATIVE_BYTES,
    Creative,
    DailyStat,
    creative_image_path,
    validate_creative_image,
    validate_http_url,
)
from .placement import NARROW_SIZES, AdSize, Placement, size_dimensions

__all__ = [
    "MAX_CREATIVE_BYTES",
    "NARROW_SIZES",
    "AdSize",
    "AdsTxtRecord",
    "AdsTxtRelationship",
    "AdsTxtVariable",
    "Campaign",
    "CampaignQuerySet",
    "CampaignStatus",
    "Creative",
    "DailyStat",
    "Placement",
    "creative_image_path",
    "size_dimensions",
    "validate_creative_image",
    "validate_http_url",
]
