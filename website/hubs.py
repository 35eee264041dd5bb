"""Drug hubs and condition pages: their live articles, and the newest approved facts.

The facts part of a hub is drawn from one approved snapshot, which never changes,
so the templates cache it under that revision's id (as the article page caches its
content) and the index tag of the other subject, whose pages its links depend on.
Only when that fragment is missing are the snapshot loaded and the links looked up;
otherwise a hub costs one light query for its list of articles.
"""

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings

from common.db import fetch_checking_the_connection
from medinfo import cachetags as tags
from medinfo.facts import load_facts
from medinfo.models import Article, ArticleRevision, article_path

from .pagecache import tag_versions
from .publicnames import live_subject_slugs

# The subject whose pages a hub links to, and the tag bumped when those pages come or go.
LINKED = {"drug": ("condition", tags.CONDITION_INDEX), "condition": ("drug", tags.DRUG_INDEX)}


@dataclass(frozen=True)
class ListedArticle:
    """A live article as a hub lists it: its live title at its address."""

    pk: int
    live_revision_id: int
    slug: str
    drug_id: int | None
    drug_slug: str | None
    condition_id: int | None
    condition_slug: str | None
    title: str

    def get_absolute_url(self) -> str:
        return article_path(self.slug, drug_slug=self.drug_slug, condition_slug=self.condition_slug)


# A hub's one query, on every request the page cache steps aside for: plain SQL, since
# the ORM's query compiler cost three times what the rest of a warm hub does.
_HUB_ARTICLES_SQL = """
    SELECT article.id, article.live_revision_id, article.slug, article.drug_id, drug_subject.slug,
           article.condition_id, condition_subject.slug, revision.title
    FROM {article} article
    JOIN {revision} revision ON revision.id = article.live_revision_id
    LEFT JOIN {drug} drug_subject ON drug_subject.id = article.drug_id
    LEFT JOIN {condition} condition_subject ON condition_subject.id = article.condition_id
    WHERE {subject}_subject.slug = %s
    ORDER BY revision.reviewed_at DESC, article.id DESC
"""


def live_hub_articles(subject: str, slug: str) -> list[ListedArticle]:
    """The live articles about the drug or condition at ``slug``, newest approval first.

    Only what the list prints is read (titles and addresses); the same order as
    ``published_subject``, so the first one's snapshot holds the hub's facts.
    """
    if subject not in LINKED:
        raise ValueError(f"No hubs for {subject!r}")
    sql = _HUB_ARTICLES_SQL.format(
        article=Article._meta.db_table,
        revision=ArticleRevision._meta.db_table,
        drug=Article._meta.get_field("drug").related_model._meta.db_table,
        condition=Article._meta.get_field("condition").related_model._meta.db_table,
        subject=subject,
    )
    rows = fetch_checking_the_connection(sql, [slug], consistent=_every_subject_joined)
    return [ListedArticle(*row) for row in rows]


def _every_subject_joined(rows) -> bool:
    """Whether each row's drug and condition, when it has them, came with their slugs.

    The foreign keys guarantee they exist; a missing one means the LEFT JOIN read a
    table that a migration was rewriting (common.db._fetch), and the article's address
    would be wrong.
    """
    articles = (ListedArticle(*row) for row in rows)  # by name, not by column position
    return all(
        (article.drug_id is None or article.drug_slug)
        and (article.condition_id is None or article.condition_slug)
        for article in articles
    )


class HubPage:
    """What a hub template shows; the facts and links are loaded on first use only."""

    tagged_seconds = settings.MEDINFO_TAGGED_FRAGMENT_SECONDS

    def __init__(self, subject: str, articles: list[ListedArticle]):
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
            (article.pk, article.live_revision_id, article.slug, article.drug_slug,
             article.condition_slug)
            for article in self.articles
        ]  # fmt: skip
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
