"""Advertising in the admin: only Ad managers and superusers have these permissions."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.http import urlencode

from common.adminviews import AutocompleteAdmin, ReadOnlyAdminMixin, SharedLookupsInline

from .models import AdsTxtRecord, AdsTxtVariable, Campaign, Creative, DailyStat, Placement
from .reports import BREAKDOWNS, ReportForm, csv_response, report_rows
from .signals import TARGETING_FIELDS


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "size", "mobile_size", "enabled"]
    list_editable = ["enabled"]
    search_fields = ["code", "name"]


# Web addresses typed without a scheme are taken as https (Django 6's default).
HTTPS_BY_DEFAULT = {models.URLField: {"assume_scheme": "https"}}


class CreativeInline(SharedLookupsInline, admin.StackedInline):
    model = Creative
    extra = 0
    formfield_overrides = HTTPS_BY_DEFAULT
    fields = ["name", "size", "image", "alt_text", "headline", "text", "destination_url", "active"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "advertiser", "status", "start_date", "end_date", "weight",
                    "impression_cap"]  # fmt: skip
    list_filter = ["status"]
    search_fields = ["name", "advertiser"]
    date_hierarchy = "start_date"
    filter_horizontal = TARGETING_FIELDS
    fieldsets = [
        (None, {"fields": ["name", "advertiser", "status", "start_date", "end_date"]}),
        ("Delivery", {"fields": ["weight", "impression_cap"]}),
        (
            "Targeting",
            {
                "description": "Leave the three “show on” lists empty to show the campaign on "
                "every page. A page matching any “never on” entry never shows it.",
                "fields": TARGETING_FIELDS,
            },
        ),
        ("Prescription drug", {"fields": ["promoted_drug", "allow_on_competitor_pages"]}),
    ]
    inlines = [CreativeInline]


@admin.register(Creative)
class CreativeAdmin(AutocompleteAdmin, admin.ModelAdmin):
    list_display = ["name", "campaign", "size", "kind", "active"]
    list_filter = ["size", "active", "campaign__status"]
    list_select_related = ["campaign"]
    search_fields = ["name", "campaign__name", "campaign__advertiser"]
    autocomplete_fields = ["campaign"]
    formfield_overrides = HTTPS_BY_DEFAULT

    @admin.display(description="kind")
    def kind(self, creative):
        return "image" if creative.is_image else "text"


@admin.register(DailyStat)
class DailyStatAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Counts are written by the ad endpoints only; here they are read and summed."""

    list_display = ["date", "creative", "campaign", "impressions", "clicks"]
    list_filter = ["creative__campaign"]
    list_select_related = ["creative__campaign"]
    date_hierarchy = "date"
    change_list_template = "admin/ads/dailystat/change_list.html"

    @admin.display(description="campaign", ordering="creative__campaign__name")
    def campaign(self, stat):
        return stat.creative.campaign

    def get_urls(self):
        report = self.admin_site.admin_view(self.report_view)
        return [path("report/", report, name="ads_dailystat_report"), *super().get_urls()]

    def report_view(self, request):
        """Impressions, clicks and CTR by campaign, creative and day; ?csv=<breakdown> exports."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = ReportForm(request.GET)
        tables = []
        if form.is_valid():
            stats = form.stats()
            export = request.GET.get("csv")
            if export in BREAKDOWNS:
                rows, total = report_rows(stats, breakdown=export)
                return csv_response(rows=rows, total=total, breakdown=export,
                                    start=form.cleaned_data["start"], end=form.cleaned_data["end"])  # fmt: skip
            tables = [self._table(request, stats, breakdown) for breakdown in BREAKDOWNS]
        context = {
            **self.admin_site.each_context(request),
            "title": "Ad report",
            "opts": self.model._meta,
            "form": form,
            "tables": tables,
        }
        return TemplateResponse(request, "admin/ads/report.html", context)

    def _table(self, request, stats, breakdown):
        rows, total = report_rows(stats, breakdown=breakdown)
        query = urlencode({**request.GET.dict(), "csv": breakdown})
        return {"heading": BREAKDOWNS[breakdown][0], "rows": rows, "total": total,
                "csv_url": f"?{query}"}  # fmt: skip


@admin.register(AdsTxtRecord)
class AdsTxtRecordAdmin(admin.ModelAdmin):
    list_display = [
        "ad_system_domain",
        "publisher_account_id",
        "relationship",
        "certification_authority_id",
    ]
    list_filter = ["relationship"]
    search_fields = ["ad_system_domain", "publisher_account_id"]


@admin.register(AdsTxtVariable)
class AdsTxtVariableAdmin(admin.ModelAdmin):
    list_display = ["name", "value"]
