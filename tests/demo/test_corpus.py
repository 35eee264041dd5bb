"""The synthetic corpus generator, and query counts that do not grow with the corpus."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.corpus import MARKER
from medinfo.facts import SCHEMA_VERSION, capture_facts
from medinfo.models import (
    Article,
    ArticleRevision,
    LiveRelatedLink,
    PublicName,
    RevisionStatus,
    refresh_live_related_links,
)
from tests.factories import milnacipran, published_article
from website.publicnames import refresh_public_names

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/drugs/milnacipran/uses/",
    "/drugs/milnacipran/",
    "/conditions/fibromyalgia/",
    "/drugs/?letter=M",
    "/conditions/?letter=F",
    "/search/?q=milnacipran",
    "/",
]
ADMIN_PAGES = [
    "/admin/medinfo/article/",
    "/admin/medinfo/article/?workflow=in-review",
    "/admin/medinfo/article/?facts_changed__exact=1",
    "/admin/medinfo/article/?review=overdue",
    "/admin/medinfo/articlerevision/",
    "/admin/medinfo/reviewevent/",
    "/admin/drugs/drug/",
    "/admin/conditions/condition/",
    "/admin/",
]


def generate(articles=60):
    call_command("generate_corpus", drugs=30, conditions=12, articles=articles, stdout=None)


def query_count(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.fixture
def reference_content(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        published_article(drug=milnacipran(), title="What Is Milnacipran Used For?")
        fibromyalgia = Article.objects.get().drug.uses.first().condition
        published_article(condition=fibromyalgia, slug="symptoms")


def test_corpus_has_the_requested_articles_with_several_revisions():
    """The generator creates the articles asked for, most live, some pending or draft-only."""
    generate()
    articles = Article.objects.filter(latest_revision__title__endswith=MARKER)
    assert articles.count() == 60
    assert articles.live().count() >= 45
    assert articles.filter(live_revision__isnull=True).exists() or articles.count() < 100
    assert ArticleRevision.objects.filter(title__endswith=MARKER).count() > 60


def test_corpus_live_revisions_obey_the_workflow_rules():
    """Every live revision was approved by a reviewer who did not write it, with a snapshot."""
    generate()
    for article in Article.objects.live().select_related("live_revision__reviewer"):
        revision = article.live_revision
        assert revision.status == RevisionStatus.APPROVED
        assert revision.facts and (revision.facts["drug"] or revision.facts["condition"])
        assert revision.reviewer.user_id != revision.author_id
        assert article.events.filter(to_state="approved", revision=revision).exists()


def test_corpus_snapshots_use_the_current_schema_with_their_sources():
    """Each submitted revision stores the snapshot the workflow would capture: versioned, sourced."""
    generate()
    submitted = ArticleRevision.objects.exclude(status=RevisionStatus.DRAFT).select_related(
        "article"
    )
    assert submitted.exists()
    for revision in submitted:
        assert revision.facts["schema_version"] == SCHEMA_VERSION
        assert revision.facts["sources"]
        assert revision.facts == capture_facts(revision.article)


def test_corpus_names_are_visibly_synthetic(client):
    """Titles and names say they are synthetic, and the A–Z lists them."""
    generate()
    assert all(MARKER in title for title in ArticleRevision.objects.values_list("title", flat=True))
    assert get_user_model().objects.filter(username__startswith="synthetic-reviewer").exists()
    assert PublicName.objects.filter(subject="drug").exists()
    assert "synthetic condition" in client.get("/conditions/?letter=S").content.decode()


def test_second_run_refuses_and_if_missing_reuses():
    """A loaded corpus is not doubled: a second run stops, --if-missing does nothing."""
    generate()
    with pytest.raises(CommandError):
        generate()
    call_command("generate_corpus", drugs=30, conditions=12, articles=60, if_missing=True)
    assert Article.objects.filter(latest_revision__title__endswith=MARKER).count() == 60


def test_public_page_query_counts_do_not_grow_with_the_corpus(client, reference_content):
    """Each public page runs the same number of SQL queries before and after the corpus."""
    client.cookies["sessionid"] = "bypass-the-page-cache"
    before = {path: query_count(client, path) for path in PUBLIC_PAGES}
    generate(articles=120)
    after = {path: query_count(client, path) for path in PUBLIC_PAGES}
    assert after == before


def test_admin_query_counts_do_not_grow_with_the_corpus(admin_client, reference_content):
    """Each admin changelist and the index run the same number of queries with the corpus."""
    before = {path: query_count(admin_client, path) for path in ADMIN_PAGES}
    generate(articles=120)
    after = {path: query_count(admin_client, path) for path in ADMIN_PAGES}
    assert after == before


def _names():
    return sorted(
        PublicName.objects.values_list("subject", "subject_id", "kind", "name", "letter", "see")
    )


def _links():
    return sorted(LiveRelatedLink.objects.values_list("article_id", "listed_article_id"))


def test_corpus_indexes_as_publication_does(client):
    """The A–Z names, related links and search entries built from the rows just created equal
    what publishing each live article builds (the generator no longer reads them back)."""
    generate()
    names, links = _names(), _links()
    live = list(Article.objects.live().select_related("live_revision"))
    for article in live:
        refresh_public_names(drug_id=article.drug_id, condition_id=article.condition_id)
        refresh_live_related_links(article=article)
    assert names == _names() and names
    assert links == _links()
    article = live[0]
    subject = article.drug.generic_name if article.drug else article.condition.name
    assert article.get_absolute_url() in client.get("/search/", {"q": subject}).content.decode()
