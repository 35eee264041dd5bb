"""Admin change forms cost the same number of queries however many rows hang off the object.

The scale run (issue #15) counted different numbers of queries for the same change
form on the demo and on a 50,000-article corpus (article 14 → 22, drug 36 → 29,
condition 35 → 50): some inline row, autocomplete value or related row was fetched
one query at a time. Each case below builds the object with 1 and with 50 related
rows and compares the queries of a GET of its change form.
"""

import re
from collections import Counter

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ads.models import Campaign
from conditions.models import Condition
from drugs.models import Drug
from medinfo import facts, workflow
from medinfo.models import Article, ArticleKind, Reviewer
from tests.ads.factories import CampaignFactory, CreativeFactory
from tests.factories import (
    BrandNameFactory,
    ConditionFactory,
    ConditionSymptomFactory,
    DrugFactory,
    ReviewerFactory,
    UseFactory,
    editor_user,
    published_article,
    reviewer_user,
)
from tests.public_site import parse

FEW, MANY = 1, 50


def _reference(number):
    return {
        "title": f"Source {number}",
        "publisher": "U.S. Food and Drug Administration",
        "url": f"https://www.fda.gov/source-{number}",
        "accessed": "2026-11-01",
        "dailymed_setid": "",
    }


def drug_with(rows):
    """A drug with ``rows`` brands, each sold for one of its ``rows`` uses, and a live article."""
    drug = DrugFactory()
    for _ in range(rows):
        condition = ConditionFactory()
        ConditionSymptomFactory(condition=condition)
        use = UseFactory(drug=drug, condition=condition)
        BrandNameFactory(drug=drug).uses.add(use)
    published_article(drug=drug)
    return drug


def condition_with(rows):
    """A condition with ``rows`` symptoms and ``rows`` drugs used for it, and a live article."""
    condition = ConditionFactory()
    for _ in range(rows):
        ConditionSymptomFactory(condition=condition)
        use = UseFactory(condition=condition)
        BrandNameFactory(drug=use.drug).uses.add(use)
    published_article(condition=condition, kind=ArticleKind.SYMPTOMS, slug="symptoms")
    return condition


def campaign_with(rows):
    """A campaign with ``rows`` creatives, shown on ``rows`` drugs and never on ``rows`` conditions."""
    campaign = CampaignFactory()
    for _ in range(rows):
        CreativeFactory(campaign=campaign)
    campaign.include_drugs.add(*DrugFactory.create_batch(rows))
    campaign.exclude_conditions.add(*ConditionFactory.create_batch(rows))
    return campaign


def _revised(article, rows, *, editor, reviewer):
    """``article`` after ``rows`` approved revisions in all, each citing one more source."""
    for number in range(2, rows + 1):
        draft = workflow.start_revision(article=article, author=editor)
        draft = workflow.save_draft(
            revision=draft, editor=editor, expected_version=draft.version, title=draft.title,
            lead=f"{draft.lead} {number}.", body=draft.body,
            references=[_reference(n) for n in range(number)],
        )  # fmt: skip
        submitted = workflow.submit_revision(revision=draft, submitter=editor)
        workflow.approve_revision(revision=submitted, reviewer_user=reviewer)
    article.refresh_from_db()
    return article


def article_with(rows):
    """A live article of a drug with ``rows`` uses, ``rows`` related articles and revisions."""
    editor, reviewer = editor_user(), reviewer_user()
    article = published_article(
        drug=drug_with(rows), kind=ArticleKind.DOSAGE, slug="dosage", author=editor,
        reviewer=reviewer,
    )  # fmt: skip
    others = [published_article(reviewer=reviewer) for _ in range(rows)]
    article.related_articles.add(*others)
    return _revised(article, rows, editor=editor, reviewer=reviewer)


def site_page_with(rows):
    """A live site page with ``rows`` approved revisions, the last citing ``rows - 1`` sources."""
    editor, reviewer = editor_user(), reviewer_user()
    article = workflow.create_article(
        author=editor, kind=ArticleKind.SITE_PAGE, slug=f"about-{rows}", title="About MedInfo",
        lead="Who we are.", body="<p>We publish reviewed articles.</p>",
    )  # fmt: skip
    submitted = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    workflow.approve_revision(revision=submitted, reviewer_user=reviewer)
    return _revised(article, rows, editor=editor, reviewer=reviewer)


def reviewer_with(rows):
    """A reviewer profile whose pharmacist approved ``rows`` live articles."""
    profile = ReviewerFactory()
    for _ in range(rows):
        published_article(reviewer=profile.user)
    return profile


CASES = {
    "drug": (Drug, drug_with),
    "condition": (Condition, condition_with),
    "campaign": (Campaign, campaign_with),
    "article": (Article, article_with),
    "site page": (Article, site_page_with),
    "reviewer": (Reviewer, reviewer_with),
}


def change_form_queries(client, model, obj):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    client.get(url)  # caches that fill once per process (content types…) are warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries


def repeated(queries):
    """The queries run more than once, with their numbers blanked: where a loop queries."""
    shapes = Counter(re.sub(r"\b\d+\b", "N", query["sql"]) for query in queries.captured_queries)
    return "\n".join(f"{count} × {sql[:900]}" for sql, count in shapes.items() if count > 1)


@pytest.mark.parametrize("case", CASES)
def test_change_form_queries_do_not_grow_with_related_rows(admin_client, case):
    """GET of the change form: the same queries with 1 related row as with 50."""
    model, build = CASES[case]
    few = change_form_queries(admin_client, model, build(FEW))
    many = change_form_queries(admin_client, model, build(MANY))
    assert len(many) == len(few), repeated(many)


def test_every_admin_with_inlines_is_in_the_table():
    """A change form with inline rows added later is measured here too."""
    with_inlines = {
        model for model, model_admin in admin.site._registry.items() if model_admin.inlines
    }
    assert with_inlines <= {model for model, _ in CASES.values()}


def test_rows_still_show_their_chosen_values(admin_client):
    """Fetched once for all rows, each row's condition and ticked uses are still its own."""
    drug = drug_with(2)
    url = reverse("admin:drugs_drug_change", args=[drug.pk])
    page = parse(admin_client.get(url))
    for n, use in enumerate(drug.uses.all()):
        box = page.find("select", name=f"uses-{n}-condition")
        chosen = [option.text for option in box.find_all("option") if "selected" in option.attrs]
        assert chosen == [use.condition.name]
    for n, brand in enumerate(drug.brand_names.all()):
        ticked = {
            int(box.attrs["value"])
            for box in page.find_all("input", name=f"brand_names-{n}-uses")
            if "checked" in box.attrs
        }
        assert ticked == {use.pk for use in brand.uses.all()}


def test_article_form_reads_the_article_and_its_revisions_once(admin_client):
    """The article form fetched its article four times, and its newest revision twice, by
    themselves (issue #15): once each now, the revisions joined to the article."""
    article = article_with(FEW)
    queries = change_form_queries(admin_client, Article, article)
    by_key = [
        query["sql"]
        for query in queries.captured_queries
        if re.search(rf'WHERE \(?"medinfo_article"\."id" = {article.pk}\b', query["sql"])
        or re.search(
            rf'WHERE "medinfo_articlerevision"\."id" = {article.latest_revision_id}\b', query["sql"]
        )
    ]
    assert len(by_key) == 1, by_key


def test_article_form_reports_the_facts_as_the_stored_snapshot_would(db):
    """The facts report compares the typed snapshot as captured (no JSON round trip since
    issue #15): it is the snapshot its stored JSON reads back as."""
    for article in [article_with(FEW), site_page_with(FEW)]:
        assert facts.capture_snapshot(article) == facts.load_facts(
            facts.capture_facts(article), article=article
        )
