"""Site search: what it finds, how it ranks and highlights, and that no query can break it.

The same tests run on SQLite (FTS5 ranked by bm25, difflib suggestions) and
PostgreSQL (weighted full text, trigram suggestions) and expect the same results;
test_search_ranking.py checks the ranking of real queries over the demo content.
"""

import importlib
import random
import string
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medinfo import searchtext, workflow
from medinfo.models import ArticleRevision, PublicName
from tests.factories import DrugFactory, draft_article, editor_user
from tests.public_site import (
    MILNACIPRAN_TITLE,
    parse,
    publish,
    republish,
    unpublish,
)
from website import search as search_module
from website import views as views_module
from website.views import SEARCH_PAGE_SIZE

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def result_titles(response):
    """The titles of the listed results, in order."""
    results = parse(response).find_all("ol", class_="search-results")
    return [heading.text for heading in results[0].find_all("h2")] if results else []


def test_generic_name_finds_its_articles(client, uses_article):
    """Searching “milnacipran” finds the milnacipran article and not unrelated ones."""
    publish(drug=DrugFactory(), title="What Is Testadrine Used For?")
    assert result_titles(search(client, "milnacipran")) == [MILNACIPRAN_TITLE]


def test_brand_name_finds_the_generic_articles(client, uses_article):
    """Searching the brand “savella” finds the milnacipran article."""
    assert result_titles(search(client, "savella")) == [MILNACIPRAN_TITLE]


def test_results_link_to_the_articles(client, uses_article):
    """Each result links to its article page."""
    results = parse(search(client, "milnacipran")).find("ol", class_="search-results")
    assert results.find("a").attrs["href"] == "/drugs/milnacipran/uses/"


def test_title_matches_rank_above_body_only_matches(client):
    """A result with the word in its title comes before one that only mentions it in the body."""
    publish(drug=DrugFactory(), title="Can Insomnia Be Treated?", lead="A short answer.",
            body="<p>Sleep matters.</p>")  # fmt: skip
    publish(drug=DrugFactory(), title="What Is Testadrine Used For?", lead="Many things.",
            body="<p>Some people take it for insomnia.</p>")  # fmt: skip
    titles = result_titles(search(client, "insomnia"))
    assert titles == ["Can Insomnia Be Treated?", "What Is Testadrine Used For?"]


def test_results_highlight_the_matched_word(client, uses_article):
    """The result snippet marks the searched word with <mark>."""
    results = parse(search(client, "milnacipran")).find("ol", class_="search-results")
    marks = [mark.text.lower() for mark in results.find_all("mark")]
    assert marks and set(marks) == {"milnacipran"}


def test_misspelling_suggests_the_approved_name(client, uses_article):
    """“milnacipram” finds nothing and offers “Did you mean milnacipran?”."""
    response = search(client, "milnacipram")
    suggestion = parse(response).find("p", class_="did-you-mean")
    assert result_titles(response) == []
    assert suggestion.text == "Did you mean milnacipran?"
    assert suggestion.find("a").attrs["href"] == "?q=milnacipran"


def test_misspelt_brand_suggests_the_brand(client, uses_article):
    """“savela” offers the brand “savella” without its trademark sign."""
    suggestion = parse(search(client, "savela")).find("p", class_="did-you-mean")
    assert suggestion.find("a").text == "savella"


def test_suggestions_never_name_unpublished_drugs(client, uses_article):
    """A drug with only a draft article is never suggested."""
    draft_article(drug=DrugFactory(generic_name="duloxetine", slug="duloxetine"))
    response = search(client, "duloxetin")
    assert parse(response).find_all("p", class_="did-you-mean") == []


ODD_QUERIES = {
    "empty": "",
    "whitespace": "   \t  ",
    "very long": "milnacipran " * 455,
    "script": "<script>alert(1)</script>",
    "sql": "'; DROP TABLE medinfo_article; --",
    "sql or": "milnacipran' OR '1'='1",
    "tsquery operators": "a & | ! :* ( )",
    "tsquery only": "!:*&|",
    "quotes": '"unclosed phrase',
    "unicode": "fibromyalgie ÉTÉ 日本語 💊 Ω",
    "nul": "\x00",
    "nul inside": "milna\x00cipran",
    "stop words": "the and of",
    "percent": "100% _ \\",
    "fts5 column filter": "title:milnacipran",
    "fts5 near": "NEAR(milnacipran savella, 2)",
    "fts5 operators": 'milnacipran* ^savella + - AND OR NOT "',
    "fts5 column set": "{title lead}: milnacipran",
    "marks only": "®™",
}


@pytest.mark.parametrize("query", ODD_QUERIES.values(), ids=ODD_QUERIES.keys())
def test_any_query_gives_a_normal_page(client, uses_article, query):
    """Odd, hostile or empty queries all give a normal 200 search page."""
    page = parse(search(client, query))
    assert page.find("h1").text.startswith("Search")


def test_script_in_the_query_is_never_reflected_unescaped(client, uses_article):
    """A script in the query is shown as text, never as markup."""
    response = search(client, "<script>alert(1)</script>")
    assert "<script>alert" not in response.content.decode()


def test_very_long_query_is_cut_to_a_searchable_size(client, uses_article):
    """A 5,000-character query still finds what its first words name."""
    query = ("milnacipran " * 500)[:5000]
    assert len(query) == 5000
    assert result_titles(search(client, query)) == [MILNACIPRAN_TITLE]


@pytest.fixture
def many_results():
    """One more article matching “fatigue” than a results page holds, plus one extra page."""
    for number in range(SEARCH_PAGE_SIZE + 2):
        publish(drug=DrugFactory(), title=f"Fatigue Question {number:02d}")


def test_results_are_paginated(client, many_results):
    """The first page holds a page's worth of results and links to the next."""
    page = parse(search(client, "fatigue"))
    assert len(page.find("ol", class_="search-results").find_all("li")) == SEARCH_PAGE_SIZE
    assert page.find("a", rel="next").attrs["href"] == "?q=fatigue&page=2"


def test_second_page_holds_the_rest(client, many_results):
    """?page=2 lists the remaining results, numbered on from the first page."""
    response = search(client, "fatigue", page="2")
    results = parse(response).find("ol", class_="search-results")
    assert len(results.find_all("li")) == 2
    assert results.attrs["start"] == str(SEARCH_PAGE_SIZE + 1)


@pytest.mark.parametrize(("requested", "shown"), [("999", 2), ("abc", 1), ("-1", 2), ("0", 2)])
def test_out_of_range_pages_fall_back_to_a_real_page(client, many_results, requested, shown):
    """A page number past the end shows the last page; a non-number shows the first."""
    page = parse(search(client, "fatigue", page=requested))
    assert f"Page {shown} of 2" in page.find("nav", class_="pagination").text


def test_draft_text_is_never_found(client, uses_article):
    """Words that exist only in drafts or revisions awaiting review are not searchable."""
    editor = editor_user()
    draft_article(author=editor, drug=DrugFactory(), body="<p>zanzibarine in a new draft</p>")
    pending = workflow.start_revision(article=uses_article, author=editor)
    pending = workflow.save_draft(revision=pending, editor=editor, expected_version=pending.version,
                                  title="Quokkaline?", lead="Quokkaline lead.",
                                  body="<p>quokkaline</p>",
                                  references=pending.references)  # fmt: skip
    workflow.submit_revision(revision=pending, submitter=editor)
    for word in ["zanzibarine", "quokkaline"]:
        assert result_titles(search(client, word)) == []
    assert result_titles(search(client, "milnacipran")) == [MILNACIPRAN_TITLE]


def test_a_word_in_most_articles_is_ranked_among_a_capped_set(client, many_results, monkeypatch):
    """A very common word lists the best matches among the first few and says there are more."""
    monkeypatch.setattr(search_module, "MAX_CANDIDATES", SEARCH_PAGE_SIZE + 1)
    monkeypatch.setattr(views_module, "MAX_CANDIDATES", SEARCH_PAGE_SIZE + 1)
    page = parse(search(client, "fatigue"))
    assert f"More than {SEARCH_PAGE_SIZE + 1} articles found" in page.text
    assert len(page.find("ol", class_="search-results").find_all("li")) == SEARCH_PAGE_SIZE


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search vectors exist on PostgreSQL")
def test_only_live_revisions_keep_a_search_vector(client, uses_article):
    """Approving a new revision clears the old one's vector; unpublishing clears the last."""
    old = uses_article.live_revision
    new = republish(uses_article, title="What Is Milnacipran Used For Today?").live_revision
    old.refresh_from_db()
    assert old.search_vector is None and new.search_vector
    unpublish(uses_article)
    new.refresh_from_db()
    assert new.search_vector is None


# Issue #14 item 4. On the old search (2d77638) these failed on SQLite: the title
# ranking above (unranked), the brand with its mark, the SQLite index row, the
# migration and one search box on /, /search/ and /search/?q=; on PostgreSQL the
# migration and the three search-box pages.


def test_brand_as_printed_with_its_mark_finds_the_article(client, uses_article):
    """“Savella®”, the brand as the site prints it, finds the milnacipran article."""
    assert result_titles(search(client, "Savella®")) == [MILNACIPRAN_TITLE]


def test_approved_article_appears_in_search(client, uses_article):
    """An article is searchable as soon as its first revision is approved."""
    publish(drug=DrugFactory(), title="What Is Quokkaline Used For?")
    assert result_titles(search(client, "quokkaline")) == ["What Is Quokkaline Used For?"]


def test_unpublished_article_disappears_from_search(client, uses_article):
    """Unpublishing takes the article out of the results at once."""
    unpublish(uses_article)
    assert result_titles(search(client, "milnacipran")) == []


def test_new_approval_replaces_the_old_text(client, uses_article):
    """After a new approval the new title is found and the old revision's words are not."""
    republish(uses_article, title="Quokkaline Questions?", lead="About quokkaline.",
              body="<p>Only quokkaline here.</p>")  # fmt: skip
    assert result_titles(search(client, "quokkaline")) == ["Quokkaline Questions?"]
    assert result_titles(search(client, "norepinephrine")) == []


def sqlite_index_rows():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {search_module.SQLITE_TABLE} ORDER BY rowid")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table exists on SQLite")
def test_only_live_revisions_keep_a_row_in_the_sqlite_index(client, uses_article):
    """Approving a new revision replaces the old one's FTS5 row; unpublishing removes the last."""
    old = uses_article.live_revision
    new = republish(uses_article, title="What Is Milnacipran Used For Today?").live_revision
    assert new.pk != old.pk and sqlite_index_rows() == [new.pk]
    unpublish(uses_article)
    assert sqlite_index_rows() == []


def test_migration_indexes_the_live_revisions_already_there(client, uses_article):
    """Migration 0011 indexes existing live revisions (with the new weights on PostgreSQL)."""
    search_module.unindex_revisions(ArticleRevision.objects.all())
    assert result_titles(search(client, "milnacipran")) == []
    migration = importlib.import_module("medinfo.migrations.0011_sqlite_search")
    migration.reindex_live_revisions(django_apps, SimpleNamespace(connection=connection))
    cache.clear()  # a new release caches pages under new keys
    assert result_titles(search(client, "milnacipran")) == [MILNACIPRAN_TITLE]


@pytest.mark.parametrize("path", ["/", "/search/", "/search/?q=milnacipran", "/drugs/",
                                  "/drugs/milnacipran/uses/"])  # fmt: skip
def test_each_page_has_one_search_box(client, uses_article, path):
    """Home, search and other pages show exactly one search form."""
    response = client.get(path)
    assert response.status_code == 200
    assert len(parse(response).find_all("form", class_="search-form")) == 1


def test_snippets_keep_a_space_between_blocks(client, uses_article):
    """A heading and the next paragraph stay separate words in results and in the index.

    Failed before the block boundaries were kept: the snippet read
    "An Overview of Quokkaline UsesQuokkaline eases pain", and "usesquokkaline"
    was the indexed word.
    """
    body = "<h2>An Overview of Quokkaline Uses</h2><p>Quokkaline eases pain.</p><ul><li>One</li><li>Two</li></ul>"
    publish(drug=DrugFactory(), title="What Is Quokkaline Used For?", body=body)
    text = " ".join(search(client, "quokkaline").content.decode().split())
    assert "UsesQuokkaline" not in text.replace("<mark>", "").replace("</mark>", "")
    assert (
        searchtext.body_text(body)
        == "An Overview of Quokkaline Uses Quokkaline eases pain. One Two"
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite compares names in Python")
def test_did_you_mean_finds_its_candidates_through_the_trigram_index(uses_article):
    """The suggestion query can be answered from publicname_sort_name_trgm. On the old code
    it filtered on similarity() > 0.3 alone, which no index serves: at 24,000 names it read
    them all (65 ms per search that found nothing, issue #15)."""
    with CaptureQueriesContext(connection) as queries:
        assert search_module.did_you_mean("milnacipram") == "milnacipran"
    (query,) = [q["sql"] for q in queries.captured_queries if "similarity" in q["sql"].lower()]
    # As many names as a large corpus has, so the planner weighs the index as it does there.
    rng = random.Random(15)  # noqa: S311  # nosec B311
    names = {"".join(rng.choices(string.ascii_lowercase, k=10)) for _ in range(5000)}
    PublicName.objects.bulk_create(
        PublicName(name=name, sort_name=name, letter=name[0].upper(), kind="generic",
                   subject="drug", subject_id=n, subject_slug=name)
        for n, name in enumerate(names)
    )  # fmt: skip
    with connection.cursor() as cursor:
        # Out of the GIN index's pending list, where the planner does not count them.
        cursor.execute("SELECT gin_clean_pending_list('publicname_sort_name_trgm'::regclass)")
        cursor.execute("ANALYZE medinfo_publicname")
        cursor.execute("SET LOCAL enable_seqscan = off")  # a test's rows still fit in a page or two
        cursor.execute(f"EXPLAIN {query}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "publicname_sort_name_trgm" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite ranks in FTS5")
def test_candidates_are_chosen_without_joining_their_articles(client, uses_article):
    """The capped set of matches is read from the revisions alone, newest first. On the old
    code the model's ordering joined every match to its article and sorted them all
    (16 ms for a three-word query matching 2,000 articles, run twice a search; issue #15)."""
    with CaptureQueriesContext(connection) as queries:
        assert result_titles(search(client, "milnacipran"))
    ranked = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    assert ranked
    for sql in ranked:
        subquery = sql[sql.index('SELECT U0."id"') :]
        assert 'U0 INNER JOIN "medinfo_article"' not in subquery, subquery
        assert "ORDER BY 1 DESC" in subquery, subquery  # the revision's id


# (what the visitor typed, what the search box and the heading show)
TYPED_QUERIES = [
    ("St. John's wort", "St. John's wort"),
    ("Savella®", "Savella®"),
    ("post-traumatic stress", "post-traumatic stress"),
    ('"milnacipran" <script>alert(1)</script>', '"milnacipran" <script>alert(1)</script>'),
    ("milnacipran  \u202efibromyalgia\u202c", "milnacipran fibromyalgia"),
    ("milna\u200bcipran", "milnacipran"),
    ("milna\u00adcipran", "milnacipran"),
    ("milna\x00cipran", "milnacipran"),
]


@pytest.mark.parametrize(("typed", "shown"), TYPED_QUERIES, ids=[t for t, _ in TYPED_QUERIES])
def test_the_search_box_keeps_what_the_visitor_typed(client, uses_article, typed, shown):
    """The box and the heading show the query as typed, less invisible characters, as text.

    Failed before (outside attack): they showed the words search looked for, so
    “St. John's wort” came back as “St John s wort”.
    """
    page = parse(search(client, typed))
    assert page.find("input", name="q").attrs["value"] == shown
    assert page.find("h1").text == f"Search results for “{shown}”"
    assert all("alert" not in script.raw_text for script in page.find_all("script"))


@pytest.mark.parametrize("typed", ["milna\u200bcipran", "milna\u00adcipran", "milna\x00cipran"])
def test_an_invisible_character_in_a_word_searches_the_word_it_shows(client, uses_article, typed):
    """The heading says what was searched: a zero-width space, soft hyphen or NUL inside
    a word neither splits the search nor differs from the heading.

    Failed before (outside attack): the heading said “milnacipran” and the search,
    split at the invisible character, found nothing.
    """
    response = search(client, typed)
    assert parse(response).find("h1").text == "Search results for “milnacipran”"
    assert result_titles(response) == [MILNACIPRAN_TITLE]
