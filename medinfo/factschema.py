"""The parts of the facts snapshot: one frozen dataclass per thing a page shows.

``medinfo.facts`` puts them together (``FactsSnapshot``), stores, upgrades and
compares them; each field carries the label the reviewer's diff names it by.
"""

import dataclasses
from dataclasses import dataclass

from drugs.models import (
    EvidenceLevel,
    MarketingStatus,
    PrescriptionStatus,
    UseKind,
    youngest_approved_age,
)


def fact(label, *, choices=None, empty="—", **kwargs):
    """A schema field with the human label the reviewer's diff shows for it.

    ``choices`` (a TextChoices class) makes the diff show a stored code by its label;
    ``empty`` is what it shows for no value.
    """
    metadata = {"label": label, "choices": choices, "empty": empty}
    return dataclasses.field(metadata=metadata, **kwargs)


def listed(label, *, item, key, together=False):
    """A list of ``item``s; ``key`` is the dotted item field that names one in the diff.

    ``together``: the diff shows the items as one group (a condition's symptoms), not
    one group each (a drug's brands and uses).
    """
    metadata = {"label": label, "item": item, "key": key, "together": together}
    return dataclasses.field(metadata=metadata, default=())


@dataclass(frozen=True, kw_only=True)
class BrandFacts:
    name: str = fact("name")
    mark: str = fact("mark")
    slug: str = fact("address")
    status: str = fact("marketing status", choices=MarketingStatus)
    discontinued_year: int | None = fact("year discontinued")
    # The conditions of the drug's uses the brand is sold for; empty: all of them.
    uses: tuple[str, ...] = fact("sold for", empty="every use", default=())

    @property
    def discontinued(self) -> bool:
        return self.status == MarketingStatus.DISCONTINUED

    @property
    def limited(self) -> bool:
        """Sold for some of the drug's uses only (Sarafem: PMDD): never listed bare."""
        return bool(self.uses)


class SoldUnderBrands:
    """The brands of a drug in a snapshot, split as pages print them."""

    brands: tuple[BrandFacts, ...]

    @property
    def marketed_brands(self) -> tuple[BrandFacts, ...]:
        return tuple(brand for brand in self.brands if not brand.discontinued)

    @property
    def former_brands(self) -> tuple[BrandFacts, ...]:
        """Discontinued brands: pages say “formerly sold as …”."""
        return tuple(brand for brand in self.brands if brand.discontinued)

    @property
    def every_use_brands(self) -> tuple[BrandFacts, ...]:
        """Marketed brands sold for every use: the names a page may print with no label."""
        return tuple(brand for brand in self.marketed_brands if not brand.limited)


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
    minimum_age: int | None = fact("minimum approved age")
    population_note: str = fact("population")
    evidence_level: str = fact("evidence level", choices=EvidenceLevel)
    condition: UsedForFacts = fact("condition")
    symptoms: tuple[SymptomFacts, ...] = listed(
        "symptoms", item="symptom", key="name", together=True
    )


@dataclass(frozen=True, kw_only=True)
class DrugFacts(SoldUnderBrands):
    generic_name: str = fact("generic name")
    official_name: str = fact("official name")
    slug: str = fact("address")
    brands: tuple[BrandFacts, ...] = listed("brands", item="brand", key="name")
    drug_class: DrugClassFacts | None = fact("drug class")
    prescription_status: str = fact("prescription status", choices=PrescriptionStatus)
    prescription_status_label: str = fact("availability as printed")
    controlled_schedule: str = fact("controlled-substance schedule")
    uses: tuple[DrugUseFacts, ...] = listed("uses", item="use for", key="condition.name")

    @property
    def minimum_age(self) -> int | None:
        """The youngest age an approved use covers: derived, never stored or diffed."""
        return youngest_approved_age(self.uses)


@dataclass(frozen=True, kw_only=True)
class TreatmentDrugFacts(SoldUnderBrands):
    """A drug used for a condition, as the condition's page lists it: only the brands sold for it."""

    generic_name: str = fact("generic name")
    slug: str = fact("address")
    brands: tuple[BrandFacts, ...] = listed("brands", item="brand", key="name")


@dataclass(frozen=True, kw_only=True)
class TreatmentFacts:
    kind: str = fact("kind", choices=UseKind)
    note: str = fact("note")
    minimum_age: int | None = fact("minimum approved age")
    population_note: str = fact("population")
    evidence_level: str = fact("evidence level", choices=EvidenceLevel)
    drug: TreatmentDrugFacts = fact("drug")


@dataclass(frozen=True, kw_only=True)
class ConditionFacts:
    name: str = fact("name")
    slug: str = fact("address")
    definition: str = fact("definition")
    other_names: tuple[str, ...] = fact("other names", default=())
    symptoms: tuple[SymptomFacts, ...] = listed(
        "symptoms", item="symptom", key="name", together=True
    )
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
        "related articles", item="related article", key="title", together=True
    )
