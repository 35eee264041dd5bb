"""Counting viewable impressions and clicks: signed tokens, bot filtering, daily counters.

Each served ad gets a random nonce, signed into an impression token and a click
token. A token is counted at most once (its nonce is remembered in the cache for
the token's lifetime), forged or expired tokens are refused, and known robots are
never counted, so a count always means one person saw or clicked one ad.
"""

import re
import secrets

from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .inventory import forget_inventory
from .models import DailyStat

IMPRESSION_SALT = "ads.impression"
CLICK_SALT = "ads.click"
# User agents that announce a robot. Headless Chromium ("HeadlessChrome") is a browser.
BOT_USER_AGENT = re.compile(r"bot|crawl|spider|slurp|curl|wget|python-requests|python-urllib", re.I)


class InvalidToken(Exception):
    """A token that is forged, tampered with, expired or not one of ours."""


def new_nonce():
    return secrets.token_urlsafe(12)


def sign_token(*, creative_id, nonce, salt):
    return signing.dumps({"c": creative_id, "n": nonce}, salt=salt)


def read_token(token, *, salt, max_age):
    """(creative id, nonce) from a token, or InvalidToken."""
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature
        raise InvalidToken(str(error)) from error
    creative_id, nonce = (payload.get("c"), payload.get("n")) if isinstance(payload, dict) else ()
    if not isinstance(creative_id, int) or not isinstance(nonce, str):
        raise InvalidToken("Malformed payload.")
    return creative_id, nonce


def is_bot(user_agent):
    """Robots, and clients that send no user agent at all, are never counted."""
    return not user_agent or bool(BOT_USER_AGENT.search(user_agent))


def first_use(*, kind, nonce, max_age):
    """True the first time a nonce is used for ``kind`` within the token's lifetime.

    While Redis is unreachable django-redis answers None for add(): not first, so an
    outage counts an ad view once too few, never twice.
    """
    return cache.add(f"ads:seen:{kind}:{nonce}", True, max_age) is True


def add_to_daily_stat(*, creative_id, field, day=None):
    """Add one to today's ``field`` ("impressions" or "clicks") of a creative.

    The increment is done by the database (F expression), so concurrent requests
    never lose a count; the first count of a day creates the row, and a creation
    race falls back to the increment.
    """
    day = day or timezone.localdate()
    rows = DailyStat.objects.filter(creative_id=creative_id, date=day)
    if rows.update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            DailyStat.objects.create(creative_id=creative_id, date=day, **{field: 1})
    except IntegrityError:
        rows.update(**{field: F(field) + 1})


def count_impression(*, creative):
    add_to_daily_stat(creative_id=creative.pk, field="impressions")
    campaign = creative.campaign
    if campaign.impression_cap is not None:
        shown = DailyStat.objects.filter(creative__campaign=campaign).aggregate(
            total=Sum("impressions")
        )["total"]
        if shown >= campaign.impression_cap:
            forget_inventory()


def count_click(*, creative):
    add_to_daily_stat(creative_id=creative.pk, field="clicks")
