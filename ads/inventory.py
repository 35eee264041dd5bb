"""What may be shown where: the cached placement table and ad inventory, and ad selection.

Serving an ad must cost no table scan, so both tables live in the cache and are
rebuilt only after an ad manager changes something (``ads.signals``), when a
campaign reaches its impression cap, or after ``MEDINFO_ADS_CACHE_SECONDS``.
Schedule and targeting are checked per request against the cached entries.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Prefetch, Sum
from django.utils import timezone

from conditions.models import Condition
from drugs.models import Drug, DrugClass

from .models import Campaign, CampaignStatus, Creative, Placement

PLACEMENTS_KEY = "ads:placements"
INVENTORY_KEY = "ads:inventory"


def placement_table():
    """{code: {"name", "size", "mobile_size", "enabled"}} for every placement."""
    table = cache.get(PLACEMENTS_KEY)
    if table is None:
        table = {
            placement.code: {
                "name": placement.name,
                "size": placement.size,
                "mobile_size": placement.mobile_size,
                "enabled": placement.enabled,
            }
            for placement in Placement.objects.all()
        }
        cache.set(PLACEMENTS_KEY, table, settings.MEDINFO_ADS_CACHE_SECONDS)
    return table


def page_targeting(*, drug=None, drug_class=None, condition=None):
    """The page's subjects as (kind, id) pairs, e.g. ("class", 3): the unit targeting uses.

    Ids, never slugs or names: renaming a drug, class or condition must not change
    which ads a page may show (its cached slots keep naming the same rows).
    """
    pairs = [("drug", drug), ("class", drug_class), ("condition", condition)]
    return frozenset((kind, pk) for kind, pk in pairs if pk)


@dataclass(frozen=True)
class Candidate:
    """A creative that may be served, with everything selection needs (kept in the cache)."""

    creative_id: int
    size: str
    weight: int
    start_date: datetime.date
    end_date: datetime.date
    include: frozenset
    exclude: frozenset
    promoted_drug: int | None
    promoted_class: int | None
    allow_on_competitor_pages: bool
    ad: dict

    def is_scheduled(self, today):
        return self.start_date <= today <= self.end_date

    def is_targeted(self, targeting):
        """Empty includes mean every page; an exclude always wins."""
        if self.exclude & targeting:
            return False
        return not self.include or bool(self.include & targeting)

    def is_on_competitor_page(self, targeting):
        """A page about another drug of the class of the prescription drug this promotes."""
        if not self.promoted_class or self.allow_on_competitor_pages:
            return False
        same_class = ("class", self.promoted_class) in targeting
        return same_class and ("drug", self.promoted_drug) not in targeting

    def is_eligible(self, *, targeting, today):
        return (
            self.is_scheduled(today)
            and self.is_targeted(targeting)
            and not self.is_on_competitor_page(targeting)
        )


def eligible_candidates(candidates, *, targeting, today):
    """The candidates a slot on a page with ``targeting`` may show ``today``, in inventory order."""
    return [c for c in candidates if c.is_eligible(targeting=targeting, today=today)]


def choose_creative(candidates, *, targeting, today, rng):
    """A weighted random pick among the eligible candidates, or None when none is."""
    eligible = eligible_candidates(candidates, targeting=targeting, today=today)
    if not eligible:
        return None
    return rng.choices(eligible, weights=[c.weight for c in eligible])[0]


def inventory():
    """{size: [Candidate, …]}: active creatives of active, uncapped campaigns not yet over."""
    table = cache.get(INVENTORY_KEY)
    if table is None:
        table = build_inventory()
        cache.set(INVENTORY_KEY, table, settings.MEDINFO_ADS_CACHE_SECONDS)
    return table


def capped_campaign_ids():
    """Campaigns that have had as many viewable impressions as their cap allows."""
    return set(
        Campaign.objects.filter(impression_cap__isnull=False)
        .annotate(shown=Sum("creatives__daily_stats__impressions"))
        .filter(shown__gte=F("impression_cap"))
        .values_list("pk", flat=True)
    )


def _ids(model):
    return model.objects.only("pk")


def build_inventory(*, today=None):
    """Read the inventory from the database (a handful of queries, whatever its size)."""
    today = today or timezone.localdate()
    targeting = [
        Prefetch(f"campaign__{kind}_{name}", queryset=_ids(model))
        for kind in ("include", "exclude")
        for name, model in (("drugs", Drug), ("drug_classes", DrugClass), ("conditions", Condition))
    ]
    creatives = (
        Creative.objects.filter(
            active=True, campaign__status=CampaignStatus.ACTIVE, campaign__end_date__gte=today
        )
        .exclude(campaign__in=capped_campaign_ids())
        .select_related("campaign__promoted_drug")
        .prefetch_related(*targeting)
        .order_by("pk")
    )
    table = {}
    for creative in creatives:
        table.setdefault(creative.size, []).append(candidate_for(creative))
    return table


def _targeting_tags(campaign, kind):
    """The (kind, id) pairs of a campaign's include or exclude lists: rows, never their slugs."""
    fields = (("drug", "drugs"), ("class", "drug_classes"), ("condition", "conditions"))
    return frozenset(
        (tag, row.pk) for tag, field in fields for row in getattr(campaign, f"{kind}_{field}").all()
    )


def candidate_for(creative):
    campaign = creative.campaign
    promoted = campaign.promoted_drug
    width, height = creative.dimensions
    ad = {"creative": creative.pk, "width": width, "height": height}
    if creative.is_image:
        ad.update(image=creative.image.url, alt=creative.alt_text)
    else:
        ad.update(headline=creative.headline, text=creative.text)
    return Candidate(
        creative_id=creative.pk,
        size=creative.size,
        weight=campaign.weight,
        start_date=campaign.start_date,
        end_date=campaign.end_date,
        include=_targeting_tags(campaign, "include"),
        exclude=_targeting_tags(campaign, "exclude"),
        promoted_drug=promoted.pk if promoted else None,
        promoted_class=promoted.drug_class_id if promoted else None,
        allow_on_competitor_pages=campaign.allow_on_competitor_pages,
        ad=ad,
    )


def forget_inventory():
    """Drop the cached inventory; the next request rebuilds it."""
    cache.delete(INVENTORY_KEY)


def forget_placements():
    cache.delete(PLACEMENTS_KEY)
