from django.contrib import admin

from .models import BrandName, Drug, DrugClass, Use


class BrandNameInline(admin.TabularInline):
    model = BrandName
    extra = 1
    prepopulated_fields = {"slug": ["name"]}


class UseInline(admin.TabularInline):
    model = Use
    extra = 1
    autocomplete_fields = ["condition"]


@admin.register(Drug)
class DrugAdmin(admin.ModelAdmin):
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
class DrugClassAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(BrandName)
class BrandNameAdmin(admin.ModelAdmin):
    list_display = ["name", "mark", "drug"]
    list_select_related = ["drug"]
    search_fields = ["name", "drug__generic_name"]
    autocomplete_fields = ["drug"]


@admin.register(Use)
class UseAdmin(admin.ModelAdmin):
    list_display = ["drug", "condition", "kind", "note"]
    list_filter = ["kind"]
    list_select_related = ["drug", "condition"]
    search_fields = ["drug__generic_name", "condition__name"]
    autocomplete_fields = ["drug", "condition"]
