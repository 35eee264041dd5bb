"""The facts snapshot: one typed, versioned schema behind the page, the JSON-LD and the diff."""

import uuid
from types import SimpleNamespace

import pytest
from django.db import models
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from conditions.models import Condition, ConditionSymptom, Symptom
from drugs.models import BrandName, Drug, DrugClass, EvidenceLevel, MarketingStatus, Use, UseKind
from medinfo import workflow
from medinfo.facts import (
    SCHEMA_VERSION,
    FactsSnapshot,
    capture_facts,
    facts_differences,
    facts_sources,
    load_facts,
)
from medinfo.models import Article, ArticleKind, ArticleRevision, RevisionStatus
from tests.admin_forms import logged_in, page_text, review_url
from tests.factories import (
    BrandNameFactory,
    ConditionFactory,
    DrugClassFactory,
    DrugFactory,
    SymptomFactory,
    draft_article,
    editor_user,
    milnacipran,
    published_article,
    reviewer_user,
)
from website.pages import ArticlePage

pytestmark = pytest.mark.django_db

FACT_MODELS = (DrugClass, Drug, BrandName, Use, Condition, Symptom, ConditionSymptom)


# The subject data: milnacipran with everything a page can show --------------------


def subject_data():
    """Milnacipran (SNRI, two brands, approved and off-label uses) and fibromyalgia's symptoms."""
    drug = milnacipran()
    BrandNameFactory(drug=drug, name="Ixel", slug="ixel", order=1)
    fibromyalgia = drug.uses.get(kind=UseKind.APPROVED).condition
    fibromyalgia.other_names = "fibromyalgia syndrome, FMS"
    fibromyalgia.save()
    fibromyalgia.memberships.filter(symptom__name="Headaches").update(note="often tension-type")
    drug.uses.filter(kind=UseKind.OFF_LABEL).update(note="at low doses")
    return drug, fibromyalgia


@pytest.fixture
def subjects(django_capture_on_commit_callbacks):
    """A live milnacipran uses article and a live fibromyalgia symptoms article."""
    with django_capture_on_commit_callbacks(execute=True):
        drug, fibromyalgia = subject_data()
        drug_article = published_article(drug=drug, title="What Is Milnacipran Used For?")
        condition_article = published_article(
            condition=fibromyalgia, kind=ArticleKind.SYMPTOMS, slug="symptoms"
        )
    return {"drug": drug, "condition": fibromyalgia, "articles": [drug_article, condition_article]}


# Rendering a snapshot as the public sees it ---------------------------------------------


class Everything:
    """A ``linkable`` set holding every slug, so the hub templates print every link."""

    def __contains__(self, slug):
        return True


def rendered(article, facts):
    """The article page and its subject's hub page as they render ``facts`` (stored JSON)."""
    request = RequestFactory().get(article.get_absolute_url())
    revision = ArticleRevision.objects.select_related("reviewer").get(pk=article.live_revision_id)
    revision.facts = facts  # in memory only: the page reads nothing else of the facts
    reference = {"pk": article.pk, "ads_enabled": False, "live_revision_id": revision.pk,
                 "status": revision.status, "reviewer_id": revision.reviewer_id}  # fmt: skip
    page = ArticlePage(request, reference=reference, article=article, revision=revision)
    context = {"page": page, "cache_content": False}
    parts = [render_to_string("medinfo/article_detail.html", context, request=request)]
    snapshot = load_facts(facts)
    # A key of its own for each rendering: the hub caches its facts by revision id.
    hub = SimpleNamespace(facts=snapshot.drug or snapshot.condition, linkable=Everything(),
                          revision_id=uuid.uuid4().hex, linked_version=0, tagged_seconds=None)  # fmt: skip
    template = "drugs/drug_detail.html" if snapshot.drug else "conditions/condition_detail.html"
    parts.append(render_to_string(template, {"hub": hub, "articles": [article]}))
    return "\n".join(parts)


# Changing one field of one fact model -----------------------------------------------------


def fact_fields():
    """(model, field) for every stored field of every fact model but ids and timestamps."""
    return [
        pytest.param(model, field, id=f"{model._meta.model_name}.{field.name}")
        for model in FACT_MODELS
        for field in model._meta.concrete_fields
        if not field.primary_key and not getattr(field, "auto_now", False)
    ]


def rows_of(model, drug, condition):
    """The rows of ``model`` that the two articles show."""
    return {
        DrugClass: [drug.drug_class],
        Drug: [drug],
        BrandName: list(drug.brand_names.all()),
        Use: list(drug.uses.all()),
        Condition: [condition, drug.uses.get(kind=UseKind.OFF_LABEL).condition],
        Symptom: [m.symptom for m in condition.memberships.all()],
        ConditionSymptom: list(condition.memberships.all()),
    }[model]


def other_instance(field, row):
    """A new row, named after ``row``, for a foreign key of ``row`` to point at."""
    name = f"other{row.pk}"
    factories = {
        DrugClass: lambda: DrugClassFactory(name=name, abbreviation="OC", slug=name),
        Drug: lambda: DrugFactory(generic_name=name, slug=name),
        Condition: lambda: ConditionFactory(name=name, slug=name, definition=f"{name} defined."),
        Symptom: lambda: SymptomFactory(name=name),
    }
    return factories[field.related_model]()


def new_value(row, field):
    """A different valid value for ``field`` of ``row``."""
    current = getattr(row, field.attname)
    if field.is_relation:
        return other_instance(field, row)
    if field.choices:
        return next(value for value, _ in field.choices if value not in (current, ""))
    if isinstance(field, models.PositiveSmallIntegerField):
        return (current or 0) + 7
    if isinstance(field, models.SlugField):
        return f"changed-{row.pk}-{field.name}"[: field.max_length]
    return f"Changed {field.name} {row.pk}"[: field.max_length]


def change(row, field):
    """Give ``row`` a new value of ``field``, and the fields the database rules tie to it.

    The schedule only exists for controlled drugs, the year only for discontinued
    brands, the evidence level only for off-label uses (and they need one).
    """
    value = new_value(row, field)
    setattr(row, field.name, value)
    if field.name == "controlled_schedule":
        row.prescription_status = "controlled"
    if field.name == "prescription_status":
        row.controlled_schedule = "II" if value == "controlled" else ""
    if field.name == "discontinued_year":
        row.status = MarketingStatus.DISCONTINUED
    if field.name == "kind":
        row.evidence_level = EvidenceLevel.EXPERT_OPINION if value == UseKind.OFF_LABEL else ""
    if field.name == "evidence_level":
        row.kind = UseKind.OFF_LABEL
    row.save()
    return value


class TestEveryFactFieldReachesTheDiff:
    """No fact can change a page without the reviewer's diff showing it.

    Failed on the old code: the diff lines left out the condition's definition for
    drug articles, symptom notes and the drug-class abbreviation, all printed on
    the page (and the flag saw changes the report did not list).
    """

    @pytest.mark.parametrize(("model", "field"), fact_fields())
    def test_field_change_is_invisible_or_in_the_diff(
        self, subjects, model, field, django_capture_on_commit_callbacks
    ):
        """Every row of ``model`` the articles show, changed in ``field``: page same or diff shows it."""
        for row in rows_of(model, subjects["drug"], subjects["condition"]):
            with django_capture_on_commit_callbacks(execute=True):
                value = change(model.objects.get(pk=row.pk), field)
            for article in subjects["articles"]:
                self.assert_reviewable(article, value)

    @staticmethod
    def assert_reviewable(article, value):
        article = Article.objects.select_related("live_revision").get(pk=article.pk)
        approved, current = article.live_revision.facts, capture_facts(article)
        changes = facts_differences(approved, current)
        assert article.facts_changed == bool(changes), "the flag disagrees with the report"
        before, after = rendered(article, approved), rendered(article, current)
        if before == after:
            return
        assert changes, f"the page changed ({value!r}) but the reviewer's diff is empty"
        shown = "\n".join(line for _, line in changes)
        if isinstance(value, str) and value in after:
            assert value in shown, f"{value!r} reaches the page but not the diff"


# Schema shape ------------------------------------------------------------------------


def test_every_schema_field_has_a_label():
    """The diff names every field: each dataclass field of the schema carries a label."""
    import dataclasses

    from medinfo import facts

    schema = [obj for obj in vars(facts).values() if dataclasses.is_dataclass(obj)]
    for cls in schema:
        for field in dataclasses.fields(cls):
            assert field.metadata.get("label") or field.metadata.get("diff") is False, (
                f"{cls.__name__}.{field.name} has no label"
            )


def test_snapshot_is_stored_with_its_schema_version(subjects):
    """The stored JSON names its schema version and loads back to the same snapshot."""
    stored = subjects["articles"][0].live_revision.facts
    assert stored["schema_version"] == SCHEMA_VERSION
    assert FactsSnapshot.from_json(stored).to_json() == stored


def test_snapshot_names_every_row_it_took_facts_from():
    """The stored snapshot lists the drug, class, brands, uses, conditions and symptom rows."""
    drug = milnacipran()
    article = published_article(drug=drug)
    fibromyalgia = drug.uses.get(kind=UseKind.APPROVED).condition
    membership = fibromyalgia.memberships.first()
    sources = facts_sources(article.live_revision.facts)
    assert {
        ("drugs.drug", drug.pk),
        ("drugs.drugclass", drug.drug_class_id),
        ("drugs.brandname", drug.brand_names.get().pk),
        ("drugs.use", drug.uses.get(kind=UseKind.OFF_LABEL).pk),
        ("conditions.condition", fibromyalgia.pk),
        ("conditions.conditionsymptom", membership.pk),
        ("conditions.symptom", membership.symptom_id),
    } <= sources
    assert sources == facts_sources(capture_facts(article))


def test_old_snapshot_without_sources_names_none():
    """A snapshot stored before sources were recorded yields an empty set."""
    assert facts_sources({"drug": None, "condition": None}) == set()


# What reviewers see in the admin -----------------------------------------------------


def edit_unreviewed_facts(drug, fibromyalgia):
    """The edits the old review screen hid: definition, class abbreviation, a symptom note."""
    fibromyalgia.definition = "A harmless condition that needs no treatment."
    fibromyalgia.save()
    drug.drug_class.abbreviation = "XYZI"
    drug.drug_class.save()
    fibromyalgia.memberships.filter(symptom__name="Headaches").update(note="never serious")
    ConditionSymptom.objects.get(condition=fibromyalgia, symptom__name="Headaches").save()


HIDDEN_LINES = [
    "+ Drug › use for “fibromyalgia” › condition › definition: "
    "A harmless condition that needs no treatment.",
    "+ Drug › drug class › abbreviation: XYZI",
    "+ Drug › use for “fibromyalgia” › symptom “Headaches” › note: never serious",
]


def test_service_diff_shows_definition_abbreviation_and_symptom_note(subjects):
    """The facts diff lists the changed definition, abbreviation and symptom note.

    Failed on the old code: none of the three appeared in the diff lines.
    """
    article = subjects["articles"][0]
    edit_unreviewed_facts(subjects["drug"], subjects["condition"])
    changes = facts_differences(article.live_revision.facts, capture_facts(article))
    shown = [f"{sign} {line}" for sign, line in changes]
    for line in HIDDEN_LINES:
        assert line in shown


def test_article_change_form_reports_the_hidden_fact_changes(
    subjects, admin_client, django_capture_on_commit_callbacks
):
    """The article's admin page flags the article and lists all three changes.

    Failed on the old code: it said “The structured facts match the approved revision.”
    """
    with django_capture_on_commit_callbacks(execute=True):
        edit_unreviewed_facts(subjects["drug"], subjects["condition"])
    article = subjects["articles"][0]
    article.refresh_from_db()
    assert article.facts_changed is True
    text = page_text(admin_client.get(reverse("admin:medinfo_article_change", args=[article.pk])))
    assert "The structured facts match the approved revision" not in text
    for line in HIDDEN_LINES:
        assert line in text


def test_review_screen_shows_the_hidden_fact_changes(subjects):
    """A revision submitted after the edits shows them on the review screen before approval.

    Failed on the old code: the review screen said nothing of them, and approving
    published “A harmless condition that needs no treatment.”
    """
    edit_unreviewed_facts(subjects["drug"], subjects["condition"])
    article, editor = subjects["articles"][0], editor_user()
    revision = workflow.start_revision(article=article, author=editor)
    revision = workflow.submit_revision(revision=revision, submitter=editor)
    text = page_text(logged_in(reviewer_user()).get(review_url(revision)))
    for line in HIDDEN_LINES:
        assert line in text


def test_review_screen_warns_when_a_hidden_fact_changes_after_submission(subjects):
    """A definition edited while the revision waits is listed as changed since submission."""
    article, editor = subjects["articles"][0], editor_user()
    revision = workflow.start_revision(article=article, author=editor)
    revision = workflow.submit_revision(revision=revision, submitter=editor)
    edit_unreviewed_facts(subjects["drug"], subjects["condition"])
    text = page_text(logged_in(reviewer_user()).get(review_url(revision)))
    assert "Facts changed since this revision was submitted" in text
    assert HIDDEN_LINES[0] in text


# Snapshots stored before schema versions (version 1) ------------------------------------


V1_FACTS = {
    "drug": {
        "generic_name": "milnacipran",
        "official_name": "milnacipran hydrochloride",
        "slug": "milnacipran",
        "brands": [{"name": "Savella", "mark": "®", "slug": "savella"}],
        "drug_class": {
            "name": "serotonin-norepinephrine reuptake inhibitors",
            "abbreviation": "SNRI",
            "slug": "snri",
        },
        "prescription_status": "prescription",
        "prescription_status_label": "prescription only",
        "controlled_schedule": "",
        "minimum_age": 17,
        "uses": [
            {
                "kind": "approved",
                "note": "",
                "condition": {
                    "name": "fibromyalgia",
                    "slug": "fibromyalgia",
                    "definition": "A disorder that causes widespread muscle pain and fatigue.",
                },
                "symptoms": [
                    {"name": "Trouble sleeping", "note": ""},
                    {"name": "Morning stiffness", "note": ""},
                    {"name": "Headaches", "note": ""},
                ],
            },
            {
                "kind": "off_label",
                "note": "",
                "condition": {
                    "name": "depression",
                    "slug": "depression",
                    "definition": "A disorder used in tests.",
                },
                "symptoms": [],
            },
        ],
    },
    "condition": None,
}


@pytest.fixture
def v1_article(django_capture_on_commit_callbacks):
    """A milnacipran article whose live revision stores a version-1 snapshot."""
    drug, editor = milnacipran(), editor_user()
    with django_capture_on_commit_callbacks(execute=True):
        article = draft_article(author=editor, drug=drug, title="What Is Milnacipran Used For?")
        # A draft's facts are still writable; the status then moves forward as submitting does.
        ArticleRevision.objects.filter(pk=article.latest_revision_id).update(facts=V1_FACTS)
        ArticleRevision.objects.filter(pk=article.latest_revision_id).update(
            status=RevisionStatus.IN_REVIEW, submitted_at=timezone.now()
        )
        revision = ArticleRevision.objects.get(pk=article.latest_revision_id)
        workflow.approve_revision(revision=revision, reviewer_user=reviewer_user())
    article.refresh_from_db()
    return article


def test_v1_snapshot_still_renders_the_page(client, v1_article):
    """A page approved with a version-1 snapshot shows its facts, JSON-LD included."""
    assert "schema_version" not in v1_article.live_revision.facts
    text = page_text(client.get(v1_article.get_absolute_url()))
    assert "Savella®" in text and "(SNRIs)" in text
    assert "A disorder that causes widespread muscle pain and fatigue." in text
    assert '"proprietaryName":["Savella"]' in text


# Version 1 held no population and no evidence level; the milnacipran fixture has both
# (an off-label use must name its evidence).
NEW_FACT_LINES = [
    ("-", "Drug › use for “fibromyalgia” › population: —"),
    ("+", "Drug › use for “fibromyalgia” › population: people 17 and older"),
    ("-", "Drug › use for “depression” › evidence level: —"),
    ("+", "Drug › use for “depression” › evidence level: clinical trials"),
]


def test_v1_snapshot_matches_an_unchanged_capture(v1_article):
    """Upgraded to the current schema, a version-1 snapshot equals a fresh capture's facts.

    All but the facts version 1 could not hold (population, evidence level): those
    wait for review. The minimum age moved from the drug to its approved use unchanged.
    """
    assert v1_article.facts_changed is True
    differences = facts_differences(v1_article.live_revision.facts, capture_facts(v1_article))
    assert sorted(differences, key=lambda d: d[1]) == sorted(NEW_FACT_LINES, key=lambda d: d[1])


def test_v1_snapshot_diff_shows_a_later_change(v1_article, django_capture_on_commit_callbacks):
    """Against a version-1 snapshot, the admin report and the review screen show a new definition."""
    fibromyalgia = Condition.objects.get(slug="fibromyalgia")
    with django_capture_on_commit_callbacks(execute=True):
        fibromyalgia.definition = "A harmless condition that needs no treatment."
        fibromyalgia.save()
    v1_article.refresh_from_db()
    assert v1_article.facts_changed is True
    editor = editor_user()
    revision = workflow.start_revision(article=v1_article, author=editor)
    revision = workflow.submit_revision(revision=revision, submitter=editor)
    text = page_text(logged_in(reviewer_user()).get(review_url(revision)))
    assert HIDDEN_LINES[0] in text
    assert text.count("+ Drug ›") == 3, "only the definition changed (and the facts v1 lacked)"
