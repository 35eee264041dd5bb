"""The article list: the columns people work from, and a mark only where facts changed (#13.5).

Failed on the old code: its columns were title, subject, kind, state, a facts icon on
every row (a red ✖ for "no change") and review due, too wide for 1280 px.
"""

import datetime
import re

import lxml.html
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from medinfo import workflow
from medinfo.models import Article
from tests.factories import draft_article, editor_user, published_article, reviewer_user

pytestmark = pytest.mark.django_db

CHANGELIST_URL = reverse("admin:medinfo_article_changelist")
COLUMNS = ["title", "state", "author", "updated", "reviewer", "review due"]


def rows(user):
    """{title: {column: cell text}} of the article list as ``user`` sees it."""
    client = Client()
    client.force_login(user)
    response = client.get(CHANGELIST_URL)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content.decode())
    headers = [
        " ".join(th.text_content().split()).lower()
        for th in page.xpath("//table[@id='result_list']/thead//th")
    ]
    table = {}
    for row in page.xpath("//table[@id='result_list']/tbody/tr"):
        cells = [" ".join(cell.text_content().split()) for cell in row.xpath("th|td")]
        named = dict(zip(headers, cells, strict=True))
        table[named["title"]] = named | {"html": lxml.html.tostring(row, encoding="unicode")}
    return headers, table


@pytest.fixture
def articles():
    """A draft, a live article, one whose facts changed and one overdue for review."""
    editor = editor_user(first_name="Erin", last_name="Lee")
    pharmacist = reviewer_user(display_name="Kristi Monson")
    draft_article(author=editor, title="Still a draft?", slug="draft")
    published_article(author=editor, reviewer=pharmacist, title="As approved?", slug="live")
    changed = published_article(author=editor, reviewer=pharmacist, title="Changed?", slug="x")
    Article.objects.filter(pk=changed.pk).update(facts_changed=True)
    overdue = published_article(author=editor, reviewer=pharmacist, title="Overdue?", slug="old")
    Article.objects.filter(pk=overdue.pk).update(review_due_on=datetime.date(2020, 1, 31))
    sent_back = draft_article(author=editor, title="Sent back?", slug="sent-back")
    revision = workflow.submit_revision(revision=sent_back.latest_revision, submitter=editor)
    workflow.request_changes(revision=revision, reviewer_user=pharmacist, comment="Sources?")
    return editor


def test_columns_are_the_ones_people_work_from(articles):
    """Title, state, author, updated, reviewer and review due; subject and kind are filters."""
    headers, _ = rows(articles)
    assert headers == COLUMNS


def test_facts_mark_only_where_facts_changed(articles):
    """Only the article whose facts changed carries a mark; no row says “no change”."""
    _, table = rows(articles)
    marked = [title for title, row in table.items() if "facts changed" in row["state"]]
    assert marked == ["Changed?"]
    assert not any("icon-no" in row["html"] or "icon-yes" in row["html"] for row in table.values())


def test_rows_name_author_reviewer_and_dates(articles):
    """Each row says who wrote it, when it was last saved, who reviewed it and when it is due."""
    _, table = rows(articles)
    today = timezone.localdate().isoformat()
    assert table["As approved?"]["author"] == "Erin Lee"
    assert table["As approved?"]["updated"] == today
    assert table["As approved?"]["reviewer"] == "Kristi Monson"
    assert table["Sent back?"]["reviewer"] == "Kristi Monson"
    assert table["Still a draft?"]["reviewer"] == "—"
    assert table["Still a draft?"]["review due"] == "—"
    assert table["Overdue?"]["review due"] == "2020-01-31 overdue"


@pytest.mark.parametrize("query", ["", "?workflow=in-review", "?review=overdue"])
def test_rows_are_read_without_the_revisions_text_and_facts(articles, query):
    """The list reads no revision text, facts snapshot or search column it does not show,
    counts only the filtered articles, and costs the same queries for 5 rows as for 10. On
    the old code it read and decoded every row's two revisions whole (issue #15: the review
    queue took 122 ms at 50,000 articles) and counted all articles besides."""
    client = Client()
    client.force_login(articles)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(CHANGELIST_URL + query).status_code == 200
        return [q["sql"] for q in context.captured_queries]

    few = queries()
    for n in range(5):
        published_article(author=articles, title=f"More {n}?", slug=f"more-{n}")
    many = queries()
    assert len(many) == len(few)
    listed = [sql for sql in many if sql.endswith('"medinfo_article"."id" DESC')]
    assert listed, many
    for sql in listed:
        assert not re.search(r'\."(body|facts|search_vector|search_text|lead)"', sql), sql
    counts = [sql for sql in many if "COUNT(*)" in sql and "medinfo_article" in sql]
    assert all(" WHERE " in sql for sql in counts) or not query
