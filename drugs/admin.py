from django import forms
from django.contrib import admin

from common.adminviews import ChangeHistoryAdmin, PublishedSlugMixin
from common.text import name_key

from .models import BrandName, Drug, DrugClass, Use


class BrandNameFormSet(forms.BaseInlineFormSet):
    """Checks the brand rows against each other and against the drug being saved.

    Each row's model validation only sees the database, where a new drug and its
    other new rows do not exist yet.
    """

    def clean(self):
        super().clean()
        keys = set()
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or self._should_delete_form(form):
                continue
            # Compared as the database compares them: letter case and look-alikes aside.
            key = name_key(form.cleaned_data.get("name", ""))
            if key and key in keys:
                form.add_error("name", "This brand name is listed twice.")
            keys.add(key)
            if self.instance.slug and form.cleaned_data.get("slug") == self.instance.slug:
                form.add_error("slug", "A drug already uses this URL; choose another slug.")


class BrandNameInline(admin.TabularInline):
    model = BrandName
    formset = BrandNameFormSet
    extra = 1
    prepopulated_fields = {"slug": ["name"]}


class UseInline(admin.TabularInline):
    model = Use
    extra = 1
    autocomplete_fields = ["condition"]


@admin.register(Drug)
class DrugAdmin(PublishedSlugMixin, ChangeHistoryAdmin):
    list_display = [
        "generic_name",
        "brand_list",
        "drug_class",
        "prescription_status",
        "minimum_age",
    ]
    list_filter = ["drug_class", "prescription_status"]
    list_select_related = ["drug_class"]
    search_fields = ["generic_name", "official_name", "brand_names__name"]
    prepopulated_fields = {"slug": ["generic_name"]}
    autocomplete_fields = ["drug_class"]
    inlines = [BrandNameInline, UseInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("brand_names")

    @admin.display(description="brand names")
    def brand_list(self, drug):
        return ", ".join(str(brand) for brand in drug.brand_names.all())


@admin.register(DrugClass)
class DrugClassAdmin(ChangeHistoryAdmin):
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(BrandName)
class BrandNameAdmin(ChangeHistoryAdmin):
    list_display = ["name", "mark", "drug"]
    list_select_related = ["drug"]
    search_fields = ["name", "drug__generic_name"]
    autocomplete_fields = ["drug"]


@admin.register(Use)
class UseAdmin(ChangeHistoryAdmin):
    list_display = ["drug", "condition", "kind", "note"]
    list_filter = ["kind"]
    list_select_related = ["drug", "condition"]
    search_fields = ["drug__generic_name", "condition__name"]
    autocomplete_fields = ["drug", "condition"]
