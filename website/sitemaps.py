"""sitemap.xml: an index of section sitemaps, each split into pages of at most 50,000 URLs."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from medinfo.models import Article, PublicName


class ArticleSitemap(Sitemap):
    """Every live article, with lastmod from its live revision's approval."""

    changefreq = "monthly"
    priority = 0.8
    limit = 50_000

    def items(self):
        return (
            Article.objects.live()
            .select_related("drug", "condition", "live_revision")
            .only("slug", "drug__slug", "condition__slug", "live_revision__reviewed_at")
            .order_by("pk")
        )

    def lastmod(self, article):
        return article.live_revision.reviewed_at

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default loop over every article.
        return Article.objects.live().aggregate(latest=Max("live_revision__reviewed_at"))["latest"]


class HubSitemap(Sitemap):
    """Drug hubs or condition pages: one per drug or condition with a live article."""

    changefreq = "weekly"
    priority = 0.6
    limit = 50_000

    def __init__(self, kind):
        self.kind = kind

    def items(self):
        return (
            PublicName.objects.filter(kind=self.kind).only("subject", "subject_slug").order_by("pk")
        )


SITEMAPS = {
    "articles": ArticleSitemap,
    "drugs": HubSitemap(PublicName.Kind.GENERIC),
    "conditions": HubSitemap(PublicName.Kind.CONDITION),
}
