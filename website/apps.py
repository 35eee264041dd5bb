from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def refresh_names_after_migrate(sender, plan=None, using="default", **kwargs):
    """After migrations of the fact apps, rebuild the A–Z names from the live facts."""
    from medinfo.apps import fact_migrations_applied

    if fact_migrations_applied(plan, using):
        from .publicnames import refresh_all_public_names

        refresh_all_public_names()


class PublicConfig(AppConfig):
    """The public site: pages assembled from approved snapshots, search, A–Z, feeds, caching."""

    name = "website"
    verbose_name = "public site"

    def ready(self):
        from medinfo.models import Article
        from medinfo.signals import live_revision_changed

        from .publication import publication_changed

        live_revision_changed.connect(
            publication_changed, sender=Article, dispatch_uid="website.publication_changed"
        )
        # Sent for apps with models only, which this one is not: after the editorial core's.
        post_migrate.connect(
            refresh_names_after_migrate,
            sender=apps.get_app_config("medinfo"),
            dispatch_uid="website.refresh_names_after_migrate",
        )
