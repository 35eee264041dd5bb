"""Names that differ only in accents or stroked letters are one name (“Prózac” is “Prozac”).

On the old code (82195ae) “Prózac” (P + combining acute) and “Zołoft” (ł) were
stored beside Prozac and Zoloft and the data migrations did not exist: every
test below failed except the guard that different names stay different.
"""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from common.text import name_key
from conditions.models import Condition
from drugs.models import BrandName, Drug
from tests.admin_forms import add_condition, add_drug, refused
from tests.factories import BrandNameFactory, ConditionFactory, DrugFactory

pytestmark = pytest.mark.django_db

ACCENTED = [
    pytest.param("Prozac", "P\u0301rozac", id="p-combining-acute"),
    pytest.param("Prozac", "Pro\u0301zac", id="o-combining-acute"),
    pytest.param("Prozac", "Prózac", id="precomposed-o-acute"),
    pytest.param("Zoloft", "Zołoft", id="l-stroke"),
    pytest.param("Orsted", "Ørsted", id="o-stroke"),
    pytest.param("Dilantin", "Đilantin", id="d-stroke"),
    pytest.param("Hydrea", "Ħydrea", id="h-stroke"),
    pytest.param("Intuniv", "Ɨntuniv", id="i-bar"),
]


@pytest.mark.parametrize(("taken", "accented"), ACCENTED)
def test_accented_twin_of_a_brand_is_refused_in_the_admin(admin_client, taken, accented):
    """A new drug cannot take another drug's brand with an accent or a stroke added."""
    BrandNameFactory(name=taken, slug="taken")
    response = add_drug(admin_client, brands=[accented])
    assert refused(response)
    assert not Drug.objects.filter(slug="new-drug").exists()


@pytest.mark.parametrize(("taken", "accented"), ACCENTED)
def test_accented_twin_of_a_brand_is_refused_by_the_database(taken, accented):
    """Saved by code, past every form, the accented twin still cannot be stored."""
    BrandNameFactory(name=taken, slug="taken")
    brand = BrandName(drug=DrugFactory(), name=accented, slug="twin")
    with pytest.raises(ValidationError):
        brand.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        brand.save()


def test_accented_twin_of_a_condition_is_refused(admin_client):
    """“Ménière disease” and “Meniere disease” are one condition."""
    ConditionFactory(name="Meniere disease", slug="taken")
    assert refused(add_condition(admin_client, "Me\u0301nie\u0300re disease"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Condition.objects.create(name="Ménière disease", slug="twin", definition="A disorder.")


def test_other_scripts_and_different_letters_stay_different():
    """Removing accents does not merge different names: “Prozac” ≠ “Pruzac”, “Пrozac”."""
    keys = {name_key(name) for name in ["Prozac", "Pruzac", "Пrozac", "Prozak"]}
    assert len(keys) == 4


def run_migration(app_label, name):
    module = importlib.import_module(f"{app_label}.migrations.{name}")
    module.fill(apps, None)


def test_drug_migration_recomputes_keys_of_rows_and_history():
    """Rows and historical rows stored with the old keys get the new ones."""
    brand = BrandNameFactory(name="Zołoft", slug="zoloft")
    BrandName.objects.filter(pk=brand.pk).update(name_key="zołoft")
    brand.history.update(name_key="zołoft")
    run_migration("drugs", "0004_name_keys_without_diacritics")
    assert BrandName.objects.get(pk=brand.pk).name_key == "zoloft"
    assert set(brand.history.values_list("name_key", flat=True)) == {"zoloft"}


def test_condition_migration_stops_at_names_that_now_look_the_same():
    """Two existing conditions equal but for accents stop the migration with both names."""
    ConditionFactory(name="Meniere disease", slug="meniere")
    twin = ConditionFactory(name="Behcet disease", slug="behcet")
    Condition.objects.filter(pk=twin.pk).update(name="Ménière disease", name_key="ménière disease")
    with pytest.raises(RuntimeError, match="look the same"):
        run_migration("conditions", "0004_name_keys_without_diacritics")
