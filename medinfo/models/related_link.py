"""Which live pages link to which article, as their approved page settings list it."""

from django.db import models

from ..facts import load_facts
from .article import Article


class LiveRelatedLinkManager(models.Manager):
    """On an article's ``live_related_links``: ``refresh()`` makes them match its live revision."""

    def refresh(self) -> None:
        refresh_live_related_links(article=self.instance)


class LiveRelatedLink(models.Model):
    """One "related articles" link on a live page: ``article``'s live snapshot lists another.

    Kept by ``refresh_live_related_links`` (``article.live_related_links.refresh()``)
    in the transaction that changes the article's live revision, from that
    revision's approved snapshot (never from the article form's list, which takes
    effect only when approved), so a publication finds the pages that show its
    title with one indexed query instead of reading every live snapshot. Not
    edited by hand; not shown anywhere.
    """

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="live_related_links",
        verbose_name="article",
        help_text="The live article whose page lists the link.",
    )
    listed_article_id = models.PositiveBigIntegerField(
        "listed article id", help_text="The id of the article it links to, e.g. 42."
    )

    objects = LiveRelatedLinkManager()

    class Meta:
        verbose_name = "live related-article link"
        verbose_name_plural = "live related-article links"
        ordering = ["article", "listed_article_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "listed_article_id"], name="liverelatedlink_once"
            )
        ]
        indexes = [models.Index(fields=["listed_article_id"], name="liverelatedlink_listed")]

    def __str__(self):
        return f"{self.article} → article {self.listed_article_id}"


def refresh_live_related_links(*, article: Article) -> None:
    """Make ``article``'s rows match its live revision's approved page settings (none if offline)."""
    LiveRelatedLink.objects.filter(article=article).delete()
    revision = article.live_revision
    page = load_facts(revision.facts).page if revision is not None else None
    # Snapshots from before page settings were reviewed (version 2) list none.
    listed = {link.article_id for link in page.related_articles} if page else set()
    LiveRelatedLink.objects.bulk_create(
        [LiveRelatedLink(article=article, listed_article_id=pk) for pk in sorted(listed)]
    )
