"""Issue #12 items 1–3 in the facts snapshot: ages and population per use, evidence, brands.

The snapshot (schema version 4) carries each use's minimum age, population and
evidence level and each brand's status, year and uses; older snapshots upgrade to
it as their pages showed them; the reviewer's diff and the four-eyes flag see every
change to those facts.
"""

import html

import pytest
from django.test import Client
from django.urls import reverse

from drugs.models import BrandName, EvidenceLevel, MarketingStatus, Use, UseKind
from medinfo import workflow
from medinfo.facts import capture_facts, facts_differences, load_facts
from tests.factories import (
    BrandNameFactory,
    ConditionFactory,
    DrugFactory,
    UseFactory,
    editor_user,
    milnacipran,
    reviewer_user,
)
from tests.public_site import committed, publish

pytestmark = pytest.mark.django_db


def review_text(user, revision):
    """The review screen of ``revision`` as ``user`` reads it."""
    client = Client()
    client.force_login(user)
    url = reverse("admin:medinfo_articlerevision_review", args=[revision.pk])
    return html.unescape(client.get(url).content.decode())


def fluoxetine():
    """Fluoxetine: depression from 8, PMDD for adults; Prozac for depression, Sarafem for PMDD."""
    drug = DrugFactory(generic_name="fluoxetine", slug="fluoxetine")
    depression = ConditionFactory(name="depression", slug="depression")
    pmdd = ConditionFactory(name="premenstrual dysphoric disorder", slug="pmdd")
    depression_use = UseFactory(drug=drug, condition=depression, minimum_age=8)
    pmdd_use = UseFactory(drug=drug, condition=pmdd, minimum_age=18, order=1)
    prozac = BrandNameFactory(drug=drug, name="Prozac", slug="prozac")
    prozac.uses.set([depression_use])
    sarafem = BrandNameFactory(drug=drug, name="Sarafem", slug="sarafem", order=1)
    sarafem.uses.set([pmdd_use])
    return drug


# Capturing --------------------------------------------------------------------------


def test_snapshot_carries_each_uses_population_and_evidence():
    """Per use: the minimum age, the population and (off-label) the evidence level."""
    article = publish(drug=milnacipran())
    uses = {use.condition.name: use for use in load_facts(article.live_revision.facts).drug.uses}
    fibromyalgia, depression = uses["fibromyalgia"], uses["depression"]
    assert (fibromyalgia.minimum_age, fibromyalgia.population_note) == (17, "people 17 and older")
    assert (fibromyalgia.evidence_level, depression.evidence_level) == ("", "clinical_trials")


def test_drug_age_is_derived_from_its_approved_uses():
    """The drug's age is the youngest its approved uses cover; off-label uses do not count."""
    drug = fluoxetine()
    UseFactory(drug=drug, kind=UseKind.OFF_LABEL, minimum_age=3)
    assert drug.minimum_age == 8
    assert load_facts(publish(drug=drug).live_revision.facts).drug.minimum_age == 8
    Use.objects.filter(drug=drug, minimum_age=8).update(minimum_age=None)
    assert drug.minimum_age is None, "an approved use without a limit: no age limit"


def test_condition_page_lists_only_the_brands_sold_for_its_use():
    """Sarafem is listed next to PMDD only, Prozac next to depression only."""
    drug = fluoxetine()
    brands = {}
    for slug in ("depression", "pmdd"):
        condition = Use.objects.get(drug=drug, condition__slug=slug).condition
        facts = load_facts(publish(condition=condition, slug=slug).live_revision.facts)
        [treatment] = facts.condition.uses
        brands[slug] = [brand.name for brand in treatment.drug.brands]
    assert brands == {"depression": ["Prozac"], "pmdd": ["Sarafem"]}


def test_drug_snapshot_keeps_every_brand_with_status_year_and_uses():
    """The drug's own facts list every brand, discontinued ones too, with what each is sold for."""
    drug = fluoxetine()
    BrandName.objects.filter(name="Prozac").update(
        status=MarketingStatus.DISCONTINUED, discontinued_year=2022
    )
    facts = load_facts(capture_facts(publish(drug=drug)))
    prozac, sarafem = facts.drug.brands
    assert (prozac.discontinued, prozac.discontinued_year, prozac.uses) == (
        True,
        2022,
        ("depression",),
    )
    assert (sarafem.discontinued, sarafem.uses) == (False, ("premenstrual dysphoric disorder",))


def test_search_still_finds_a_discontinued_brand(client):
    """A brand discontinued before approval stays one of the names search finds the article by."""
    drug = milnacipran()
    drug.brand_names.update(status=MarketingStatus.DISCONTINUED, discontinued_year=2022)
    publish(drug=drug, title="What Is Milnacipran Used For?")
    response = client.get("/search/", {"q": "Savella"})
    assert "What Is Milnacipran Used For?" in html.unescape(response.content.decode())


# Older snapshots ------------------------------------------------------------------------

V3_DRUG = {
    "schema_version": 3,
    "sources": [],
    "page": {"show_ads": True, "related_articles": []},
    "condition": None,
    "drug": {
        "generic_name": "sertraline",
        "official_name": "sertraline hydrochloride",
        "slug": "sertraline",
        "brands": [{"name": "Zoloft", "mark": "®", "slug": "zoloft"}],
        "drug_class": None,
        "prescription_status": "prescription",
        "prescription_status_label": "prescription only",
        "controlled_schedule": "",
        "minimum_age": 6,
        "uses": [
            {
                "kind": kind,
                "note": "",
                "symptoms": [],
                "condition": {"name": name, "slug": name, "definition": "A disorder."},
            }
            for kind, name in [("approved", "depression"), ("off_label", "insomnia")]
        ],  # fmt: skip
    },
}
V3_CONDITION = {
    **V3_DRUG,
    "drug": None,
    "condition": {
        "name": "depression",
        "slug": "depression",
        "definition": "A disorder.",
        "other_names": [],
        "symptoms": [],
        "uses": [
            {
                "kind": "approved",
                "note": "",
                "drug": {
                    "generic_name": "sertraline",
                    "slug": "sertraline",
                    "brands": [{"name": "Zoloft", "mark": "®", "slug": "zoloft"}],
                },
            }
        ],  # fmt: skip
    },
}


def test_version_3_drug_age_becomes_every_approved_uses_age():
    """A version-3 page printed the drug's age as every use's floor: the upgrade keeps that."""
    drug = load_facts(V3_DRUG).drug
    approved, off_label = drug.uses
    assert (approved.minimum_age, off_label.minimum_age) == (6, None)
    assert drug.minimum_age == 6
    assert (approved.population_note, off_label.evidence_level) == ("", "")
    [zoloft] = drug.brands
    assert (zoloft.status, zoloft.discontinued_year, zoloft.uses) == ("marketed", None, ())


def test_version_3_condition_snapshot_lists_its_brands_as_before():
    """A version-3 condition page listed every brand for every use: upgraded, it still does."""
    [treatment] = load_facts(V3_CONDITION).condition.uses
    assert [brand.name for brand in treatment.drug.brands] == ["Zoloft"]
    assert (treatment.minimum_age, treatment.population_note, treatment.evidence_level) == (
        None,
        "",
        "",
    )


def test_version_3_upgrade_shows_no_change_of_its_own():
    """Upgraded and compared with itself at version 4, a version-3 snapshot shows no change."""
    assert facts_differences(V3_DRUG, load_facts(V3_DRUG).to_json()) == []
    assert facts_differences(V3_CONDITION, load_facts(V3_CONDITION).to_json()) == []


# The reviewer's diff ------------------------------------------------------------------------


def set_use(drug, condition, **fields):
    use = Use.objects.get(drug=drug, condition__name=condition)
    for name, value in fields.items():
        setattr(use, name, value)
    use.save()


def set_brand(drug, **fields):
    brand = drug.brand_names.get()
    uses = fields.pop("uses", None)
    for name, value in fields.items():
        setattr(brand, name, value)
    brand.save()
    if uses is not None:
        brand.uses.set(Use.objects.filter(drug=drug, condition__name__in=uses))


# (edit, the line the reviewer's diff adds for it)
NEW_FACT_EDITS = [
    (
        lambda drug: set_use(drug, "fibromyalgia", minimum_age=13),
        "Drug › use for “fibromyalgia” › minimum approved age: 13",
    ),
    (
        lambda drug: set_use(drug, "fibromyalgia", population_note="adults and teenagers"),
        "Drug › use for “fibromyalgia” › population: adults and teenagers",
    ),
    (
        lambda drug: set_use(drug, "depression", evidence_level=EvidenceLevel.CASE_REPORTS),
        "Drug › use for “depression” › evidence level: limited: case reports",
    ),
    (
        lambda drug: set_brand(drug, status=MarketingStatus.DISCONTINUED),
        "Drug › brand “Savella” › marketing status: discontinued",
    ),
    (
        lambda drug: set_brand(drug, status=MarketingStatus.DISCONTINUED, discontinued_year=2022),
        "Drug › brand “Savella” › year discontinued: 2022",
    ),
    (
        lambda drug: set_brand(drug, uses=["fibromyalgia"]),
        "Drug › brand “Savella” › sold for: fibromyalgia",
    ),
]


@pytest.mark.parametrize(("edit", "line"), NEW_FACT_EDITS, ids=lambda v: getattr(v, "__name__", v))
def test_review_screen_shows_every_new_fact_change(edit, line):
    """Each new fact, changed after approval, flags the article and shows on the review screen."""
    drug = milnacipran()
    article = publish(drug=drug)
    with committed():
        edit(drug)
    article.refresh_from_db()
    assert article.facts_changed is True
    editor = editor_user()
    revision = workflow.start_revision(article=article, author=editor)
    revision = workflow.submit_revision(revision=revision, submitter=editor)
    assert f"+ {line}" in review_text(reviewer_user(), revision)


def test_brand_uses_set_alone_flags_the_article():
    """Limiting a brand to some uses, with no other save, marks live articles for review."""
    drug = milnacipran()
    article = publish(drug=drug)
    with committed():
        drug.brand_names.get().uses.set(Use.objects.filter(drug=drug, kind=UseKind.APPROVED))
    article.refresh_from_db()
    assert article.facts_changed is True


def test_brand_uses_change_is_in_the_brands_history_page(client):
    """The brand's history page names who limited it to which uses."""
    drug = milnacipran()
    pharmacist = reviewer_user()
    brand = drug.brand_names.get()
    brand._history_user = pharmacist
    brand.uses.set(Use.objects.filter(drug=drug, kind=UseKind.APPROVED))
    client.force_login(editor_user())
    url = reverse("admin:drugs_brandname_history", args=[brand.pk])
    text = html.unescape(client.get(url).content.decode())
    assert pharmacist.username in text and "fibromyalgia" in text
