from django.contrib import admin

from .models import AdsTxtRecord, AdsTxtVariable


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
