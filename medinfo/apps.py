from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_roles_after_migrate(sender, apps=None, **kwargs):
    """Keep the role groups' permissions in step with models added by later migrations."""
    from .roles import sync_role_groups

    sync_role_groups(apps)


class MedinfoConfig(AppConfig):
    """The editorial core: reviewers, articles, revisions and the review workflow."""

    name = "medinfo"
    verbose_name = "editorial"

    def ready(self):
        from common.adminviews import refuse_unreadable_autocomplete_values
        from common.integers import keep_integer_lookups_in_range

        from . import signals  # noqa: F401  (connects the facts-changed watchers)

        refuse_unreadable_autocomplete_values()
        keep_integer_lookups_in_range()

        # After migrating this app, when the role groups and their permissions exist.
        post_migrate.connect(
            sync_roles_after_migrate, sender=self, dispatch_uid="medinfo.sync_roles"
        )
