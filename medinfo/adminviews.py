"""Pieces shared by the admin classes of every app."""


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
