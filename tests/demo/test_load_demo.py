"""`manage.py load_demo`: the data files become the demo site, published with four eyes, once."""

import ast
import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from conditions.models import Condition
from demo.management.commands import load_demo
from drugs.models import Drug, DrugClass
from medinfo.models import Article, ArticleRevision, Reviewer, ReviewEvent, RevisionStatus
from tests.public_site import parse

pytestmark = pytest.mark.django_db
DEMO_USERS = ["admin", "editor", "reviewer", "reviewer2"]
PROJECT = Path(settings.BASE_DIR)


def row_counts():
    models = [DrugClass, Drug, Condition, Article, ArticleRevision, ReviewEvent, Reviewer]
    return {model.__name__: model.objects.count() for model in models}


def test_data_files_load_into_the_demo_site(demo):
    """14 drugs, 23 conditions and 38 articles: 36 live, one in review, one draft; 4 site pages."""
    assert "38 articles and 2 ad campaigns added" in demo
    assert Drug.objects.count() == 14
    assert Condition.objects.count() == 26
    assert DrugClass.objects.count() == 11
    assert Reviewer.objects.count() == 2
    assert Article.objects.about_subjects().count() == 38
    assert Article.objects.about_subjects().live().count() == 36
    assert Article.objects.site_pages().live().count() == 4
    statuses = ArticleRevision.objects.values_list("status", flat=True)
    assert sorted(statuses).count(RevisionStatus.IN_REVIEW) == 1
    assert sorted(statuses).count(RevisionStatus.DRAFT) == 1


def test_reference_article_is_live_with_its_facts_and_byline(demo, client):
    """/drugs/milnacipran/uses/ shows the approved fibromyalgia use, Savella® and Kristi Monson."""
    article = Article.objects.live().get(drug__slug="milnacipran", slug="uses")
    facts = article.live_revision.facts
    assert [brand["name"] for brand in facts["drug"]["brands"]] == ["Savella"]
    approved = [use for use in facts["drug"]["uses"] if use["kind"] == "approved"]
    assert [use["condition"]["slug"] for use in approved] == ["fibromyalgia"]
    assert (approved[0]["minimum_age"], approved[0]["population_note"]) == (17, "")
    assert "Problems with thinking and memory" in str(approved[0]["symptoms"])
    assert article.live_revision.byline == "Kristi Monson, PharmD"
    page = parse(client.get("/drugs/milnacipran/uses/"))
    assert page.find("h1").text.strip() == "What Is Milnacipran Used For?"
    assert "Kristi Monson, PharmD" in page.text
    related = {(a.condition.slug, a.slug) for a in article.related_articles.exclude(condition=None)}
    assert related == {("fibromyalgia", "overview"), ("fibromyalgia", "symptoms")}


def test_brand_limits_and_status_reach_the_approved_snapshots(demo):
    """Depression's page lists fluoxetine without Sarafem, PMDD's with it; ProAir HFA is former."""

    def brands_for(condition_slug, drug_slug):
        article = Article.objects.live().filter(condition__slug=condition_slug).first()
        uses = article.live_revision.facts["condition"]["uses"]
        [use] = [use for use in uses if use["drug"]["slug"] == drug_slug]
        return [brand["name"] for brand in use["drug"]["brands"]]

    assert brands_for("depression", "fluoxetine") == ["Prozac"]
    assert brands_for("premenstrual-dysphoric-disorder", "fluoxetine") == ["Sarafem"]
    assert brands_for("osteoarthritis", "ibuprofen") == []
    albuterol = Article.objects.live().get(drug__slug="albuterol", slug="uses")
    brands = {b["name"]: b for b in albuterol.live_revision.facts["drug"]["brands"]}
    assert (brands["ProAir HFA"]["status"], brands["ProAir HFA"]["discontinued_year"]) == (
        "discontinued",
        2022,
    )


def test_every_article_was_written_by_the_editor_and_approved_by_another_person(demo):
    """Four eyes: each live revision's approver is a pharmacist who did not write it."""
    for revision in ArticleRevision.objects.filter(status=RevisionStatus.APPROVED):
        assert revision.author.username == "editor"
        assert revision.reviewer.user.username in {"reviewer", "reviewer2"}
        assert revision.reviewer.user_id not in set(
            revision.contributors.values_list("pk", flat=True)
        )
    decided_by = set(
        ReviewEvent.objects.filter(to_state="approved").values_list("actor__username", flat=True)
    )
    assert decided_by == {"reviewer", "reviewer2"}


def test_loading_twice_adds_nothing(demo):
    """A second run adds no article, revision, event or row, and says so."""
    before = row_counts()
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert "(0 articles and 0 ad campaigns added)" in output.getvalue()
    assert row_counts() == before


def test_passwords_are_printed_and_kept(demo):
    """--print-passwords lists every demo user with the password kept in var/, run after run."""
    kept = json.loads(load_demo.credentials_file().read_text())
    assert sorted(kept) == sorted(DEMO_USERS)
    for username in DEMO_USERS:
        assert f"  {username:<10} {kept[username]}" in demo
    again = StringIO()
    call_command("load_demo", print_passwords=True, stdout=again)
    assert all(kept[username] in again.getvalue() for username in DEMO_USERS)


def test_demo_modules_stay_short():
    """No Python module of the demo app (its data files aside) exceeds 500 lines."""
    modules = list((PROJECT / "demo").rglob("*.py"))
    assert modules
    too_long = {str(path): n for path in modules if (n := len(path.read_text().splitlines())) > 500}
    assert too_long == {}


def test_nothing_imports_the_demo_app():
    """Imports point one way: data apps, editorial core and ads never import from demo."""
    offenders = []
    for app in ("medinfo", "drugs", "conditions", "ads"):
        for path in (PROJECT / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module or ""]
                offenders += [f"{path}: {n}" for n in names if n.split(".")[0] == "demo"]
    assert offenders == []
