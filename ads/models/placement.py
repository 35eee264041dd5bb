"""Placements: the places in the page templates where an ad may appear, and the IAB sizes."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from common.text import PlainTextMixin


class AdSize(models.TextChoices):
    """The IAB sizes the site reserves room for, as “<width>x<height>” in CSS pixels."""

    LEADERBOARD = "728x90", "leaderboard, 728 × 90"
    MEDIUM_RECTANGLE = "300x250", "medium rectangle, 300 × 250"
    MOBILE_BANNER = "320x50", "mobile banner, 320 × 50"
    BILLBOARD = "970x250", "billboard, 970 × 250"


# Sizes that fit a 320-pixel-wide phone screen.
NARROW_SIZES = [AdSize.MEDIUM_RECTANGLE, AdSize.MOBILE_BANNER]


def size_dimensions(size):
    """(width, height) of an AdSize value: "728x90" → (728, 90)."""
    width, height = size.split("x")
    return int(width), int(height)


class Placement(PlainTextMixin, models.Model):
    """A place in the page templates where an ad may appear, e.g. the top of every article.

    Templates name it with ``{% ad_slot "article-top" %}``; ad managers switch it on and
    off and choose its sizes under Advertising → Placements.
    """

    code = models.SlugField(
        "code",
        max_length=50,
        unique=True,
        help_text="The name templates use, e.g. “article-top”.",
    )
    name = models.CharField(
        "name", max_length=100, help_text="What readers see there, e.g. “Top of an article”."
    )
    size = models.CharField(
        "size on wide screens",
        max_length=7,
        choices=AdSize.choices,
        help_text="Shown from 768 pixels wide (1010 for a billboard), e.g. leaderboard.",
    )
    mobile_size = models.CharField(
        "size on narrow screens",
        max_length=7,
        choices=[(size.value, size.label) for size in NARROW_SIZES],
        help_text="Shown on phones; at most 320 pixels wide, e.g. mobile banner.",
    )
    enabled = models.BooleanField(
        "enabled", default=True, help_text="Untick to remove this placement from every page."
    )

    class Meta:
        verbose_name = "placement"
        verbose_name_plural = "placements"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                name="ads_placement_mobile_size_fits_phones",
                condition=Q(mobile_size__in=NARROW_SIZES),
                violation_error_message="The narrow-screen size must be at most 320 pixels wide.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        """What the placement would show right now, as the filler script sees it."""
        return reverse("ads:serve") + "?" + urlencode({"placement": self.code, "size": self.size})

    @property
    def sizes(self):
        return {self.size, self.mobile_size}
