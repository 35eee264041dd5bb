from django.contrib import admin

from common.adminviews import ChangeHistoryAdmin, PublishedSlugMixin

from .models import Condition, ConditionSymptom, Symptom


class ConditionSymptomInline(admin.TabularInline):
    model = ConditionSymptom
    extra = 1
    autocomplete_fields = ["symptom"]
    ordering = ["order", "pk"]


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
class ConditionSymptomAdmin(ChangeHistoryAdmin):
    list_display = ["condition", "symptom", "order", "note"]
    list_select_related = ["condition", "symptom"]
    search_fields = ["condition__name", "symptom__name"]
    autocomplete_fields = ["condition", "symptom"]
