"""Brand, drug and condition names are unique ignoring letter case and look-alike letters (#10 item 8).

“Savеlla” with a Cyrillic е must not become a second Savella. Each look-alike is
refused in the admin with a message naming the clash, and by the database when
code saves it directly. On the old code (2d77638) every look-alike test failed
(each was stored as a new name) except that the mixed-case brand was already
refused by the database and listed twice in one form; the brand/generic, the
zero-width and the migration tests failed too.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from common.text import fill_name_keys, name_key
from conditions.models import Condition
from drugs.models import BrandName, Drug
from tests.admin_forms import add_condition, add_drug, refused
from tests.factories import BrandNameFactory, ConditionFactory, DrugFactory

pytestmark = pytest.mark.django_db

LOOK_ALIKES = [
    pytest.param("Savella", "Sav\u0435lla", id="cyrillic-ie"),
    pytest.param("Savella", "S\u0430vella", id="cyrillic-a"),
    pytest.param("Lexapro", "Lexapr\u043e", id="cyrillic-o"),
    pytest.param("Lexapro", "Lexapr\u03bf", id="greek-omicron"),
    pytest.param("Savella", "\uff33avella", id="fullwidth-s"),
    pytest.param("Savella", "sAVELLA", id="mixed-case"),
]


@pytest.mark.parametrize(("taken", "look_alike"), LOOK_ALIKES)
def test_look_alike_of_another_drugs_brand_is_refused_in_the_admin(admin_client, taken, look_alike):
    """A new drug cannot take another drug's brand name in disguise."""
    BrandNameFactory(name=taken, slug="taken")
    response = add_drug(admin_client, brands=[look_alike])
    assert refused(response)
    assert "This brand name already belongs to a drug." in response.content.decode()
    assert not Drug.objects.filter(slug="new-drug").exists()


@pytest.mark.parametrize(("taken", "look_alike"), LOOK_ALIKES)
def test_look_alike_brand_is_refused_by_the_database(taken, look_alike):
    """Saved by code, past every form, the brand still cannot be stored."""
    BrandNameFactory(name=taken, slug="taken")
    brand = BrandName(drug=DrugFactory(), name=look_alike, slug="look-alike")
    with pytest.raises(ValidationError):
        brand.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        brand.save()


@pytest.mark.parametrize(("taken", "look_alike"), LOOK_ALIKES)
def test_look_alike_drug_name_is_refused(admin_client, taken, look_alike):
    """A second drug whose generic name only looks different is refused, in the admin and the database."""
    DrugFactory(generic_name=taken.lower(), slug="taken")
    response = add_drug(admin_client, generic_name=look_alike.lower())
    assert refused(response)
    assert "A drug with this generic name already exists." in response.content.decode()
    with pytest.raises(IntegrityError), transaction.atomic():
        Drug.objects.create(generic_name=look_alike.lower(), slug="look-alike")


@pytest.mark.parametrize(("taken", "look_alike"), LOOK_ALIKES)
def test_look_alike_condition_name_is_refused(admin_client, taken, look_alike):
    """Conditions, too, are unique ignoring case and look-alike letters."""
    ConditionFactory(name=taken, slug="taken")
    response = add_condition(admin_client, look_alike)
    assert refused(response)
    assert "A condition with this name already exists." in response.content.decode()
    assert not Condition.objects.filter(slug="new-condition").exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Condition.objects.create(name=look_alike, slug="look-alike", definition="A disorder.")


@pytest.mark.parametrize(("taken", "look_alike"), LOOK_ALIKES)
def test_same_brand_twice_in_one_form_is_refused(admin_client, taken, look_alike):
    """Two rows of the brand inline that differ only in look-alike letters are one brand."""
    response = add_drug(admin_client, brands=[taken, look_alike])
    assert response.status_code == 200
    assert "This brand name is listed twice." in response.content.decode()
    assert not BrandName.objects.exists()


def test_brand_that_looks_like_another_drugs_generic_name_is_refused(admin_client):
    """/drugs/<slug>/ serves both, so a brand may not look like another drug's generic name."""
    DrugFactory(generic_name="milnacipran", slug="milnacipran")
    response = add_drug(admin_client, brands=["Miln\u0430cipran"])
    assert refused(response)
    assert "This is the generic name of another drug." in response.content.decode()
    assert not Drug.objects.filter(slug="new-drug").exists()


def test_generic_name_that_looks_like_another_drugs_brand_is_refused(admin_client):
    """The other way round: a new generic name may not look like another drug's brand."""
    BrandNameFactory(name="Savella", slug="savella")
    response = add_drug(admin_client, generic_name="sav\u0435lla")
    assert refused(response)
    assert "This is a brand name of another drug." in response.content.decode()


def test_names_that_only_contain_similar_letters_are_accepted(admin_client):
    """Different names stay different: “Savella” does not block “Savello” or “Sevella”."""
    BrandNameFactory(name="Savella", slug="savella")
    response = add_drug(admin_client, brands=["Sevella", "Savellax"])
    assert response.status_code == 302
    assert set(BrandName.objects.values_list("name", flat=True)) == {
        "Savella",
        "Sevella",
        "Savellax",
    }


def test_invisible_characters_do_not_make_a_new_name(admin_client):
    """A zero-width space inside a name is removed, so the name clashes as itself."""
    BrandNameFactory(name="Savella", slug="savella")
    response = add_drug(admin_client, brands=["Sav\u200bella"])
    assert refused(response)


def test_the_data_migration_fills_keys_and_stops_at_clashes():
    """Existing rows get their key; two existing names that look the same stop the migration."""
    drug = DrugFactory(generic_name="milnacipran")
    Drug.objects.filter(pk=drug.pk).update(name_key="")
    fill_name_keys(Drug, "generic_name")
    assert Drug.objects.get(pk=drug.pk).name_key == name_key("milnacipran")
    DrugFactory(generic_name="duloxetine")
    Drug.objects.filter(generic_name="duloxetine").update(generic_name="Milnacipr\u0430n")
    with pytest.raises(RuntimeError, match="look the same"):
        fill_name_keys(Drug, "generic_name")


def test_bulk_inserts_fill_the_key_too():
    """Loaders that insert in bulk get the same key, so the database still refuses a look-alike."""
    Drug.objects.bulk_create([Drug(generic_name="milnacipran", slug="milnacipran")])
    assert Drug.objects.get().name_key == name_key("milnacipran")
    with pytest.raises(IntegrityError), transaction.atomic():
        Drug.objects.bulk_create([Drug(generic_name="miln\u0430cipran", slug="look-alike")])
