"""Campaigns: who advertises, when, how often, and on which pages."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from common.text import PlainTextMixin


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    ACTIVE = "active", "active"
    PAUSED = "paused", "paused"
    ENDED = "ended", "ended"


class CampaignQuerySet(models.QuerySet):
    def running(self, *, on=None):
        """Active campaigns whose dates include ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(status=CampaignStatus.ACTIVE, start_date__lte=on, end_date__gte=on)


class Campaign(PlainTextMixin, models.Model):
    """One advertiser's booking: dates, status, share of traffic, cap and targeting.

    Edited under Advertising → Campaigns, with its creatives inline. Targeting names
    drugs, drug classes and conditions; empty include lists mean every page.
    """

    name = models.CharField(
        "name", max_length=120, help_text="For reports, e.g. “Spring delivery offer 2027”."
    )
    advertiser = models.CharField(
        "advertiser", max_length=120, help_text="Who pays, e.g. “Example Pharmacy”."
    )
    start_date = models.DateField("first day", help_text="e.g. 2027-03-01.")
    end_date = models.DateField("last day", help_text="Inclusive, e.g. 2027-03-31.")
    status = models.CharField(
        "status",
        max_length=6,
        choices=CampaignStatus.choices,
        default=CampaignStatus.DRAFT,
        help_text="Only active campaigns are shown, and only between their first and last day.",
    )
    weight = models.PositiveIntegerField(
        "weight",
        default=1,
        help_text="Share of eligible traffic: a campaign of weight 3 shows three times as often "
        "as one of weight 1.",
    )
    impression_cap = models.PositiveIntegerField(
        "impression cap",
        null=True,
        blank=True,
        help_text="Stop after this many viewable impressions in total, e.g. 100000; "
        "empty for no limit.",
    )
    include_drugs = models.ManyToManyField(
        "drugs.Drug", blank=True, related_name="+", verbose_name="show on pages about drugs",
        help_text="e.g. milnacipran. Leave all three include lists empty to show everywhere.",
    )  # fmt: skip
    include_drug_classes = models.ManyToManyField(
        "drugs.DrugClass", blank=True, related_name="+", verbose_name="show on drug classes",
        help_text="Pages about any drug of these classes, e.g. SNRIs.",
    )  # fmt: skip
    include_conditions = models.ManyToManyField(
        "conditions.Condition", blank=True, related_name="+", verbose_name="show on conditions",
        help_text="Pages about these conditions, e.g. fibromyalgia.",
    )  # fmt: skip
    exclude_drugs = models.ManyToManyField(
        "drugs.Drug", blank=True, related_name="+", verbose_name="never on drugs",
        help_text="Never shown on pages about these drugs, whatever else matches.",
    )  # fmt: skip
    exclude_drug_classes = models.ManyToManyField(
        "drugs.DrugClass", blank=True, related_name="+", verbose_name="never on drug classes",
        help_text="Never shown on pages about drugs of these classes.",
    )  # fmt: skip
    exclude_conditions = models.ManyToManyField(
        "conditions.Condition", blank=True, related_name="+", verbose_name="never on conditions",
        help_text="Never shown on pages about these conditions.",
    )  # fmt: skip
    promoted_drug = models.ForeignKey(
        "drugs.Drug",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="promotes prescription drug",
        help_text="The prescription drug this campaign advertises, e.g. duloxetine. It is then "
        "kept off pages about other drugs of the same class.",
    )
    allow_on_competitor_pages = models.BooleanField(
        "allow on competitor pages",
        default=False,
        help_text="Tick to show it on pages about other drugs of the promoted drug's class too.",
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "campaign"
        verbose_name_plural = "campaigns"
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                name="ads_campaign_dates_ordered",
                condition=Q(end_date__gte=models.F("start_date")),
                violation_error_message="The last day cannot come before the first day.",
            ),
            models.CheckConstraint(
                name="ads_campaign_weight_positive",
                condition=Q(weight__gt=0),
                violation_error_message="The weight must be at least 1.",
            ),
            models.CheckConstraint(
                name="ads_campaign_cap_positive",
                condition=Q(impression_cap__isnull=True) | Q(impression_cap__gt=0),
                violation_error_message="An impression cap must be at least 1; leave it empty "
                "for no limit.",
            ),
            models.CheckConstraint(
                name="ads_campaign_status_valid",
                condition=Q(status__in=CampaignStatus.values),
                violation_error_message="Unknown campaign status.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.advertiser})"

    def get_absolute_url(self):
        """The campaign's figures in the ads report."""
        return reverse("admin:ads_dailystat_report") + f"?campaign={self.pk}"
