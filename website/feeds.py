"""/feeds/latest/: the most recently reviewed articles, as RSS.

XML 1.0 cannot carry control characters, and a revision approved before input
was normalised may hold one, so every text goes out through ``plain_text`` again.
"""

from django.contrib.syndication.views import Feed

from common.text import plain_text
from medinfo.models import Article


class LatestArticlesFeed(Feed):
    title = "MedInfo: recently reviewed articles"
    link = "/"
    description = "Drug and condition articles newly approved by MedInfo's pharmacist reviewers."

    def items(self):
        # Site pages (About, Privacy …) are no news for readers of the feed.
        return Article.objects.with_live_revision().about_subjects().newest_approved_first()[:30]

    def item_title(self, article):
        return plain_text(article.live_revision.title)

    def item_description(self, article):
        return plain_text(article.live_revision.lead, multiline=True)

    def item_pubdate(self, article):
        return article.live_revision.reviewed_at

    def item_author_name(self, article):
        return plain_text(article.live_revision.byline)
