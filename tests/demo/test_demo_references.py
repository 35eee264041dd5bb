"""The demo article files' ``references:`` reach the revisions load_demo publishes (#12 item 4).

Failed on the code before references existed (f3790b9): the loader ignored the key.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from demo import content
from medinfo.models import Article
from tests.public_site import committed

pytestmark = pytest.mark.django_db

ARTICLE = """\
drug: milnacipran
kind: uses
slug: uses
state: draft
title: What Is Milnacipran Used For?
lead: It eases pain.
search_description: ""
body: <p>It eases pain.</p>
"""
LABEL = """\
references:
  - title: Savella (milnacipran HCl) tablets, prescribing information
    publisher: U.S. National Library of Medicine, DailyMed
    url: https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b
    accessed: 2026-11-30
    dailymed_setid: 1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b
  - title: Fibromyalgia
    publisher: MedlinePlus
    url: https://medlineplus.gov/fibromyalgia.html
    accessed: 2026-11-29
"""


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo loaded once for this module, rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        with committed():
            call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty demo data folder that ``demo.content`` reads instead of the real one."""
    (tmp_path / "articles").mkdir()
    monkeypatch.setattr(content, "DATA_DIR", tmp_path)
    return tmp_path


def test_a_file_without_references_cites_nothing(data_dir):
    """The key is optional: a file without it gives an empty list."""
    (data_dir / "articles" / "01-drug.yaml").write_text(ARTICLE, encoding="utf-8")
    assert content.articles()[0]["references"] == []


def test_references_are_read_in_file_order_with_an_optional_set_id(data_dir):
    """Each item keeps its order and date; a missing set id reads as empty."""
    (data_dir / "articles" / "01-drug.yaml").write_text(ARTICLE + LABEL, encoding="utf-8")
    references = content.articles()[0]["references"]
    assert [item["title"] for item in references] == [
        "Savella (milnacipran HCl) tablets, prescribing information",
        "Fibromyalgia",
    ]
    assert references[0]["dailymed_setid"] == "1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b"
    assert references[1]["dailymed_setid"] == ""
    assert references[1]["accessed"] == datetime.date(2026, 11, 29)


def article_of(spec):
    """The article a demo file describes."""
    if "drug" in spec:
        return Article.objects.get(drug__slug=spec["drug"], slug=spec["slug"])
    lookup = {"condition__slug": spec["condition"], "drug__isnull": True}
    return Article.objects.get(slug=spec["slug"], **lookup)


def test_every_demo_article_carries_its_files_references(demo_site):
    """Each loaded article's newest revision cites exactly its file's references, in order."""
    for spec in content.articles():
        expected = [
            {**item, "accessed": item["accessed"].isoformat()} for item in spec["references"]
        ]
        assert article_of(spec).latest_revision.references == expected, spec["slug"]


def test_every_live_demo_article_cites_a_source(demo_site):
    """Issue #12: each live demo article cites at least one source (its label or a guideline)."""
    live = [spec for spec in content.articles() if spec["state"] == "live"]
    uncited = [spec["title"] for spec in live if not article_of(spec).live_revision.references]
    assert live and uncited == []
