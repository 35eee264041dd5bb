from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_roles_after_migrate(sender, apps=None, **kwargs):
    """Keep the role groups' permissions in step with models added by later migrations."""
    from .roles import sync_role_groups

    sync_role_groups(apps)


# Apps whose migrations can change what a facts snapshot holds: the fact rows' own
# and the editorial core's (the articles, their snapshots' schema).
FACT_APPS = frozenset({"drugs", "conditions", "medinfo"})


def fact_migrations_applied(plan, using) -> bool:
    """Whether a ``migrate`` (its post_migrate ``plan``) changed a fact app and left the
    database fully migrated, so the models describe its tables.

    False for ``flush`` (no plan), for a plan of other apps only, and for a migration
    back to an older state.
    """
    if not plan or not any(migration.app_label in FACT_APPS for migration, _ in plan):
        return False
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[using])
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def refresh_flags_after_migrate(sender, plan=None, using="default", **kwargs):
    """After migrations of the fact apps, set every live article's “facts changed” flag anew.

    Data migrations write without signals (drugs 0006 moved the ages to the uses and
    gave off-label uses an evidence level), so the stored flags still said what the
    diff said before them.
    """
    if fact_migrations_applied(plan, using):
        from .signals import refresh_all_facts_flags

        refresh_all_facts_flags()


class MedinfoConfig(AppConfig):
    """The editorial core: reviewers, articles, revisions and the review workflow."""

    name = "medinfo"
    verbose_name = "editorial"

    def ready(self):
        from common.adminviews import refuse_unreadable_changelist_lookups
        from common.integers import keep_integer_lookups_in_range

        # Registers the system checks; connects the facts-changed watchers.
        from . import checks, signals  # noqa: F401

        refuse_unreadable_changelist_lookups()
        keep_integer_lookups_in_range()

        # After migrating this app, when the role groups and their permissions exist.
        post_migrate.connect(
            sync_roles_after_migrate, sender=self, dispatch_uid="medinfo.sync_roles"
        )
        post_migrate.connect(
            refresh_flags_after_migrate, sender=self, dispatch_uid="medinfo.refresh_facts_flags"
        )
