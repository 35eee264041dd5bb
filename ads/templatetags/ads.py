"""The ``{% ad_slot "article-top" %}`` tag that public templates place where an ad may go.

A slot is an empty, labelled box of the placement's exact size (one per screen
width; CSS shows the right one), carrying the page's subjects as data attributes
for ``static/ads/ads.js``. It depends only on the placement table and the page's
approved facts, so the article template caches it with the revision's HTML.
"""

from django import template
from django.template.loader import render_to_string

from ads.inventory import placement_table
from ads.models import size_dimensions

register = template.Library()

# Below this viewport width (CSS pixels) the narrow-screen size is shown.
WIDE_SCREEN = 768
WIDE_SCREEN_FOR_BILLBOARD = 1010


def page_subjects(page):
    """The drug, drug class and condition slugs of an article page's approved facts."""
    drug = getattr(page, "drug", None) or {}
    condition = getattr(page, "condition", None) or {}
    return {
        "drug": drug.get("slug", ""),
        "drug_class": (drug.get("drug_class") or {}).get("slug", ""),
        "condition": condition.get("slug", ""),
    }


def slot_context(code, placement, subjects):
    wide, narrow = placement["size"], placement["mobile_size"]
    breakpoint = WIDE_SCREEN if size_dimensions(wide)[0] <= 728 else WIDE_SCREEN_FOR_BILLBOARD
    boxes = [{"size": wide, "screen": ""}] if wide == narrow else [
        {"size": wide, "screen": "wide"},
        {"size": narrow, "screen": "narrow"},
    ]  # fmt: skip
    return {"code": code, "boxes": boxes, "breakpoint": breakpoint, **subjects}


@register.simple_tag(takes_context=True)
def ad_slot(context, placement_code):
    """A labelled ad slot, or nothing when the placement is unknown or switched off."""
    placement = placement_table().get(placement_code)
    if placement is None or not placement["enabled"]:
        return ""
    subjects = page_subjects(context.get("page"))
    return render_to_string("ads/ad_slot.html", slot_context(placement_code, placement, subjects))
