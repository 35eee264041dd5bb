"""Drug hubs and condition pages: their live articles, and the newest approved facts.

The facts part of a hub is drawn from one approved snapshot, which never changes,
so the templates cache it under that revision's id (as the article page caches its
content) and the index tag of the other subject, whose pages its links depend on.
Only when that fragment is missing are the snapshot loaded and the links looked up;
otherwise a hub costs one light query for its list of articles.
"""

from functools import cached_property

from django.conf import settings

from medinfo import cachetags as tags
from medinfo.facts import load_facts
from medinfo.models import Article, ArticleRevision

from .pagecache import tag_versions
from .publicnames import live_subject_slugs

# The subject whose pages a hub links to, and the tag bumped when those pages come or go.
LINKED = {"drug": ("condition", tags.CONDITION_INDEX), "condition": ("drug", tags.DRUG_INDEX)}


def live_hub_articles(subject: str, slug: str) -> list[Article]:
    """The live articles about the drug or condition at ``slug``, newest approval first.

    Only what the list prints is read (titles and addresses); the same order as
    ``published_subject``, so the first one's snapshot holds the hub's facts.
    """
    return list(
        Article.objects.live()
        .filter(**{f"{subject}__slug": slug})
        .select_related("live_revision", "drug", "condition")
        .only("slug", "drug__slug", "condition__slug", "live_revision__title")
        .order_by("-live_revision__reviewed_at", "-pk")
    )


class HubPage:
    """What a hub template shows; the facts and links are loaded on first use only."""

    tagged_seconds = settings.MEDINFO_TAGGED_FRAGMENT_SECONDS

    def __init__(self, subject: str, articles: list[Article]):
        self.subject = subject
        self.articles = articles
        self.revision_id = articles[0].live_revision_id
        self.subject_id = getattr(articles[0], f"{subject}_id")
        self.linked_subject, self.linked_index = LINKED[subject]
        (self.linked_version,) = tag_versions(self.linked_index)

    # What the hub templates' cached fragments are keyed by (a test checks the templates).
    FRAGMENT_KEY_PARTS = ("hub.revision_id", "hub.linked_version")

    def html_key_parts(self) -> list:
        """What the whole hub depends on: its fragments' keys and the list of its articles.

        Each listed article shows its live revision's title at an address made of its
        own slug and its subject's: all of them are in the key.
        """
        listed = [
            (
                article.pk,
                article.live_revision_id,
                article.slug,
                article.drug.slug if article.drug_id else None,
                article.condition.slug if article.condition_id else None,
            )
            for article in self.articles
        ]
        return [self.revision_id, self.linked_version, listed]

    @cached_property
    def facts(self):
        """The drug's or condition's part of the newest approved snapshot."""
        stored = ArticleRevision.objects.values_list("facts", flat=True).get(pk=self.revision_id)
        return getattr(load_facts(stored), self.subject)

    @cached_property
    def linkable(self) -> set[str]:
        """Slugs of the linked drugs or conditions that have a page of their own."""
        other = self.linked_subject
        return live_subject_slugs(other, [getattr(use, other).slug for use in self.facts.uses])
