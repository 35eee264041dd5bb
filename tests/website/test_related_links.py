"""Which live pages list an article as related: recorded at publication, from approved snapshots.

``listed_as_related`` used to read every live snapshot's JSON on each publication
(about 0.9 s at 47,500 live articles, issue #15); it now asks a table kept in the
transaction that changes a live revision.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medinfo.models import LiveRelatedLink
from tests.admin_forms import change_url, form_data, logged_in
from tests.factories import DrugFactory, editor_user
from tests.public_site import parse, publish, republish, unpublish
from website.pages import listed_as_related

pytestmark = pytest.mark.django_db

NEW_TITLE = "How Can Milnacipran Help?"


def listing(target):
    """A live article whose approved page settings list ``target`` as related."""
    article = publish(drug=DrugFactory(), title="What Is Testadrine Used For?")
    article.related_articles.add(target)
    return republish(article)  # page settings take effect when approved


def queries_of_listed_as_related(article_id):
    with CaptureQueriesContext(connection) as queries:
        listed = listed_as_related(article_id)
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    tables = {table for table in connection.introspection.table_names() if f'"{table}"' in sql}
    return len(queries), tables, listed


def test_finding_the_listing_pages_costs_the_same_however_many_live_articles(uses_article):
    """One query of the link table for 1 listing page and for 12, among more live articles.

    The old query joined every live article to its revision and read the snapshot
    JSON of each whose text held the id.
    """
    first = listing(uses_article)
    few = queries_of_listed_as_related(uses_article.pk)
    others = [listing(uses_article) for _ in range(11)]
    for _ in range(5):
        publish(drug=DrugFactory())
    many = queries_of_listed_as_related(uses_article.pk)
    links = {LiveRelatedLink._meta.db_table}
    assert few == (1, links, {first.pk})
    assert many == (1, links, {first.pk, *(other.pk for other in others)})


def test_only_an_approved_listing_counts(uses_article):
    """A related article added in the form lists nothing until a pharmacist approves it."""
    other = publish(drug=DrugFactory())
    other.related_articles.add(uses_article)
    assert listed_as_related(uses_article.pk) == set()
    republish(other)
    assert listed_as_related(uses_article.pk) == {other.pk}


def test_a_listing_ends_with_the_approval_that_drops_it_or_with_unpublishing(uses_article):
    """Approved without the link, or taken off the site, the page no longer lists it."""
    dropped, unpublished = listing(uses_article), listing(uses_article)
    dropped.related_articles.clear()
    republish(dropped)
    unpublish(unpublished)
    assert listed_as_related(uses_article.pk) == set()
    assert not LiveRelatedLink.objects.filter(article__in=[dropped, unpublished]).exists()


def test_approved_listing_shows_a_new_title_after_the_form_dropped_the_link(client, uses_article):
    """The public page lists X as approved; when its form drops X (not yet approved), X's new
    title still reaches that cached page."""
    other = listing(uses_article)
    editor = editor_user()
    browser = logged_in(editor)
    data = {**form_data(browser.get(change_url(other))), "related_articles": [], "_save": "Save"}
    assert browser.post(change_url(other), data).status_code == 302
    assert not other.related_articles.exists()
    assert parse(client.get(other.get_absolute_url())).find("aside", class_="related")
    republish(uses_article, title=NEW_TITLE)
    related_list = parse(client.get(other.get_absolute_url())).find("aside", class_="related")
    assert related_list.find("a").text == NEW_TITLE
