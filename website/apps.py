from django.apps import AppConfig


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
