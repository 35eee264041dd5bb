"""Full-text search over live revisions.

PostgreSQL: a weighted search vector (title A, drug/brand/condition names B,
lead C, body D) stored on each approved revision with a GIN index, ranked, with
highlighted snippets and a trigram “did you mean”. SQLite: plain matching, so
`make run` works anywhere.
"""

import difflib
import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import F, Q, Value
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .models import Article, ArticleRevision, PublicName

MAX_QUERY_LENGTH = 200
MAX_CANDIDATES = 500
MAX_TERMS = 8
# Control characters never occur in stored text, so they mark highlights safely
# until the snippet has been escaped.
MARK_START, MARK_END = "\x02", "\x03"
_WORD = re.compile(r"[\w®™'-]+", re.UNICODE)


def uses_postgres():
    return connection.vendor == "postgresql"


def normalise_query(raw):
    """The words of a visitor's query, cut to a sane size; '' when nothing is searchable."""
    words = _WORD.findall((raw or "")[:MAX_QUERY_LENGTH])
    return " ".join(words[:MAX_TERMS])


def names_text(facts):
    """Drug, brand and condition names from a facts snapshot, for weight-B matching."""
    names = []
    drug = facts.get("drug") or {}
    if drug:
        names += [drug["generic_name"], drug.get("official_name", "")]
        names += [brand["name"] for brand in drug["brands"]]
        names += [use["condition"]["name"] for use in drug["uses"]]
    condition = facts.get("condition") or {}
    if condition:
        names += [condition["name"], *condition["other_names"]]
        names += [use["drug"]["generic_name"] for use in condition["uses"]]
        names += [brand["name"] for use in condition["uses"] for brand in use["drug"]["brands"]]
    return " ".join(name for name in names if name)


def prepare_search_fields(revision):
    """Fill the derived search columns of a revision that is being submitted."""
    revision.search_names = names_text(revision.facts)
    revision.search_text = " ".join(strip_tags(revision.body).split())


def index_revision(revision, *, replaces=None):
    """Store the weighted search vector of a revision that just went live (PostgreSQL only).

    The revision it ``replaces`` (or an unpublished one, called with ``revision=None``)
    loses its vector, so the index holds live revisions only.
    """
    if replaces is not None and uses_postgres():
        ArticleRevision.objects.filter(pk=replaces.pk).update(search_vector=None)
    if revision is not None:
        index_revisions(ArticleRevision.objects.filter(pk=revision.pk))


def index_revisions(revisions):
    """Store the weighted search vectors of many revisions in one statement (PostgreSQL only)."""
    if not uses_postgres():
        return
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("search_names", weight="B", config="english")
        + SearchVector("lead", weight="C", config="english")
        + SearchVector("search_text", weight="D", config="english")
    )
    revisions.update(search_vector=vector)


def _highlight(text):
    # The text is escaped first; only our own <mark> tags are added.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def _postgres_results(query):
    search_query = SearchQuery(query, search_type="websearch", config="english")
    vector = F("live_revision__search_vector")
    # Only live revisions keep a vector (approval clears the one it replaces). Ranking
    # reads every match's vector, so a word found in most articles is ranked among the
    # first MAX_CANDIDATES matches only: cost stays flat however large the corpus grows.
    candidates = ArticleRevision.objects.filter(
        status="approved", search_vector=search_query
    ).values("pk")[:MAX_CANDIDATES]
    return (
        Article.objects.with_live_revision()
        .filter(live_revision__in=candidates)
        .annotate(
            rank=SearchRank(vector, search_query),
            snippet=SearchHeadline(
                "live_revision__search_text",
                search_query,
                config="english",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=30,
                min_words=15,
            ),
        )
        .order_by("-rank", "-live_revision__reviewed_at", "pk")
    )


def _simple_results(query):
    matches = Q()
    for word in query.split():
        matches &= (
            Q(live_revision__title__icontains=word)
            | Q(live_revision__search_names__icontains=word)
            | Q(live_revision__lead__icontains=word)
            | Q(live_revision__search_text__icontains=word)
        )
    return (
        Article.objects.with_live_revision()
        .filter(matches)
        .annotate(snippet=Value(""))
        .order_by("-live_revision__reviewed_at", "pk")[:MAX_CANDIDATES]
    )


def search_articles(query):
    """A queryset of live articles matching ``query`` (already normalised), best first."""
    if not query:
        return Article.objects.none()
    return _postgres_results(query) if uses_postgres() else _simple_results(query)


def snippet_for(article, query):
    """A highlighted extract around the first match."""
    if article.snippet:
        return _highlight(article.snippet)
    text = article.live_revision.lead
    for word in query.split():
        text = re.sub(f"({re.escape(word)})", f"{MARK_START}\\1{MARK_END}", text, flags=re.I)
    return _highlight(text)


def did_you_mean(query):
    """The closest approved drug, brand or condition name to a query that found nothing."""
    if not query or len(query) > 60:
        return None
    if uses_postgres():
        best = (
            PublicName.objects.annotate(similarity=TrigramSimilarity("sort_name", query.lower()))
            .filter(similarity__gt=0.3)
            .order_by("-similarity", "sort_name")
            .values_list("sort_name", flat=True)
            .first()
        )
        return best.rstrip("®™") if best else None
    names = list(PublicName.objects.values_list("sort_name", flat=True)[:5000])
    close = difflib.get_close_matches(query.lower(), names, n=1, cutoff=0.7)
    return close[0].rstrip("®™") if close else None
