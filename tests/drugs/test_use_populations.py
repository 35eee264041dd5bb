"""Issue #12 items 1, 2 and 4: who a use covers, its evidence, brand status and uses, in the admin.

The database holds the rules (an off-label use names its evidence, only a
discontinued brand has a year); the admin turns every way of breaking them, and a
brand sold for another drug's use, into a form error, never a 500.
"""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from drugs.models import BrandName, EvidenceLevel, MarketingStatus, Use, UseKind
from tests.admin_forms import drug_form, inline_rows, management
from tests.factories import BrandNameFactory, ConditionFactory, DrugFactory, UseFactory

pytestmark = pytest.mark.django_db


def change_url(drug):
    return reverse("admin:drugs_drug_change", args=[drug.pk])


def saved_drug_form(drug, *, brands=(), uses=()):
    """The drug's change form with its existing brand and use rows (ids first) and new ones."""
    data = drug_form(generic_name=drug.generic_name, slug=drug.slug)
    existing_brands = [b for b in brands if "id" in b]
    data.update(
        inline_rows(
            "brand_names",
            [{"mark": "", "order": "0", "status": "marketed", **b} for b in brands],
            initial=len(existing_brands),
        )
    )
    use_rows = [{"kind": "approved", "note": "", "order": "0", **use} for use in uses]
    data.update(inline_rows("uses", use_rows, initial=len([u for u in uses if "id" in u])))
    return data


# The database rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "evidence_level"),
    [(UseKind.OFF_LABEL, ""), (UseKind.APPROVED, EvidenceLevel.CLINICAL_TRIALS)],
    ids=["off-label without evidence", "approved with evidence"],
)
def test_database_refuses_evidence_on_the_wrong_kind_of_use(kind, evidence_level):
    """An off-label use without an evidence level, or an approved one with it, is never stored."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Use.objects.create(
            drug=DrugFactory(),
            condition=ConditionFactory(),
            kind=kind,
            evidence_level=evidence_level,
        )


def test_database_refuses_a_year_on_a_marketed_brand():
    """Only a discontinued brand has a year it was discontinued."""
    with pytest.raises(IntegrityError), transaction.atomic():
        BrandNameFactory(status=MarketingStatus.MARKETED, discontinued_year=2022)
    brand = BrandNameFactory(status=MarketingStatus.DISCONTINUED, discontinued_year=2022)
    assert brand.discontinued_year == 2022


# The admin ------------------------------------------------------------------------------------


def test_drug_form_offers_the_new_fields_of_uses_and_brands(admin_client):
    """The use rows ask for age, population and evidence; the brand rows for status, year, uses."""
    use = UseFactory()
    html = admin_client.get(change_url(use.drug)).content.decode()
    for name in ("uses-0-minimum_age", "uses-0-population_note", "uses-0-evidence_level"):
        assert f'name="{name}"' in html
    for name in ("brand_names-0-status", "brand_names-0-discontinued_year", "brand_names-0-uses"):
        assert f'name="{name}"' in html


def test_brand_is_offered_only_its_own_drugs_uses(admin_client):
    """The “sold for” choices are the drug's own uses, named by their condition."""
    use = UseFactory(condition=ConditionFactory(name="depression"))
    UseFactory(condition=ConditionFactory(name="migraine"))  # another drug's use
    BrandNameFactory(drug=use.drug)
    response = admin_client.get(change_url(use.drug))
    field = response.context["inline_admin_formsets"][0].formset.forms[0].fields["uses"]
    assert [label for _, label in field.choices] == ["depression (approved)"]


def test_brand_limited_to_its_uses_is_saved(admin_client):
    """Ticking a use limits the brand to it."""
    use = UseFactory()
    data = saved_drug_form(
        use.drug,
        brands=[{"name": "Sarafem", "slug": "sarafem", "uses": [str(use.pk)]}],
        uses=[{"id": str(use.pk), "condition": str(use.condition_id)}],
    )
    response = admin_client.post(change_url(use.drug), data)
    assert response.status_code == 302
    assert list(BrandName.objects.get(name="Sarafem").uses.all()) == [use]


def test_brand_sold_for_another_drugs_use_is_a_form_error(admin_client):
    """A use of another drug, posted by hand, is refused with a message and stores nothing."""
    use, foreign = UseFactory(), UseFactory()
    data = saved_drug_form(
        use.drug,
        brands=[{"name": "Sarafem", "slug": "sarafem", "uses": [str(foreign.pk)]}],
        uses=[{"id": str(use.pk), "condition": str(use.condition_id)}],
    )
    response = admin_client.post(change_url(use.drug), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not BrandName.objects.filter(name="Sarafem").exists()


def test_standalone_brand_form_refuses_another_drugs_use(admin_client):
    """On the brand's own add form, a use of another drug is a form error too."""
    drug, foreign = DrugFactory(), UseFactory()
    data = {"drug": str(drug.pk), "name": "Sarafem", "slug": "sarafem", "mark": "",
            "order": "0", "status": "marketed", "uses": [str(foreign.pk)]}  # fmt: skip
    response = admin_client.post(reverse("admin:drugs_brandname_add"), data)
    assert response.status_code == 200
    assert "A brand can only be sold for uses of its own drug." in response.content.decode()
    assert not BrandName.objects.filter(name="Sarafem").exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"kind": "off_label"}, "An off-label use needs an evidence level"),
        ({"evidence_level": "guideline"}, "An off-label use needs an evidence level"),
        ({"minimum_age": "121"}, "The minimum age must be at most 120 years."),
    ],
    ids=["off-label without evidence", "approved with evidence", "age 121"],
)
def test_impossible_use_rows_are_form_errors(admin_client, row, message):
    """A use row breaking a rule shows the rule and stores nothing."""
    condition = ConditionFactory()
    response = admin_client.post(
        reverse("admin:drugs_drug_add"), drug_form(uses=[{"condition": str(condition.pk), **row}])
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Use.objects.exists()


@pytest.mark.parametrize(
    ("brand", "message"),
    [
        (
            {"discontinued_year": "2022"},
            "Only a discontinued brand has a year it was discontinued.",
        ),
        ({"status": "discontinued", "discontinued_year": "1492"}, "greater than or equal to 1900"),
        ({"status": "withdrawn"}, "Select a valid choice"),
    ],
    ids=["year while marketed", "year 1492", "unknown status"],
)
def test_impossible_brand_rows_are_form_errors(admin_client, brand, message):
    """A brand row breaking a rule shows the rule and stores nothing."""
    data = drug_form(brands=[{"name": "ProAir HFA", "slug": "proair", **brand}])
    response = admin_client.post(reverse("admin:drugs_drug_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BrandName.objects.exists()


def test_deleting_the_only_use_a_brand_is_sold_for_is_refused(admin_client):
    """Sarafem sold for PMDD only: deleting PMDD would silently put Sarafem next to every use."""
    pmdd = UseFactory()
    BrandNameFactory(drug=pmdd.drug, name="Sarafem", slug="sarafem").uses.set([pmdd])
    data = drug_form(generic_name=pmdd.drug.generic_name, slug=pmdd.drug.slug)
    data.update(management("brand_names", total=0))
    row = {"id": str(pmdd.pk), "condition": str(pmdd.condition_id), "DELETE": "on"}
    data.update(inline_rows("uses", [{"kind": "approved", "order": "0", **row}], initial=1))
    response = admin_client.post(change_url(pmdd.drug), data)
    assert response.status_code == 200
    assert "Sarafem® is sold only for a use you are deleting" in response.content.decode()
    assert Use.objects.filter(pk=pmdd.pk).exists()
