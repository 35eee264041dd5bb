"""The ads report: viewable impressions, clicks and click-through rate over a period.

The admin shows it (``DailyStatAdmin.report_view``) by campaign, by creative and by
day, and exports each table as CSV.
"""

import csv
import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import Sum
from django.http import HttpResponse
from django.utils import timezone

from .models import Campaign, Creative, DailyStat

DEFAULT_PERIOD_DAYS = 30


@dataclass
class ReportRow:
    """One line of a report table."""

    label: str
    impressions: int
    clicks: int

    @property
    def ctr(self):
        """Clicks per hundred viewable impressions, as text ("1.25"); empty without impressions."""
        if not self.impressions:
            return ""
        return f"{100 * self.clicks / self.impressions:.2f}"


def _campaign_label(values):
    return f"{values['creative__campaign__name']} ({values['creative__campaign__advertiser']})"


def _creative_label(values):
    return f"{values['creative__name']} – {values['creative__campaign__name']}"


# breakdown → (column heading, fields grouped on, label of a group)
BREAKDOWNS = {
    "campaign": (
        "Campaign",
        ["creative__campaign__name", "creative__campaign__advertiser", "creative__campaign_id"],
        _campaign_label,
    ),
    "creative": (
        "Creative",
        ["creative__name", "creative__campaign__name", "creative_id"],
        _creative_label,
    ),
    "day": ("Day", ["date"], lambda values: values["date"].isoformat()),
}


def report_rows(stats, *, breakdown):
    """The rows of one breakdown of ``stats`` (a DailyStat queryset), and their total."""
    _, fields, label = BREAKDOWNS[breakdown]
    grouped = (
        stats.values(*fields)
        .annotate(impressions=Sum("impressions"), clicks=Sum("clicks"))
        .order_by(*fields)
    )
    rows = [ReportRow(label(values), values["impressions"], values["clicks"]) for values in grouped]
    total = ReportRow(
        "Total", sum(row.impressions for row in rows), sum(row.clicks for row in rows)
    )
    return rows, total


class ReportForm(forms.Form):
    """The period (and optionally one campaign or creative) a report covers."""

    start = forms.DateField(label="From", help_text="e.g. 2027-03-01")
    end = forms.DateField(label="To (inclusive)", help_text="e.g. 2027-03-31")
    campaign = forms.ModelChoiceField(Campaign.objects.all(), required=False)
    creative = forms.ModelChoiceField(Creative.objects.select_related("campaign"), required=False)

    def __init__(self, query):
        today = timezone.localdate()
        data = {
            "start": today - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1),
            "end": today,
            **query.dict(),
        }
        super().__init__(data)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError("The period must start before it ends.")
        return cleaned

    def stats(self):
        """The DailyStat rows the report sums."""
        data = self.cleaned_data
        stats = DailyStat.objects.filter(date__range=(data["start"], data["end"]))
        if data["campaign"]:
            stats = stats.filter(creative__campaign=data["campaign"])
        if data["creative"]:
            stats = stats.filter(creative=data["creative"])
        return stats


def _spreadsheet_safe(text):
    """Keep a spreadsheet from running a name such as “=HYPERLINK(…)” as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def csv_response(*, rows, total, breakdown, start, end):
    """One breakdown as a CSV download, with a total line."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"ads-by-{breakdown}-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([BREAKDOWNS[breakdown][0], "Viewable impressions", "Clicks", "CTR (%)"])
    for row in [*rows, total]:
        writer.writerow([_spreadsheet_safe(row.label), row.impressions, row.clicks, row.ctr])
    return response
