"""Pieces shared by the admin classes of every app."""

from urllib.parse import parse_qsl

from django import forms
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.forms.widgets import ChoiceWidget
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper


class ReadOnlyAdminMixin:
    """A ModelAdmin whose rows are only viewed: logs, statistics, frozen revisions."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PublishedSlugMixin:
    """Freeze the slug of a drug or condition once a live article's address uses it.

    Public URLs are built from the slug, so renaming it would move approved pages
    to an address no pharmacist saw and break every link to them.
    """

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.slug_is_public(obj):
            fields.append("slug")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and self.slug_is_public(obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    @staticmethod
    def slug_is_public(obj):
        """Whether a live article's address uses ``obj``'s slug, asked once per object:
        the admin asks for the read-only fields four times a page (issue #15)."""
        if not hasattr(obj, "_slug_is_public"):
            obj._slug_is_public = obj.articles.live().exists()
        return obj._slug_is_public


class RowLinksChangeList(ChangeList):
    """A changelist whose row links carry its filters without resolving each link's address.

    Django's ``add_preserved_filters`` resolves every row's link to learn whether it
    points back at the list (it never does: it is the row's change form), about 0.1 ms
    a row of a filtered list (issue #15). The links are the same: the change form's
    address with ``_changelist_filters``, which the form's "Save" returns to.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django reads ``preserved_filters`` from the changelist only for the row links.
        self.row_link_query = urlencode(dict(parse_qsl(self.preserved_filters)))
        self.preserved_filters = ""

    def url_for_result(self, result):
        url = super().url_for_result(result)
        return f"{url}?{self.row_link_query}" if self.row_link_query else url


class ListRowsAdmin:
    """A ModelAdmin whose list rows are printed without per-row template or URL work.

    Each row's selection box is written directly instead of rendered through the form
    template engine (about 0.1 ms a row, 10 ms of a 100-row list, issue #15), with
    Django's own markup; the row links come from ``RowLinksChangeList``.
    """

    def get_changelist(self, request, **kwargs):
        return RowLinksChangeList

    def action_checkbox(self, obj):
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )


class ChangeHistoryAdmin(ListRowsAdmin, SimpleHistoryAdmin):
    """The "History" page lists every change: who, when, and each field's old → new value.

    Read-only: simple-history's per-version revert form is left out, because a
    revert would be an unreviewed edit that skips the form's checks (and it
    accepts a save from anyone who may merely view the row).
    """

    object_history_template = "admin/change_history/object_history.html"
    object_history_list_template = "admin/change_history/object_history_list.html"

    def get_urls(self):
        return [
            url for url in super().get_urls() if not (url.name or "").endswith("_simple_history")
        ]

    def revert_disabled(self, request, obj=None):
        return True

    def get_historical_record_context_helper(self, request, historical_record):
        # Old and new values in full: a definition shortened to "A lon[30 chars]…"
        # hides exactly the words a pharmacist needs to read.
        return HistoricalRecordContextHelper(
            self.model, historical_record, max_displayed_delta_change_chars=10_000
        )


class LeavesUnreadableValuesOut:
    """An autocomplete widget that re-renders a form holding a forged value.

    Django's widget looks the posted values up to show them again, so "abc" for a
    numeric key raised ValueError and turned the field's own "Select a valid choice"
    error into a 500. Values the key field cannot read are left out of that lookup;
    the form field still rejects them.
    """

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        options = remote.model._meta
        name_of_key = getattr(remote, "field_name", None)
        key = options.get_field(name_of_key) if name_of_key else options.pk
        return super().optgroups(name, [item for item in value if _readable(key, item)], attr)


class ForgedValueAutocompleteSelect(LeavesUnreadableValuesOut, AutocompleteSelect):
    """Django's autocomplete box for a foreign key, answering a forged value with a form error."""


class ForgedValueAutocompleteSelectMultiple(LeavesUnreadableValuesOut, AutocompleteSelectMultiple):
    """Django's autocomplete box for a many-to-many field, likewise."""


class AutocompleteAdmin:
    """A ModelAdmin or inline whose ``autocomplete_fields`` answer a forged value with
    the field's error, never a 500.

    Every admin and inline that declares ``autocomplete_fields`` uses it (Django's own
    admins declare none); tests/common/test_autocomplete_values.py posts forged values
    to every autocomplete field of every registered admin, so one that lacks it fails.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            db = kwargs.get("using")
            kwargs["widget"] = ForgedValueAutocompleteSelect(db_field, self.admin_site, using=db)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            db = kwargs.get("using")
            kwargs["widget"] = ForgedValueAutocompleteSelectMultiple(
                db_field, self.admin_site, using=db
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def refuse_unreadable_changelist_lookups():
    """Make every admin list answer a date in its address that no calendar holds with
    Django's "invalid lookup" redirect (``?e=1``), never a 500.

    ``?created_at__year=99999`` passed the filter step and failed only when the query
    was compiled (``ValueError: year 99999 is out of range``), and the date hierarchy's
    own end-of-range sum overflowed for 31 December 9999. The lookups come from the
    address, so an error reading them is the visitor's. Only a list whose address
    carries parameters is answered so: without any, the error is the code's and stays
    a 500. Called once, from the editorial app's ready().

    Why a patch of Django's ChangeList rather than a ChangeList subclass given by our
    ModelAdmins' ``get_changelist``: the hole is in every registered list, Django's own
    user and group lists included, which this project registers as Django ships them;
    tests/common/test_admin_date_lookups.py tries every date column of every registered
    model.
    """
    from django.contrib.admin.options import IncorrectLookupParameters
    from django.contrib.admin.views.main import ChangeList

    def reading_lookups(method):
        if getattr(method, "refuses_unreadable_lookups", False):
            return method

        def wrapper(self, request, *args, **kwargs):
            try:
                return method(self, request, *args, **kwargs)
            except (ValueError, OverflowError) as error:
                if not self.filter_params:  # nothing from the address: a bug of ours
                    raise
                raise IncorrectLookupParameters(error) from error

        wrapper.refuses_unreadable_lookups = True
        return wrapper

    ChangeList.get_filters = reading_lookups(ChangeList.get_filters)
    ChangeList.get_results = reading_lookups(ChangeList.get_results)


def _readable(field, value):
    try:
        field.run_validators(field.to_python(value))  # the validators hold the column's range
    except ValidationError:
        return False
    return True


class PreloadedAutocompleteSelect(ForgedValueAutocompleteSelect):
    """An autocomplete box that shows a value its formset already fetched without a query.

    Django's widget looks up the selected object of every row on its own, so a drug
    with 50 uses cost 50 queries for their conditions. ``known`` maps the keys the
    formset fetched (as text) to their objects; other values are looked up as before.
    A row with only known or blank values builds no query at all (building one for an
    empty list cost 0.5 ms a row, issue #15).
    """

    known: dict = {}

    def optgroups(self, name, value, attr=None):
        # Blank values select nothing: Django's widget leaves them out of its lookup too.
        blank = self.choices.field.empty_values
        unknown = [item for item in value if str(item) not in self.known and item not in blank]
        if unknown:
            groups = super().optgroups(name, unknown, attr)
        else:  # what Django's widget answers for no value, without building its query
            groups = [(None, [], 0)]
            if not self.is_required and not self.allow_multiple_selected:
                groups[0][1].append(self.create_option(name, "", "", False, 0))
        options = groups[0][1]
        for item in value:
            if str(item) in self.known:
                label = self.choices.field.label_from_instance(self.known[str(item)])
                options.append(self.create_option(name, item, label, True, len(options)))
        return groups


class SharedLookupsFormSet(forms.BaseInlineFormSet):
    """Inline rows that share their lookups: one query per field, not one per row.

    Each row's autocomplete value comes from one query over all rows, and a list of
    choices (checkboxes, a select) is fetched once for all rows that offer the same.
    The rows know their parent, so their names need no query for it either.
    """

    @cached_property
    def empty_form(self):
        """The blank row "Add another" copies, built once. Django builds it anew each time
        it is asked for, and the admin asks three times an inline (its media, its column
        headers, the row itself): each a form with its lookups (issue #15)."""
        return super().empty_form

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if self.instance.pk is not None and form.instance.pk is not None:
            self.fk.set_cached_value(form.instance, self.instance)
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's wrapper
            if isinstance(widget, PreloadedAutocompleteSelect):
                widget.known = self._selected_objects(name, field)
            elif isinstance(widget, ChoiceWidget) and isinstance(field, forms.ModelChoiceField):
                field.choices = self._shared_choices(name, field)

    def _selected_objects(self, name, field):
        cache = self.__dict__.setdefault("_selected_cache", {})
        if name not in cache:
            attname = self.model._meta.get_field(name).attname
            keys = {getattr(row, attname) for row in self.get_queryset()} - {None}
            cache[name] = {str(obj.pk): obj for obj in field.queryset.filter(pk__in=keys)}
        return cache[name]

    def _shared_choices(self, name, field):
        # Rows may narrow a field's queryset (a brand offers its own drug's uses only):
        # rows share a list only when they ask the same query.
        cache = self.__dict__.setdefault("_choices_cache", {})
        if field.queryset.query.is_empty():  # no SQL to compare; nothing to fetch either
            return list(field.choices)
        key = (name, str(field.queryset.query))
        if key not in cache:
            cache[key] = list(field.choices)
        return cache[key]


class SharedLookupsInline(AutocompleteAdmin):
    """An inline whose rows cost the same queries however many there are (with
    ``SharedLookupsFormSet`` or a subclass as its formset, and ``select_related`` in
    ``get_queryset`` for what the rows' names print)."""

    formset = SharedLookupsFormSet

    class Media:
        css = {"all": ["admin/medinfo/inlines.css"]}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            db = kwargs.get("using")
            kwargs["widget"] = PreloadedAutocompleteSelect(db_field, self.admin_site, using=db)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
