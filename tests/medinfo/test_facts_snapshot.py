"""The facts snapshot: one typed, versioned schema behind the page, the JSON-LD and the diff."""

import pytest

from drugs.models import UseKind
from medinfo.facts import capture_facts, facts_sources
from tests.factories import milnacipran, published_article

pytestmark = pytest.mark.django_db


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
