"""/feeds/latest/: the most recently reviewed articles, as RSS."""

from django.contrib.syndication.views import Feed

from .models import Article


class LatestArticlesFeed(Feed):
    title = "MedInfo: recently reviewed articles"
    link = "/"
    description = "Drug and condition articles newly approved by MedInfo's pharmacist reviewers."

    def items(self):
        return Article.objects.with_live_revision().order_by("-live_revision__reviewed_at", "-pk")[
            :30
        ]

    def item_title(self, article):
        return article.live_revision.title

    def item_description(self, article):
        return article.live_revision.lead

    def item_pubdate(self, article):
        return article.live_revision.reviewed_at

    def item_author_name(self, article):
        return article.live_revision.reviewer.byline
