"""Full-text search over live revisions, ranked alike on PostgreSQL and SQLite.

Both databases index the same five columns of each live revision with the same
weights (``COLUMNS``): the title and the article's own drug, brand or condition
names (A), the names of the conditions it treats or the drugs that treat it (B),
the lead (C) and the body text (D). So a brand name finds its drug's articles
first and a condition name its condition's pages, on either database.

* PostgreSQL: a weighted ``tsvector`` on each live revision, a partial GIN index
  (migration 0004), ``ts_rank``, highlighted headlines and a trigram “did you mean”.
* SQLite, the embedded default: the FTS5 table ``medinfo_revision_search``
  (migration 0011), one row per live revision keyed by its id, ranked by ``bm25``
  with the same weights, FTS5 snippets and a ``difflib`` “did you mean”.

A visitor's query is reduced to plain words first: marks such as ® and ™,
punctuation and common words are dropped and each word is quoted, so no query
syntax of either database can be reached from the search box.
"""

import difflib
import re
from collections.abc import Sequence

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connection, connections
from django.db.models import F, Func, QuerySet, TextField, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from medinfo.models import Article, ArticleRevision, PublicName

MAX_QUERY_LENGTH = 200
MAX_CANDIDATES = 500
MAX_TERMS = 8
SQLITE_TABLE = "medinfo_revision_search"
# (FTS5 column, what it holds as a PostgreSQL expression, weight): defined once for both.
COLUMNS = (
    ("title", "title", "A"),
    ("names", "own_names", "A"),
    ("related_names", "related_names", "B"),
    ("lead", "lead", "C"),
    ("body", "search_text", "D"),
)
# PostgreSQL's default ts_rank weights; bm25 gets the same ratios.
WEIGHT_VALUES = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
# PostgreSQL's English stop words (snowball): searched alone they would match every
# article on SQLite and nothing on PostgreSQL, so both leave them out.
_STOP_WORDS_TEXT = """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can did do does doing don down during each few for
    from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own s same she should so some such t than
    that the their theirs them themselves then there these they this those through to
    too under until up very was we were what when where which while who whom why will
    with you your yours yourself yourselves
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# A result line links the article and shows its title and a snippet (or its lead);
# loading nothing else (body, facts) keeps a results page cheap.
RESULT_FIELDS = (
    *("slug", "kind", "drug", "condition", "live_revision"),
    *("drug__slug", "condition__slug"),
    *("live_revision__title", "live_revision__lead", "live_revision__reviewed_at"),
)
# Control characters never occur in stored text, so they mark highlights safely
# until the snippet has been escaped.
MARK_START, MARK_END = "\x02", "\x03"
# Letters and digits only: ®, ™, punctuation and underscores separate words.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def uses_postgres(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


def normalise_query(raw: str | None) -> str:
    """The words of a visitor's query without marks or punctuation; '' when there are none.

    “Savella®” becomes “Savella”, “post-traumatic” “post traumatic”.
    """
    words = _WORD.findall((raw or "")[:MAX_QUERY_LENGTH])
    return " ".join(words[:MAX_TERMS])


def search_terms(query: str) -> list[str]:
    """The lower-case words of a normalised query that search looks for: not the common ones."""
    return [word for word in query.lower().split() if word not in STOP_WORDS]


# Indexing -------------------------------------------------------------------------


def index_article(article: Article) -> None:
    """Make the article's live revision its only searchable one (none once unpublished)."""
    revisions = ArticleRevision.objects.filter(article_id=article.pk)
    unindex_revisions(revisions.exclude(pk=article.live_revision_id))
    if article.live_revision_id:
        index_revisions(revisions.filter(pk=article.live_revision_id))


def index_revisions(revisions: QuerySet) -> None:
    """Index (or index again) many revisions at once, on the queryset's database."""
    if uses_postgres(revisions.db):
        revisions.update(search_vector=_postgres_vector())
    else:
        _sqlite_write(revisions)


def unindex_revisions(revisions: QuerySet) -> None:
    """Take revisions out of the search index."""
    if uses_postgres(revisions.db):
        revisions.filter(search_vector__isnull=False).update(search_vector=None)
        return
    ids = list(revisions.values_list("pk", flat=True))
    with connections[revisions.db].cursor() as cursor:
        cursor.executemany(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])  # noqa: S608  # nosec B608


def _names_line(number: int) -> Func:
    # names_text() puts the article's own names on line 1 and related names on line 2.
    return Func(
        F("search_names"), Value("\n"), Value(number), function="split_part",
        output_field=TextField(),
    )  # fmt: skip


def _postgres_vector() -> SearchVector:
    sources = {
        "title": F("title"),
        "own_names": _names_line(1),
        "related_names": _names_line(2),
        "lead": F("lead"),
        "search_text": F("search_text"),
    }
    vectors = [
        SearchVector(sources[source], weight=weight, config="english")
        for _column, source, weight in COLUMNS
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined += vector
    return combined


def _sqlite_write(revisions: QuerySet) -> None:
    rows = []
    for pk, title, names, lead, text in revisions.values_list(
        "pk", "title", "search_names", "lead", "search_text"
    ):
        own, _newline, related = names.partition("\n")
        sources = {"title": title, "own_names": own, "related_names": related, "lead": lead}
        sources["search_text"] = text
        rows.append((pk, *(sources[source] for _column, source, _weight in COLUMNS)))
    columns = ", ".join(column for column, _source, _weight in COLUMNS)
    placeholders = ", ".join(["%s"] * (len(COLUMNS) + 1))
    forget = f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s"  # noqa: S608  # nosec B608
    insert = f"INSERT INTO {SQLITE_TABLE} (rowid, {columns}) VALUES ({placeholders})"  # noqa: S608  # nosec B608
    with connections[revisions.db].cursor() as cursor:
        cursor.executemany(forget, [row[:1] for row in rows])
        cursor.executemany(insert, rows)


# Searching ------------------------------------------------------------------------


def search_articles(query: str) -> "QuerySet | RankedArticles":
    """Live articles matching ``query`` (already normalised), best first, at most MAX_CANDIDATES.

    Each carries ``snippet``, its body text around the words with MARK_START and
    MARK_END around each match, as ``snippet_for`` expects.
    """
    terms = search_terms(query)
    if not terms:
        return Article.objects.none()
    return _postgres_results(terms) if uses_postgres() else _sqlite_results(terms)


def _result_articles() -> QuerySet:
    """Live articles with only what a result line shows: address, title and lead."""
    return (
        Article.objects.live()
        .select_related("live_revision", "drug", "condition")
        .only(*RESULT_FIELDS)
    )


def _postgres_results(terms: list[str]) -> QuerySet:
    search_query = SearchQuery(" ".join(terms), search_type="plain", config="english")
    vector = F("live_revision__search_vector")
    weights = [WEIGHT_VALUES[weight] for weight in "DCBA"]
    # Only live revisions keep a vector (approval clears the one it replaces). Ranking
    # reads every match's vector, so a word found in most articles is ranked among the
    # first MAX_CANDIDATES matches only: cost stays flat however large the corpus grows.
    # The newest revisions first: the model's ordering (by article) joined every match to
    # its article to sort them (16 ms of a 2,000-match query, twice a search, issue #15).
    candidates = (
        ArticleRevision.objects.filter(status="approved", search_vector=search_query)
        .order_by("-pk")
        .values("pk")[:MAX_CANDIDATES]
    )
    return (
        _result_articles()
        .filter(live_revision__in=candidates)
        .annotate(
            rank=SearchRank(vector, search_query, weights=weights),
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


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression requiring every term, each quoted so it is only ever a word."""
    return " ".join('"{}"'.format(term.replace('"', '""')) for term in terms)


def _sqlite_ranked_revisions(terms: list[str]) -> list[int]:
    """Ids of the live revisions matching every term, best first, at most MAX_CANDIDATES."""
    weights = ", ".join(str(WEIGHT_VALUES[weight] * 10) for _c, _s, weight in COLUMNS)
    # Joining the articles keeps out any row a missed update left behind; ties go to
    # the newest review, as on PostgreSQL. bm25 scores are negative, best lowest.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {SQLITE_TABLE}.rowid FROM {SQLITE_TABLE} "  # noqa: S608  # nosec B608
            f"JOIN medinfo_article AS article ON article.live_revision_id = {SQLITE_TABLE}.rowid "
            f"JOIN medinfo_articlerevision AS revision ON revision.id = {SQLITE_TABLE}.rowid "
            f"WHERE {SQLITE_TABLE} MATCH %s "
            f"ORDER BY bm25({SQLITE_TABLE}, {weights}), revision.reviewed_at DESC, article.id "
            "LIMIT %s",
            [fts5_query(terms), MAX_CANDIDATES],
        )
        return [row[0] for row in cursor.fetchall()]


def _sqlite_snippets(revision_ids: list[int], terms: list[str]) -> dict[int, str]:
    body = next(index for index, (column, _s, _w) in enumerate(COLUMNS) if column == "body")
    placeholders = ", ".join(["%s"] * len(revision_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, snippet({SQLITE_TABLE}, {body}, %s, %s, '…', 30) "  # noqa: S608  # nosec B608
            f"FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s AND rowid IN ({placeholders})",
            [MARK_START, MARK_END, fts5_query(terms), *revision_ids],
        )
        return dict(cursor.fetchall())


class RankedArticles(Sequence):
    """SQLite results: ranked once, then read from the database a page at a time.

    The ranking is a list of revision ids, so the paginator counts it without a
    query and a page costs one query for its articles and one for their snippets.
    """

    def __init__(self, revision_ids: list[int], terms: list[str]):
        self.revision_ids, self.terms = revision_ids, terms

    def __len__(self) -> int:
        return len(self.revision_ids)

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = self.revision_ids[index]
        if not ids:
            return []
        live = _result_articles().filter(live_revision_id__in=ids)
        articles = {article.live_revision_id: article for article in live}
        snippets = _sqlite_snippets(ids, self.terms)
        page = [articles[pk] for pk in ids if pk in articles]
        for article in page:
            article.snippet = snippets.get(article.live_revision_id, "")
        return page


def _sqlite_results(terms: list[str]) -> RankedArticles:
    return RankedArticles(_sqlite_ranked_revisions(terms), terms)


# Showing results ------------------------------------------------------------------


def _highlight(text: str) -> SafeString:
    # The text is escaped first; only our own <mark> tags are added.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def snippet_for(article: Article, query: str) -> SafeString:
    """A highlighted extract of the article's text around the words searched for."""
    terms = search_terms(query)
    if MARK_START in article.snippet:
        return _highlight(article.snippet)
    # The words were found in the title or names only: show the lead, marked the same way.
    text = article.live_revision.lead
    for word in terms:
        text = re.sub(f"({re.escape(word)})", f"{MARK_START}\\1{MARK_END}", text, flags=re.I)
    return _highlight(text)


def did_you_mean(query: str) -> str | None:
    """The closest approved drug, brand or condition name to a query that found nothing."""
    wanted = " ".join(search_terms(query))
    if not wanted or len(wanted) > 60:
        return None
    if uses_postgres():
        # ``%`` (pg_trgm's similarity_threshold, 0.3) lets the trigram index find the
        # candidates; alone, similarity() > 0.3 read every name (65 ms at 24,000, issue #15).
        best = (
            PublicName.objects.annotate(similarity=TrigramSimilarity("sort_name", wanted))
            .filter(sort_name__trigram_similar=wanted, similarity__gt=0.3)
            .order_by("-similarity", "sort_name")
            .values_list("sort_name", flat=True)
            .first()
        )
        return best.rstrip("®™") if best else None
    names = {
        name.rstrip("®™") for name in PublicName.objects.values_list("sort_name", flat=True)[:5000]
    }
    close = difflib.get_close_matches(wanted, sorted(names), n=1, cutoff=0.7)
    return close[0] if close else None


def suggestion_listing(suggestion: str) -> str:
    """The A–Z entry of a suggested brand when it says more than the name, e.g.
    “ProAir HFA® (former brand) — see albuterol”; "" for any other suggestion.

    A suggestion is a query, printed as typed; a former brand, or one sold for some
    uses only, is not offered without saying so.
    """
    marks = ("", "®", "™")
    entry = PublicName.objects.filter(
        kind=PublicName.Kind.BRAND, sort_name__in=[suggestion + mark for mark in marks]
    ).first()
    if entry is None or entry.name.lower() == entry.sort_name:
        return ""
    return str(entry)
