from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal

from common.adminviews import (
    AutocompleteAdmin,
    ChangeHistoryAdmin,
    PublishedSlugMixin,
    RowLinksChangeList,
    SharedLookupsFormSet,
    SharedLookupsInline,
)
from common.text import name_key

from .models import BrandName, Drug, DrugClass, Use, youngest_approved_age


class SoldForField(forms.ModelMultipleChoiceField):
    """The uses a brand is sold for, named by their condition (and drug, until it is known)."""

    widget = forms.CheckboxSelectMultiple
    name_drug = True

    def label_from_instance(self, use):
        return str(use) if self.name_drug else f"{use.condition.name} ({use.get_kind_display()})"


class BrandNameForm(forms.ModelForm):
    """A brand, inline on its drug or on its own: sold only for uses of its own drug."""

    class Meta:
        model = BrandName
        fields = ["drug", "name", "slug", "mark", "order", "status", "discontinued_year", "uses"]
        field_classes = {"uses": SoldForField}

    def __init__(self, *args, drug=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "uses" not in self.fields:
            return
        field = self.fields["uses"]
        field.queryset = field.queryset.select_related("drug", "condition")
        # Inline, the drug is the one being edited (none yet on its add page).
        drug_id = drug.pk if drug is not None else self.instance.drug_id
        if drug is not None or drug_id:
            field.queryset = (
                field.queryset.filter(drug_id=drug_id) if drug_id else Use.objects.none()
            )
            field.name_drug = False

    def clean(self):
        cleaned = super().clean()
        drug_id = cleaned["drug"].pk if cleaned.get("drug") else self.instance.drug_id
        if any(use.drug_id != drug_id for use in cleaned.get("uses", ())):
            self.add_error("uses", "A brand can only be sold for uses of its own drug.")
        return cleaned


class BrandNameFormSet(SharedLookupsFormSet):
    """Checks the brand rows against each other and against the drug being saved.

    Each row's model validation only sees the database, where a new drug and its
    other new rows do not exist yet.
    """

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "drug": self.instance}

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


class BrandNameInline(SharedLookupsInline, admin.TabularInline):
    model = BrandName
    form = BrandNameForm
    formset = BrandNameFormSet
    fields = ["name", "slug", "mark", "order", "status", "discontinued_year", "uses"]
    extra = 1
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("uses")  # each row's ticked uses


class UseFormSet(SharedLookupsFormSet):
    """Refuses to delete the last use a brand is sold for: the brand would then be sold for all."""

    def clean(self):
        super().clean()
        deleted = {
            form.instance.pk
            for form in self.forms
            if form.instance.pk and self._should_delete_form(form)
        }
        if not deleted:
            return
        for brand in BrandName.objects.filter(uses__in=deleted).prefetch_related("uses").distinct():
            if {use.pk for use in brand.uses.all()} <= deleted:
                raise forms.ValidationError(
                    f"{brand} is sold only for a use you are deleting; change the uses it is "
                    "sold for first, or delete the brand."
                )


class UseInline(SharedLookupsInline, admin.TabularInline):
    model = Use
    formset = UseFormSet
    fields = [
        "condition", "kind", "evidence_level", "minimum_age", "population_note", "note", "order",
    ]  # fmt: skip
    extra = 1
    autocomplete_fields = ["condition"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("condition")  # each row's name


class DrugChangeList(RowLinksChangeList):
    """The drug list, each page's brands and uses read in one query each for its columns.

    ``prefetch_related`` built a queryset for each relation of each row, 200 for a page
    of 100 drugs: about 10 ms of the list (issue #15).
    """

    def get_results(self, request):
        super().get_results(request)
        drugs = {drug.pk: drug for drug in self.result_list}
        for drug in drugs.values():
            drug.listed_brands, drug.listed_uses = [], []
        for brand in BrandName.objects.filter(drug__in=drugs):
            drugs[brand.drug_id].listed_brands.append(brand)
        for use in (
            Use.objects.filter(drug__in=drugs).only("drug", "kind", "minimum_age").order_by()
        ):
            drugs[use.drug_id].listed_uses.append(use)


@admin.register(Drug)
class DrugAdmin(AutocompleteAdmin, PublishedSlugMixin, ChangeHistoryAdmin):
    list_display = [
        "generic_name",
        "brand_list",
        "drug_class",
        "prescription_status",
        "youngest_approved_age",
    ]
    list_filter = ["drug_class", "prescription_status"]
    list_select_related = ["drug_class"]
    search_fields = ["generic_name", "official_name", "brand_names__name"]
    prepopulated_fields = {"slug": ["generic_name"]}
    autocomplete_fields = ["drug_class"]
    inlines = [BrandNameInline, UseInline]

    def get_changelist(self, request, **kwargs):
        return DrugChangeList

    def get_search_results(self, request, queryset, search_term):
        """Drugs whose generic, official or brand name contains every word searched for, as
        ``search_fields`` finds them, with brands matched in a subquery: the join made
        every search, the autocomplete's too, a DISTINCT over all drugs and their brands
        (32 ms at 10,000 drugs, issue #15)."""
        words = [
            unescape_string_literal(word) if word[0] in "\"'" and word[-1] == word[0] else word
            for word in smart_split(search_term)
        ]
        for word in words:
            brands = BrandName.objects.filter(name__icontains=word).values("drug_id")
            queryset = queryset.filter(
                Q(generic_name__icontains=word)
                | Q(official_name__icontains=word)
                | Q(pk__in=brands)
            )
        return queryset, False

    @admin.display(description="brand names")
    def brand_list(self, drug):
        return ", ".join(str(brand) for brand in drug.listed_brands)

    @admin.display(description="youngest approved age")
    def youngest_approved_age(self, drug):
        # Derived from the approved uses (read by DrugChangeList): each states its own age.
        return youngest_approved_age(drug.listed_uses)


@admin.register(DrugClass)
class DrugClassAdmin(ChangeHistoryAdmin):
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(BrandName)
class BrandNameAdmin(AutocompleteAdmin, ChangeHistoryAdmin):
    form = BrandNameForm
    list_display = ["name", "mark", "drug", "status", "discontinued_year"]
    list_filter = ["status"]
    list_select_related = ["drug"]
    search_fields = ["name", "drug__generic_name"]
    autocomplete_fields = ["drug"]


@admin.register(Use)
class UseAdmin(AutocompleteAdmin, ChangeHistoryAdmin):
    list_display = ["drug", "condition", "kind", "minimum_age", "evidence_level", "note"]
    list_filter = ["kind", "evidence_level"]
    list_select_related = ["drug", "condition"]
    search_fields = ["drug__generic_name", "condition__name"]
    autocomplete_fields = ["drug", "condition"]
