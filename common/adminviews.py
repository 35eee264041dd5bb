"""Pieces shared by the admin classes of every app."""

from django.core.exceptions import ValidationError
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
        if obj is not None and obj.articles.live().exists():
            fields.append("slug")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.articles.live().exists():
            return {}
        return super().get_prepopulated_fields(request, obj)


class ChangeHistoryAdmin(SimpleHistoryAdmin):
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


def refuse_unreadable_autocomplete_values():
    """Make every admin autocomplete widget re-render a form that holds a forged value.

    Django's widget looks the posted values up to show them again, so "abc" for a
    numeric key raised ValueError and turned the field's own "Select a valid choice"
    error into a 500. Values the key field cannot read are left out of that lookup;
    the form field still rejects them. Called once, from the editorial app's ready().
    """
    from django.contrib.admin.widgets import AutocompleteMixin

    original = AutocompleteMixin.optgroups
    if getattr(original, "keeps_forged_values_out", False):
        return

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        options = remote.model._meta
        name_of_key = getattr(remote, "field_name", None)
        key = options.get_field(name_of_key) if name_of_key else options.pk
        return original(self, name, [item for item in value if _readable(key, item)], attr)

    optgroups.keeps_forged_values_out = True
    AutocompleteMixin.optgroups = optgroups


def _readable(field, value):
    try:
        field.run_validators(field.to_python(value))  # the validators hold the column's range
    except ValidationError:
        return False
    return True
