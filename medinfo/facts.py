"""Facts snapshots: the structured data an article page shows, frozen at submission.

The snapshot is one typed, versioned schema (``FactsSnapshot`` below, made of the
parts in ``medinfo.factschema``, which this module exports too). A revision
stores it as JSON (``FactsSnapshot.to_json()``, with ``schema_version`` inside);
the public page, the hubs, the JSON-LD and the reviewer's diff all read it back
through ``load_facts()``, which upgrades older versions first. The diff walks the
dataclass fields themselves, so a field added here reaches the reviewer as soon
as it can reach a page.

Version 1 (the first stored format) was the same dictionary without
``schema_version`` and ``sources``; version 2 had no ``page`` (the article's
page settings: ads and related articles), which then took effect without review.
Upgrading a version-2 snapshot gives it the article's current page settings, as
its page showed them, when the article is at hand (``load_facts(…, article=…)``)
and the defaults otherwise. Version 3 had one minimum age per drug, which pages
printed as the floor of every use; version 4 has it per use, with the population,
the evidence of off-label uses, and each brand's status and uses.
"""

import dataclasses
import difflib
import functools
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch

from common.db import fetch_checking_the_connection, with_tables
from conditions.models import Condition, ConditionSymptom
from drugs.models import (
    BrandName,
    Drug,
    DrugClass,
    MarketingStatus,
    PrescriptionStatus,
    Use,
    UseKind,
)

from .factschema import (
    BrandFacts,
    ConditionFacts,
    DrugClassFacts,
    DrugFacts,
    DrugUseFacts,
    PageFacts,
    RelatedArticleFacts,
    SymptomFacts,
    TreatmentDrugFacts,
    TreatmentFacts,
    UsedForFacts,
    fact,
)

if TYPE_CHECKING:  # for annotations only: the import graph stays as it was
    from django.db.models import Model, QuerySet

    from medinfo.models import Article

SCHEMA_VERSION = 4
# A snapshot as stored in ``ArticleRevision.facts`` (plain JSON), in any schema version.
StoredFacts = dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class FactsSnapshot:
    """Everything an article page shows beyond its prose, and the rows it came from."""

    drug: DrugFacts | None = fact("drug", default=None)
    condition: ConditionFacts | None = fact("condition", default=None)
    # None only in a snapshot built for a subject alone (snapshot_of), not for an article.
    page: PageFacts | None = fact("page", default=None)
    # Where the facts came from, for the four-eyes check; never shown, never diffed.
    sources: tuple[str, ...] = dataclasses.field(default=(), metadata={"diff": False})

    @classmethod
    def from_json(
        cls, data: StoredFacts | None, *, article: "Article | None" = None
    ) -> "FactsSnapshot":
        """The snapshot stored as ``data``, in any schema version (see ``upgrade_facts``)."""
        return _build(cls, upgrade_facts(data, article=article))

    def to_json(self) -> StoredFacts:
        """The JSON stored in ``ArticleRevision.facts``."""
        return {"schema_version": SCHEMA_VERSION, **_plain(self)}


# Reading and writing the JSON ---------------------------------------------------


def _upgrade_from_1(data: StoredFacts, article: "Article | None") -> StoredFacts:
    return {**data, "sources": [], "schema_version": 2}


def _upgrade_from_2(data: StoredFacts, article: "Article | None") -> StoredFacts:
    # Before version 3 the page showed the article's page settings as they stood.
    page = capture_page(article) if article is not None else PageFacts()
    return {**data, "page": _plain(page), "schema_version": 3}


def _upgrade_from_3(data: StoredFacts, article: "Article | None") -> StoredFacts:
    # Pages printed the drug's age as the floor of every use, every brand as current
    # and sold for every use, and no evidence level: the same facts, in their new places.
    upgraded = {**data, "schema_version": 4}
    if drug := data.get("drug"):
        age = drug.get("minimum_age")
        uses = [
            _v4_use(use, age=age if use["kind"] == UseKind.APPROVED else None)
            for use in drug.get("uses", ())
        ]
        kept = {key: value for key, value in drug.items() if key != "minimum_age"}
        upgraded["drug"] = {**kept, "brands": _v4_brands(drug), "uses": uses}
    if condition := data.get("condition"):
        uses = [
            _v4_use({**use, "drug": {**use["drug"], "brands": _v4_brands(use["drug"])}}, age=None)
            for use in condition.get("uses", ())
        ]
        upgraded["condition"] = {**condition, "uses": uses}
    return upgraded


def _v4_brands(drug: StoredFacts) -> list[StoredFacts]:
    marketed: StoredFacts = {
        "status": MarketingStatus.MARKETED.value,
        "discontinued_year": None,
        "uses": [],
    }
    return [{**marketed, **brand} for brand in drug.get("brands", ())]


def _v4_use(use: StoredFacts, *, age: int | None) -> StoredFacts:
    return {"minimum_age": age, "population_note": "", "evidence_level": "", **use}


UPGRADES = {1: _upgrade_from_1, 2: _upgrade_from_2, 3: _upgrade_from_3}


def upgrade_facts(data: StoredFacts | None, *, article: "Article | None" = None) -> StoredFacts:
    """``data`` in the current schema version; a snapshot without a version is version 1.

    ``article`` is the article the snapshot belongs to: upgrading from version 2
    takes its current page settings (see the module docstring).
    """
    data = dict(data or {})
    if not data:
        # No snapshot (nothing published yet) shows no page settings either: taking
        # the article's would hide a first publication's settings from the diff.
        return {"schema_version": SCHEMA_VERSION}
    while data.get("schema_version", 1) < SCHEMA_VERSION:
        data = UPGRADES[data.get("schema_version", 1)](data, article)
    return data


def load_facts(data: StoredFacts | None, *, article: "Article | None" = None) -> FactsSnapshot:
    """The typed snapshot of stored JSON (``ArticleRevision.facts``) of ``article``."""
    return FactsSnapshot.from_json(data, article=article)


def _build(kind: Any, value: Any) -> Any:
    """``value`` (plain JSON) as the type ``kind`` of the schema."""
    if value is None:
        return None
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        kind = next(arg for arg in typing.get_args(kind) if arg is not type(None))
    if typing.get_origin(kind) is tuple:
        return tuple(_build(typing.get_args(kind)[0], item) for item in value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return kind(
            **{name: _build(hint, value[name]) for name, hint in _fields(kind) if name in value}
        )
    return value


@functools.cache
def _fields(kind: type) -> tuple[tuple[str, Any], ...]:
    """(name, type) of each field of a schema dataclass, resolved once per class:
    ``typing.get_type_hints`` on every object took half of ``generate_corpus`` (issue #15)."""
    hints = typing.get_type_hints(kind)
    return tuple((field.name, hints[field.name]) for field in dataclasses.fields(kind))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {
            field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


# Capturing the current facts ------------------------------------------------------


def _brand(brand: BrandName) -> BrandFacts:
    return BrandFacts(
        name=brand.name,
        mark=brand.mark,
        slug=brand.slug,
        status=brand.status,
        discontinued_year=brand.discontinued_year,
        uses=tuple(use.condition.name for use in brand.uses.all()),
    )


def _brands(drug: Drug, use: Use | None = None) -> tuple[BrandFacts, ...]:
    """The drug's brands; with ``use``, those sold for it (a brand without a limit is)."""
    return tuple(
        _brand(brand) for brand in drug.brand_names.all() if use is None or _sold_for(brand, use)
    )


def _sold_for(brand: BrandName, use: Use) -> bool:
    limit = {limited.pk for limited in brand.uses.all()}
    return not limit or use.pk in limit


def _symptoms(condition: Condition) -> tuple[SymptomFacts, ...]:
    return tuple(
        SymptomFacts(name=m.symptom.name, note=m.note) for m in condition.memberships.all()
    )


def _drug_class(drug_class: DrugClass | None) -> DrugClassFacts | None:
    if drug_class is None:
        return None
    return DrugClassFacts(
        name=drug_class.name, abbreviation=drug_class.abbreviation, slug=drug_class.slug
    )


def _drug_use(use: Use) -> DrugUseFacts:
    condition = use.condition
    used_for = UsedForFacts(
        name=condition.name, slug=condition.slug, definition=condition.definition
    )
    return DrugUseFacts(**_population(use), condition=used_for, symptoms=_symptoms(condition))


def _population(use: Use) -> dict[str, Any]:
    """The use's facts shared by drug and condition pages: kind, note, who it covers, evidence."""
    return {
        "kind": use.kind,
        "note": use.note,
        "minimum_age": use.minimum_age,
        "population_note": use.population_note,
        "evidence_level": use.evidence_level,
    }


def typed_drug_facts(drug: Drug) -> DrugFacts:
    """The facts of one drug, its uses and each used-for condition's symptoms."""
    return DrugFacts(
        generic_name=drug.generic_name,
        official_name=drug.official_name,
        slug=drug.slug,
        brands=_brands(drug),
        drug_class=_drug_class(drug.drug_class),
        prescription_status=drug.prescription_status,
        prescription_status_label=PrescriptionStatus(drug.prescription_status).label,
        controlled_schedule=drug.controlled_schedule,
        uses=tuple(_drug_use(use) for use in drug.uses.all()),
    )


def _treatment(use: Use) -> TreatmentFacts:
    drug = TreatmentDrugFacts(
        generic_name=use.drug.generic_name, slug=use.drug.slug, brands=_brands(use.drug, use)
    )
    return TreatmentFacts(**_population(use), drug=drug)


def typed_condition_facts(condition: Condition) -> ConditionFacts:
    """The facts of one condition: definition, ordered symptoms, drugs used for it."""
    return ConditionFacts(
        name=condition.name,
        slug=condition.slug,
        definition=condition.definition,
        other_names=tuple(condition.other_names_list),
        symptoms=_symptoms(condition),
        uses=tuple(_treatment(use) for use in condition.uses.all()),
    )


def _source(instance: "Model") -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def _membership_rows(condition: Condition) -> list["Model"]:
    return [row for m in condition.memberships.all() for row in (m, m.symptom)]


def _drug_sources(drug: Drug) -> list["Model | None"]:
    rows: list[Model | None] = [drug, drug.drug_class, *drug.brand_names.all()]
    for use in drug.uses.all():
        rows += [use, use.condition, *_membership_rows(use.condition)]
    return rows


def _condition_sources(condition: Condition) -> list["Model | None"]:
    rows: list[Model | None] = [condition, *_membership_rows(condition)]
    for use in condition.uses.all():
        rows += [use, use.drug, *use.drug.brand_names.all()]
    return rows


def capture_snapshot(article: "Article") -> FactsSnapshot:
    """The typed snapshot of ``article``'s current structured data and page settings."""
    return dataclasses.replace(capture_subject(article), page=capture_page(article))


def capture_subject(article: "Article") -> FactsSnapshot:
    """The snapshot of ``article``'s drug and condition alone, shared by their articles."""
    drug = condition = None
    if article.drug_id:
        drug = snapshot_drugs().get(pk=article.drug_id)
    if article.condition_id:
        condition = snapshot_conditions().get(pk=article.condition_id)
    return snapshot_of(drug=drug, condition=condition)


def capture_page(article: "Article") -> PageFacts:
    """``article``'s page settings as the article form set them: ads, related articles.

    Related articles are named by their live title (their latest one before they
    are first published) and address; the page prints the live title of those live.
    """
    rows = fetch_checking_the_connection(_related_sql(), [article.pk]) if article.pk else []
    return PageFacts(
        show_ads=article.ads_enabled, related_articles=tuple(map(_related_article, rows))
    )


# The related articles' ids, titles and what their addresses need. Written out and, on
# PostgreSQL, prepared (common.db): the ORM's query joined six tables, and building and
# planning it cost a twentieth of the article form at 50,000 articles (issue #15).
_RELATED_SQL = """
    SELECT other.id, COALESCE(live.title, latest.title), other.slug, drug.slug, condition.slug
    FROM {related} related
    JOIN {article} other ON other.id = related.to_article_id
    LEFT JOIN {drug} drug ON drug.id = other.drug_id
    LEFT JOIN {condition} condition ON condition.id = other.condition_id
    LEFT JOIN {revision} live ON live.id = other.live_revision_id
    LEFT JOIN {revision} latest ON latest.id = other.latest_revision_id
    WHERE related.from_article_id = %s
    ORDER BY other.id
"""


def _related_sql() -> str:
    from .models import Article, ArticleRevision

    return with_tables(
        _RELATED_SQL,
        related=Article.related_articles.through,
        article=Article,
        drug=Drug,
        condition=Condition,
        revision=ArticleRevision,
    )


def _related_article(row: tuple) -> RelatedArticleFacts:
    from .models import Article, article_path

    article_id, title, slug, drug_slug, condition_slug = row
    if title is None:  # an article without any revision: named as str() names it
        title = str(Article.objects.get(pk=article_id))
    address = article_path(slug, drug_slug=drug_slug, condition_slug=condition_slug)
    return RelatedArticleFacts(article_id=article_id, title=title, address=address)


def snapshot_drugs() -> "QuerySet[Drug]":
    """Drugs with everything ``snapshot_of`` reads (facts and source rows) prefetched.

    Symptoms are joined to their rows and the brands' uses to their conditions, and a
    condition's symptoms ordered within that condition (without the join to conditions
    their model's ordering adds): each query cost more to build than to run on the article
    form at 50,000 articles (issue #15).
    """
    return Drug.objects.with_facts().prefetch_related(
        Prefetch(
            "uses__condition__memberships",
            queryset=ConditionSymptom.objects.select_related("symptom").order_by("order", "pk"),
        ),
        Prefetch("brand_names__uses", queryset=Use.objects.select_related("condition")),
    )


def snapshot_conditions() -> "QuerySet[Condition]":
    """Conditions with everything ``snapshot_of`` reads prefetched."""
    return Condition.objects.with_facts().prefetch_related(
        "uses__drug__brand_names__uses__condition"
    )


def snapshot_of(*, drug: Drug | None = None, condition: Condition | None = None) -> FactsSnapshot:
    """The snapshot of a drug and/or condition fetched as ``capture_snapshot`` fetches them.

    Bulk loaders that fetch many subjects at once build their snapshots with it too.
    """
    rows: list[Model | None] = []
    if drug is not None:
        rows += _drug_sources(drug)
    if condition is not None:
        rows += _condition_sources(condition)
    return FactsSnapshot(
        drug=typed_drug_facts(drug) if drug is not None else None,
        condition=typed_condition_facts(condition) if condition is not None else None,
        sources=tuple(sorted({_source(row) for row in rows if row is not None})),
    )


def subject_facts(facts: StoredFacts | None) -> FactsSnapshot:
    """A stored snapshot without its page settings: the facts its fact rows gave it."""
    return dataclasses.replace(load_facts(facts), page=None)


def capture_facts(article: "Article") -> StoredFacts:
    """The snapshot of ``article``'s current facts as stored JSON (``ArticleRevision.facts``)."""
    return capture_snapshot(article).to_json()


def facts_sources(facts: StoredFacts) -> set[tuple[str, int]]:
    """The rows a stored snapshot was taken from, as {("drugs.drug", 3), …}.

    Snapshots stored before sources were recorded (version 1) name none.
    """
    pairs = (source.rsplit(":", 1) for source in load_facts(facts).sources)
    return {(label, int(pk)) for label, pk in pairs}


# The reviewer's diff ------------------------------------------------------------------


def _shown(value: Any, metadata: Mapping[str, Any]) -> str:
    choices = metadata.get("choices")
    if value is None or value == "" or value == ():
        return metadata.get("empty", "—")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "—"
    return str(choices(value).label if choices and value in choices.values else value)


def _item_key(item: Any, dotted: str) -> Any:
    for name in dotted.split("."):
        item = getattr(item, name)
    return item


# (group, line): the group names what the line is about, e.g. “Drug › brand “Savella””.
GroupedLine = tuple[str, str]


def _field_lines(value: Any, path: list[str], group: list[str] | None) -> Iterator[GroupedLine]:
    """(group, “path › label: value”) for every field of ``value``, recursively."""
    for field in dataclasses.fields(value):
        if not field.metadata.get("diff", True):
            continue
        label = field.metadata["label"]
        yield from _value_lines(getattr(value, field.name), field, [*path, label], group)


def _value_lines(
    value: Any, field: dataclasses.Field, path: list[str], group: list[str] | None
) -> Iterator[GroupedLine]:
    # A section's own fields are its first group; each thing in it (a brand, a use, the drug
    # class) is a group of its own, and a list marked "together" (symptoms) is one group.
    if dataclasses.is_dataclass(value):
        yield from _field_lines(value, path, group or (path if len(path) > 1 else None))
    elif "key" in field.metadata and value:
        for item in value:
            name = f"{field.metadata['item']} “{_item_key(item, field.metadata['key'])}”"
            item_path = [*path[:-1], name]
            item_group = path if field.metadata.get("together") else group or item_path
            yield from _field_lines(item, item_path, item_group)
    else:
        line = f"{' › '.join(path)}: {_shown(value, field.metadata)}"
        yield _capitalised(" › ".join(group or path[:1])), _capitalised(line)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def grouped_facts_lines(
    facts: StoredFacts | FactsSnapshot | None, *, article: "Article | None" = None
) -> list[GroupedLine]:
    """(group, line) for every line of ``facts_lines``, in the same order.

    The group names what the line is about (“Drug”, “Drug › brand “Savella””,
    “Drug › use for “fibromyalgia” › symptoms”), so the reviewer's diff can fold
    the groups that did not change.
    """
    snapshot = facts if isinstance(facts, FactsSnapshot) else load_facts(facts, article=article)
    lines: list[GroupedLine] = []
    for field in dataclasses.fields(snapshot):
        # The top level holds the article's subjects; an absent one has nothing to show.
        value = getattr(snapshot, field.name)
        if value is not None and field.metadata.get("diff", True):
            lines += _value_lines(value, field, [field.metadata["label"]], None)
    return lines


def facts_lines(
    facts: StoredFacts | FactsSnapshot | None, *, article: "Article | None" = None
) -> list[str]:
    """The snapshot as readable lines, one per field: the unit the reviewer's diff compares."""
    return [line for _, line in grouped_facts_lines(facts, article=article)]


def line_differences(old_lines: list[str], new_lines: list[str]) -> list[tuple[str, str]]:
    """Lines removed (“-”) and added (“+”) between two versions, in reading order."""
    return [
        (line[0], line[2:])
        for line in difflib.ndiff(old_lines, new_lines)
        if line.startswith(("- ", "+ "))
    ]


def facts_differences(
    old_facts: StoredFacts | FactsSnapshot | None,
    new_facts: StoredFacts | FactsSnapshot | None,
    *,
    article: "Article | None" = None,
) -> list[tuple[str, str]]:
    """What changed between two stored snapshots of ``article``, of any schema versions."""
    return line_differences(
        facts_lines(old_facts, article=article), facts_lines(new_facts, article=article)
    )


def facts_differ(
    stored: StoredFacts | FactsSnapshot | None,
    current: StoredFacts | FactsSnapshot | None,
    *,
    article: "Article | None" = None,
) -> bool:
    """Whether two snapshots show different facts: exactly when their diff is not empty."""
    return bool(facts_differences(stored, current, article=article))
