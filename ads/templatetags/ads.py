"""The ``{% ad_slot "article-top" %}`` tag that public templates place where an ad may go.

A slot is an empty, labelled box of the placement's exact size (one per screen
width; CSS shows the right one), carrying the ids of the page's subjects as data
attributes for ``static/ads/ads.js``. It depends only on the placement table and
the published article's subjects, so the article template caches it with the
revision's HTML.
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
    """The ids of an article page's drug, drug class and condition, for targeting.

    Ids, never slugs: the slot is cached with the revision's HTML, and a renamed
    drug, class or condition must keep matching the campaigns that name it. The
    article's drug and condition cannot change once it is published; the class is
    the one in the approved facts when they record its id, else the drug's own.
    """
    article = getattr(page, "article", None)
    if article is None:
        return {}
    facts_class = getattr(getattr(page, "drug", None), "drug_class", None)
    drug_class = getattr(facts_class, "id", None) or (
        article.drug.drug_class_id if article.drug_id else None
    )
    return {"drug": article.drug_id, "drug_class": drug_class, "condition": article.condition_id}


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
