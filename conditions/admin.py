from django.contrib import admin

from common.adminviews import (
    AutocompleteAdmin,
    ChangeHistoryAdmin,
    PublishedSlugMixin,
    SharedLookupsInline,
)

from .models import Condition, ConditionSymptom, Symptom


class ConditionSymptomInline(SharedLookupsInline, admin.TabularInline):
    model = ConditionSymptom
    extra = 1
    autocomplete_fields = ["symptom"]
    ordering = ["order", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("symptom")  # each row's name


@admin.register(Condition)
class ConditionAdmin(PublishedSlugMixin, ChangeHistoryAdmin):
    list_display = ["name", "definition", "other_names"]
    search_fields = ["name", "other_names"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ConditionSymptomInline]


@admin.register(Symptom)
class SymptomAdmin(ChangeHistoryAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(ConditionSymptom)
class ConditionSymptomAdmin(AutocompleteAdmin, ChangeHistoryAdmin):
    list_display = ["condition", "symptom", "order", "note"]
    list_select_related = ["condition", "symptom"]
    search_fields = ["condition__name", "symptom__name"]
    autocomplete_fields = ["condition", "symptom"]
