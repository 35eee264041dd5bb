"""Keep the cached placement table and ad inventory in step with the admin.

Every save or delete of a placement, campaign, creative or targeted subject drops
the cached copies, both at once and again after the transaction commits, so a
request that rebuilt them from not-yet-committed data cannot keep stale ones.

A placement change also bumps the tag of the cached slot markup, once, after the
commit: a bump before it would let a page rebuilt from the old rows keep the new
tag version, and each bump purges the CDN (and queues a second purge,
``medinfo.cdn``), so bumping at both times sent every purge twice.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from conditions.models import Condition
from drugs.models import Drug, DrugClass
from medinfo.cachetags import AD_PLACEMENTS, bump_tags

from .inventory import forget_inventory, forget_placements
from .models import Campaign, Creative, Placement


def _now_and_after_commit(function):
    function()
    transaction.on_commit(function)


def _forget_placements():
    forget_placements()
    forget_inventory()


def _bump_slot_markup():
    bump_tags(AD_PLACEMENTS)


def placements_changed(**kwargs):
    """Slot markup depends on the placements: drop it from cached pages and fragments too."""
    _now_and_after_commit(_forget_placements)
    transaction.on_commit(_bump_slot_markup)


def inventory_changed(**kwargs):
    _now_and_after_commit(forget_inventory)


TARGETING_FIELDS = [
    "include_drugs",
    "include_drug_classes",
    "include_conditions",
    "exclude_drugs",
    "exclude_drug_classes",
    "exclude_conditions",
]


def connect():
    for event, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(placements_changed, sender=Placement, dispatch_uid=f"ads.placement.{event}")
        for model in (Campaign, Creative, Drug, DrugClass, Condition):
            uid = f"ads.{model._meta.label_lower}.{event}"
            signal.connect(inventory_changed, sender=model, dispatch_uid=uid)
    for name in TARGETING_FIELDS:
        through = getattr(Campaign, name).through
        m2m_changed.connect(inventory_changed, sender=through, dispatch_uid=f"ads.{name}")
