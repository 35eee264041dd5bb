"""Pieces shared by the admin classes of every app."""


class ReadOnlyAdminMixin:
    """A ModelAdmin whose rows are only viewed: logs, statistics, frozen revisions."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
