"""Creatives (the ads themselves) and their daily counts."""

from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from common.text import PlainTextMixin
from medinfo.uploads import ReencodedImageField, random_image_name, validate_image_upload

from .campaign import Campaign
from .placement import AdSize, size_dimensions

MAX_CREATIVE_BYTES = 150 * 1024


validate_http_url = URLValidator(
    schemes=["http", "https"], message="Enter a web address starting with http:// or https://."
)


def creative_image_path(instance, filename):
    """``upload_to`` for creatives: a random name, never the uploader's."""
    return random_image_name("ad-creatives", filename)


def creative_byte_limit():
    return MAX_CREATIVE_BYTES


def validate_creative_image(file):
    """A still JPEG, PNG or WebP image of at most 150 KB (the exact size is checked per creative).

    The upload rules of ``medinfo.uploads``: SVG, GIF and anything else are refused.
    """
    validate_image_upload(file, max_bytes=MAX_CREATIVE_BYTES)


class Creative(PlainTextMixin, models.Model):
    """One ad of a campaign: an image with alt text, or a headline and a line of text.

    Edited inline on its campaign or under Advertising → Creatives. An image must have
    exactly the pixel size of its ad size.
    """

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="creatives",
        verbose_name="campaign",
        help_text="The campaign it belongs to.",
    )
    name = models.CharField(
        "name", max_length=120, help_text="For reports, e.g. “Leaderboard, blue”."
    )
    size = models.CharField(
        "size", max_length=7, choices=AdSize.choices, help_text="e.g. leaderboard, 728 × 90."
    )
    image = ReencodedImageField(
        "image",
        upload_to=creative_image_path,
        max_bytes=creative_byte_limit,
        blank=True,
        validators=[validate_creative_image],
        help_text="JPEG, PNG or WebP of exactly the chosen size, at most 150 KB, stored "
        "without its metadata. Leave empty for a text ad.",
    )
    alt_text = models.CharField(
        "alt text",
        max_length=150,
        blank=True,
        help_text="Required with an image: what it says, e.g. “Example Pharmacy: "
        "prescriptions delivered free”.",
    )
    headline = models.CharField(
        "headline",
        max_length=60,
        blank=True,
        help_text="Text ads only, e.g. “Prescriptions delivered free”.",
    )
    text = models.CharField(
        "text",
        max_length=140,
        blank=True,
        help_text="Text ads only, e.g. “Order refills online from Example Pharmacy.”",
    )
    destination_url = models.URLField(
        "destination",
        max_length=500,
        validators=[validate_http_url],
        help_text="Where a click leads; http or https only, e.g. “https://pharmacy.example/”.",
    )
    active = models.BooleanField(
        "active", default=True, help_text="Untick to stop showing this creative."
    )

    class Meta:
        verbose_name = "creative"
        verbose_name_plural = "creatives"
        ordering = ["campaign", "name"]
        constraints = [
            models.CheckConstraint(
                name="ads_creative_image_xor_text",
                condition=(
                    ~Q(image="") & ~Q(alt_text="") & Q(headline="") & Q(text="")
                    | Q(image="") & ~Q(headline="") & ~Q(text="")
                ),
                violation_error_message="A creative is either an image with alt text or a "
                "headline with text, not both.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The creative's figures in the ads report."""
        return reverse("admin:ads_dailystat_report") + f"?creative={self.pk}"

    @property
    def is_image(self):
        return bool(self.image)

    @property
    def dimensions(self):
        return size_dimensions(self.size)

    # A text ad's missing parts, each said at its field. Keyed by field, the errors also
    # keep Django from checking the image-xor-text constraint, whose message ("not both")
    # would contradict them when nothing was given.
    TEXT_AD_MISSING = {
        "headline": "Write a headline, or upload an image instead.",
        "text": "Write the ad's text, or upload an image instead.",
    }

    def clean(self):
        if self.image:
            self._clean_image()
        elif not (self.headline and self.text):
            raise ValidationError(
                {
                    name: message
                    for name, message in self.TEXT_AD_MISSING.items()
                    if not getattr(self, name)
                }
            )

    def _clean_image(self):
        errors = {}
        if not self.alt_text:
            errors["alt_text"] = "Describe the image for readers who cannot see it."
        for name in ("headline", "text"):
            if getattr(self, name):
                errors[name] = "An image ad has no headline or text; clear this field."
        try:
            width, height = get_image_dimensions(self.image)
        except OSError:  # a stored file that has gone missing: nothing to measure
            width = height = None
        if width and self.size and (width, height) != self.dimensions:
            errors["image"] = (
                f"This image is {width} × {height} pixels; a {self.get_size_display()} "
                f"needs exactly {self.size.replace('x', ' × ')}."
            )
        if errors:
            raise ValidationError(errors)


class DailyStat(models.Model):
    """Viewable impressions and clicks of one creative on one day (UTC).

    Written only by the impression and click endpoints; read-only under
    Advertising → Daily stats and summed in the report.
    """

    creative = models.ForeignKey(
        Creative,
        on_delete=models.CASCADE,
        related_name="daily_stats",
        verbose_name="creative",
        help_text="The ad counted.",
    )
    date = models.DateField("day", help_text="e.g. 2027-03-14.")
    impressions = models.PositiveIntegerField(
        "viewable impressions", default=0, help_text="Half the ad in view for a second, e.g. 1200."
    )
    clicks = models.PositiveIntegerField("clicks", default=0, help_text="e.g. 14.")

    class Meta:
        verbose_name = "daily stat"
        verbose_name_plural = "daily stats"
        ordering = ["-date", "creative"]
        constraints = [
            models.UniqueConstraint(
                fields=["creative", "date"],
                name="ads_dailystat_one_per_creative_and_day",
                violation_error_message="There is already a row for this creative and day.",
            ),
        ]

    def __str__(self):
        return f"{self.creative} on {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        """This creative's figures for this day in the ads report."""
        day = self.date.isoformat()
        return (
            reverse("admin:ads_dailystat_report")
            + "?"
            + urlencode({"creative": self.creative_id, "start": day, "end": day})
        )
