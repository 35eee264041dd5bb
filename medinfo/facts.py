"""Facts snapshots: the structured data an article page shows, frozen at submission.

The snapshot is one typed, versioned schema (the dataclasses below). A revision
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
and the defaults otherwise.
"""

import dataclasses
import difflib
import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conditions.models import Condition
from drugs.models import Drug, PrescriptionStatus, UseKind

if TYPE_CHECKING:  # for annotations only: the import graph stays as it was
    from medinfo.models import Article

SCHEMA_VERSION = 3


def fact(label, *, choices=None, **kwargs):
    """A schema field with the human label the reviewer's diff shows for it.

    ``choices`` (a TextChoices class) makes the diff show a stored code by its label.
    """
    return dataclasses.field(metadata={"label": label, "choices": choices}, **kwargs)


def listed(label, *, item, key):
    """A list of ``item``s; ``key`` is the dotted item field that names one in the diff."""
    return dataclasses.field(metadata={"label": label, "item": item, "key": key}, default=())


@dataclass(frozen=True, kw_only=True)
class BrandFacts:
    name: str = fact("name")
    mark: str = fact("mark")
    slug: str = fact("address")


@dataclass(frozen=True, kw_only=True)
class DrugClassFacts:
    name: str = fact("name")
    abbreviation: str = fact("abbreviation")
    slug: str = fact("address")


@dataclass(frozen=True, kw_only=True)
class SymptomFacts:
    name: str = fact("name")
    note: str = fact("note")


@dataclass(frozen=True, kw_only=True)
class UsedForFacts:
    """The condition a drug is used for, as the drug's page describes it."""

    name: str = fact("name")
    slug: str = fact("address")
    definition: str = fact("definition")


@dataclass(frozen=True, kw_only=True)
class DrugUseFacts:
    kind: str = fact("kind", choices=UseKind)
    note: str = fact("note")
    condition: UsedForFacts = fact("condition")
    symptoms: tuple[SymptomFacts, ...] = listed("symptoms", item="symptom", key="name")


@dataclass(frozen=True, kw_only=True)
class DrugFacts:
    generic_name: str = fact("generic name")
    official_name: str = fact("official name")
    slug: str = fact("address")
    brands: tuple[BrandFacts, ...] = listed("brands", item="brand", key="name")
    drug_class: DrugClassFacts | None = fact("drug class")
    prescription_status: str = fact("prescription status", choices=PrescriptionStatus)
    prescription_status_label: str = fact("availability as printed")
    controlled_schedule: str = fact("controlled-substance schedule")
    minimum_age: int | None = fact("minimum approved age")
    uses: tuple[DrugUseFacts, ...] = listed("uses", item="use for", key="condition.name")


@dataclass(frozen=True, kw_only=True)
class TreatmentDrugFacts:
    """A drug used for a condition, as the condition's page lists it."""

    generic_name: str = fact("generic name")
    slug: str = fact("address")
    brands: tuple[BrandFacts, ...] = listed("brands", item="brand", key="name")


@dataclass(frozen=True, kw_only=True)
class TreatmentFacts:
    kind: str = fact("kind", choices=UseKind)
    note: str = fact("note")
    drug: TreatmentDrugFacts = fact("drug")


@dataclass(frozen=True, kw_only=True)
class ConditionFacts:
    name: str = fact("name")
    slug: str = fact("address")
    definition: str = fact("definition")
    other_names: tuple[str, ...] = fact("other names", default=())
    symptoms: tuple[SymptomFacts, ...] = listed("symptoms", item="symptom", key="name")
    uses: tuple[TreatmentFacts, ...] = listed(
        "treatments", item="treated with", key="drug.generic_name"
    )


@dataclass(frozen=True, kw_only=True)
class RelatedArticleFacts:
    """An article listed under “Related articles”; the page prints its own live title."""

    article_id: int = dataclasses.field(metadata={"diff": False})
    title: str = fact("title")
    address: str = fact("address")


@dataclass(frozen=True, kw_only=True)
class PageFacts:
    """The article's page settings, approved with its revision like its facts."""

    show_ads: bool = fact("show ads", default=True)
    related_articles: tuple[RelatedArticleFacts, ...] = listed(
        "related articles", item="related article", key="title"
    )


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
    def from_json(cls, data: dict | None, *, article=None) -> "FactsSnapshot":
        """The snapshot stored as ``data``, in any schema version (see ``upgrade_facts``)."""
        return _build(cls, upgrade_facts(data, article=article))

    def to_json(self) -> dict:
        """The JSON stored in ``ArticleRevision.facts``."""
        return {"schema_version": SCHEMA_VERSION, **_plain(self)}


# Reading and writing the JSON ---------------------------------------------------


def _upgrade_from_1(data, article):
    return {**data, "sources": [], "schema_version": 2}


def _upgrade_from_2(data, article):
    # Before version 3 the page showed the article's page settings as they stood.
    page = capture_page(article) if article is not None else PageFacts()
    return {**data, "page": _plain(page), "schema_version": 3}


UPGRADES = {1: _upgrade_from_1, 2: _upgrade_from_2}


def upgrade_facts(data: dict | None, *, article=None) -> dict:
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


def load_facts(data: dict | None, *, article=None) -> FactsSnapshot:
    """The typed snapshot of stored JSON (``ArticleRevision.facts``) of ``article``."""
    return FactsSnapshot.from_json(data, article=article)


def _build(kind, value):
    """``value`` (plain JSON) as the type ``kind`` of the schema."""
    if value is None:
        return None
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        kind = next(arg for arg in typing.get_args(kind) if arg is not type(None))
    if typing.get_origin(kind) is tuple:
        return tuple(_build(typing.get_args(kind)[0], item) for item in value)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(
            **{
                field.name: _build(hints[field.name], value[field.name])
                for field in dataclasses.fields(kind)
                if field.name in value
            }
        )
    return value


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {
            field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


# Capturing the current facts ------------------------------------------------------


def _brands(drug):
    return tuple(BrandFacts(name=b.name, mark=b.mark, slug=b.slug) for b in drug.brand_names.all())


def _symptoms(condition):
    return tuple(
        SymptomFacts(name=m.symptom.name, note=m.note) for m in condition.memberships.all()
    )


def _drug_class(drug_class):
    if drug_class is None:
        return None
    return DrugClassFacts(
        name=drug_class.name, abbreviation=drug_class.abbreviation, slug=drug_class.slug
    )


def _drug_use(use):
    condition = use.condition
    used_for = UsedForFacts(
        name=condition.name, slug=condition.slug, definition=condition.definition
    )
    return DrugUseFacts(
        kind=use.kind, note=use.note, condition=used_for, symptoms=_symptoms(condition)
    )


def typed_drug_facts(drug) -> DrugFacts:
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
        minimum_age=drug.minimum_age,
        uses=tuple(_drug_use(use) for use in drug.uses.all()),
    )


def _treatment(use):
    drug = TreatmentDrugFacts(
        generic_name=use.drug.generic_name, slug=use.drug.slug, brands=_brands(use.drug)
    )
    return TreatmentFacts(kind=use.kind, note=use.note, drug=drug)


def typed_condition_facts(condition) -> ConditionFacts:
    """The facts of one condition: definition, ordered symptoms, drugs used for it."""
    return ConditionFacts(
        name=condition.name,
        slug=condition.slug,
        definition=condition.definition,
        other_names=tuple(condition.other_names_list),
        symptoms=_symptoms(condition),
        uses=tuple(_treatment(use) for use in condition.uses.all()),
    )


def _source(instance):
    return f"{instance._meta.label_lower}:{instance.pk}"


def _membership_rows(condition):
    return [row for m in condition.memberships.all() for row in (m, m.symptom)]


def _drug_sources(drug):
    rows = [drug, drug.drug_class, *drug.brand_names.all()]
    for use in drug.uses.all():
        rows += [use, use.condition, *_membership_rows(use.condition)]
    return rows


def _condition_sources(condition):
    rows = [condition, *_membership_rows(condition)]
    for use in condition.uses.all():
        rows += [use, use.drug, *use.drug.brand_names.all()]
    return rows


def capture_snapshot(article) -> FactsSnapshot:
    """The typed snapshot of ``article``'s current structured data and page settings."""
    return dataclasses.replace(capture_subject(article), page=capture_page(article))


def capture_subject(article) -> FactsSnapshot:
    """The snapshot of ``article``'s drug and condition alone, shared by their articles."""
    drug = condition = None
    if article.drug_id:
        drug = snapshot_drugs().get(pk=article.drug_id)
    if article.condition_id:
        condition = snapshot_conditions().get(pk=article.condition_id)
    return snapshot_of(drug=drug, condition=condition)


def capture_page(article) -> PageFacts:
    """``article``'s page settings as the article form set them: ads, related articles.

    Related articles are named by their live title (their latest one before they
    are first published) and address; the page prints the live title of those live.
    """
    related = article.related_articles.select_related(
        "drug", "condition", "live_revision", "latest_revision"
    ).order_by("pk")
    return PageFacts(
        show_ads=article.ads_enabled, related_articles=tuple(map(_related_article, related))
    )


def _related_article(other):
    revision = other.live_revision or other.latest_revision
    title = revision.title if revision else str(other)
    return RelatedArticleFacts(article_id=other.pk, title=title, address=other.get_absolute_url())


def snapshot_drugs():
    """Drugs with everything ``snapshot_of`` reads (facts and source rows) prefetched."""
    return Drug.objects.with_facts().prefetch_related("uses__condition__memberships__symptom")


def snapshot_conditions():
    """Conditions with everything ``snapshot_of`` reads prefetched."""
    return Condition.objects.with_facts()


def snapshot_of(*, drug=None, condition=None) -> FactsSnapshot:
    """The snapshot of a drug and/or condition fetched as ``capture_snapshot`` fetches them.

    Bulk loaders that fetch many subjects at once build their snapshots with it too.
    """
    rows = []
    if drug is not None:
        rows += _drug_sources(drug)
    if condition is not None:
        rows += _condition_sources(condition)
    return FactsSnapshot(
        drug=drug and typed_drug_facts(drug),
        condition=condition and typed_condition_facts(condition),
        sources=tuple(sorted({_source(row) for row in rows if row is not None})),
    )


def subject_facts(facts: dict | None) -> FactsSnapshot:
    """A stored snapshot without its page settings: the facts its fact rows gave it."""
    return dataclasses.replace(load_facts(facts), page=None)


def capture_facts(article) -> dict:
    """The snapshot of ``article``'s current facts as stored JSON (``ArticleRevision.facts``)."""
    return capture_snapshot(article).to_json()


def facts_sources(facts: dict) -> set[tuple[str, int]]:
    """The rows a stored snapshot was taken from, as {("drugs.drug", 3), …}.

    Snapshots stored before sources were recorded (version 1) name none.
    """
    pairs = (source.rsplit(":", 1) for source in load_facts(facts).sources)
    return {(label, int(pk)) for label, pk in pairs}


# The reviewer's diff ------------------------------------------------------------------


def _shown(value, choices):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "—"
    return str(choices(value).label if choices and value in choices.values else value)


def _item_key(item, dotted):
    for name in dotted.split("."):
        item = getattr(item, name)
    return item


def _field_lines(value, path):
    """Lines “path › label: value” for every field of ``value``, recursively."""
    for field in dataclasses.fields(value):
        if not field.metadata.get("diff", True):
            continue
        yield from _value_lines(getattr(value, field.name), field, [*path, field.metadata["label"]])


def _value_lines(value, field, path):
    if dataclasses.is_dataclass(value):
        yield from _field_lines(value, path)
    elif "key" in field.metadata and value:
        for item in value:
            name = f"{field.metadata['item']} “{_item_key(item, field.metadata['key'])}”"
            yield from _field_lines(item, [*path[:-1], name])
    else:
        line = f"{' › '.join(path)}: {_shown(value, field.metadata.get('choices'))}"
        yield line[:1].upper() + line[1:]


def facts_lines(facts: dict | FactsSnapshot | None, *, article=None) -> list[str]:
    """The snapshot as readable lines, one per field: the unit the reviewer's diff compares."""
    snapshot = facts if isinstance(facts, FactsSnapshot) else load_facts(facts, article=article)
    lines = []
    for field in dataclasses.fields(snapshot):
        # The top level holds the article's subjects; an absent one has nothing to show.
        value = getattr(snapshot, field.name)
        if value is not None and field.metadata.get("diff", True):
            lines += _value_lines(value, field, [field.metadata["label"]])
    return lines


def line_differences(old_lines: list[str], new_lines: list[str]) -> list[tuple[str, str]]:
    """Lines removed (“-”) and added (“+”) between two versions, in reading order."""
    return [
        (line[0], line[2:])
        for line in difflib.ndiff(old_lines, new_lines)
        if line.startswith(("- ", "+ "))
    ]


def facts_differences(
    old_facts: "dict | FactsSnapshot | None",
    new_facts: "dict | FactsSnapshot | None",
    *,
    article: "Article | None" = None,
) -> list[tuple[str, str]]:
    """What changed between two stored snapshots of ``article``, of any schema versions."""
    return line_differences(
        facts_lines(old_facts, article=article), facts_lines(new_facts, article=article)
    )


def facts_differ(
    stored: "dict | FactsSnapshot | None",
    current: "dict | FactsSnapshot | None",
    *,
    article: "Article | None" = None,
) -> bool:
    """Whether two snapshots show different facts: exactly when their diff is not empty."""
    return bool(facts_differences(stored, current, article=article))
