"""The Drugs admin turns duplicate and clashing data into form errors, never a 500."""

import lxml.html
import pytest
from django.contrib import admin
from django.core.validators import validate_slug
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from drugs import admin as drug_admin
from drugs.models import BrandName, Drug, DrugClass, Use
from tests.admin_forms import drug_form
from tests.factories import BrandNameFactory, ConditionFactory, DrugFactory, UseFactory

pytestmark = pytest.mark.django_db

DRUG_ADD = reverse("admin:drugs_drug_add")
OFF_LABEL = {"kind": "off_label", "evidence_level": "clinical_trials"}
SLUG_ERROR = escape(str(validate_slug.message))


def test_drug_add_page_has_brand_and_use_inlines(admin_client):
    """The drug add page offers brand names and uses inline, under the prefixes posted here."""
    html = admin_client.get(DRUG_ADD).content.decode()
    assert 'name="brand_names-TOTAL_FORMS"' in html
    assert 'name="uses-TOTAL_FORMS"' in html


def test_duplicate_use_on_drug_change_page_is_a_form_error(admin_client):
    """Adding a second use of a drug for the same condition shows an error and stores nothing."""
    use = UseFactory()
    drug, condition = use.drug, use.condition
    rows = [
        {"id": str(use.pk), "drug": str(drug.pk), "condition": str(condition.pk)},
        {"drug": str(drug.pk), "condition": str(condition.pk), **OFF_LABEL},
    ]
    data = drug_form(generic_name=drug.generic_name, slug=drug.slug, uses=rows, uses_initial=1)
    response = admin_client.post(reverse("admin:drugs_drug_change", args=[drug.pk]), data)
    assert response.status_code == 200
    assert "Please correct the duplicate data for condition." in response.content.decode()
    assert Use.objects.filter(drug=drug).count() == 1


def test_duplicate_use_rows_on_drug_add_page_are_a_form_error(admin_client):
    """Two use rows for the same condition on a new drug show an error and store no drug."""
    condition = ConditionFactory()
    rows = [{"condition": str(condition.pk)}, {"condition": str(condition.pk), **OFF_LABEL}]
    response = admin_client.post(DRUG_ADD, drug_form(uses=rows))
    assert response.status_code == 200
    assert "Please correct the duplicate data for condition." in response.content.decode()
    assert not Drug.objects.filter(slug="duloxetine").exists()


def test_brand_name_of_another_drug_in_other_case_is_a_form_error(admin_client):
    """A brand name another drug already has, in any letter case, is refused with a message."""
    BrandNameFactory(name="Cymbalta", slug="cymbalta")
    data = drug_form(brands=[{"name": "CYMBALTA", "slug": "cymbalta-2"}])
    response = admin_client.post(DRUG_ADD, data)
    assert response.status_code == 200
    assert "This brand name already belongs to a drug." in response.content.decode()
    assert not Drug.objects.filter(slug="duloxetine").exists()
    assert BrandName.objects.count() == 1


def test_same_brand_twice_in_one_drug_form_is_a_form_error(admin_client):
    """Two rows naming the same brand in different case are refused, not a server error."""
    brands = [{"name": "Cymbalta", "slug": "cymbalta"}, {"name": "cymbalta", "slug": "cymbalta-x"}]
    response = admin_client.post(DRUG_ADD, drug_form(brands=brands))
    assert response.status_code == 200
    assert "This brand name is listed twice." in response.content.decode()
    assert not BrandName.objects.exists()


def test_invalid_drug_slug_is_a_form_error(admin_client):
    """A drug slug with spaces and punctuation is refused with the slug message."""
    response = admin_client.post(DRUG_ADD, drug_form(slug="not a slug!"))
    assert response.status_code == 200
    assert SLUG_ERROR in response.content.decode()
    assert not Drug.objects.exists()


def test_invalid_drug_class_slug_is_a_form_error(admin_client):
    """A drug class slug with spaces and punctuation is refused with the slug message."""
    data = {"name": "triptans", "abbreviation": "", "slug": "not a slug!", "description": ""}
    response = admin_client.post(reverse("admin:drugs_drugclass_add"), data)
    assert response.status_code == 200
    assert SLUG_ERROR in response.content.decode()
    assert not DrugClass.objects.exists()


def test_drug_slug_taken_by_a_brand_is_a_form_error(admin_client):
    """A drug cannot take the URL that already redirects a brand name to its generic."""
    BrandNameFactory(name="Cymbalta", slug="cymbalta")
    response = admin_client.post(DRUG_ADD, drug_form(slug="cymbalta"))
    assert response.status_code == 200
    assert "A brand name already uses this URL; choose another slug." in response.content.decode()
    assert not Drug.objects.filter(generic_name="duloxetine").exists()


def test_brand_slug_taken_by_a_drug_is_a_form_error(admin_client):
    """A brand cannot take the URL of an existing drug's page."""
    DrugFactory(generic_name="milnacipran", slug="milnacipran")
    data = drug_form(brands=[{"name": "Milnacipran Brand", "slug": "milnacipran"}])
    response = admin_client.post(DRUG_ADD, data)
    assert response.status_code == 200
    assert "A drug already uses this URL; choose another slug." in response.content.decode()
    assert not BrandName.objects.exists()


def test_brand_slug_equal_to_its_new_drug_slug_is_a_form_error(admin_client):
    """A brand added with its new drug cannot share that drug's URL."""
    data = drug_form(brands=[{"name": "Duloxetine", "slug": "duloxetine"}])
    response = admin_client.post(DRUG_ADD, data)
    assert response.status_code == 200
    assert "A drug already uses this URL; choose another slug." in response.content.decode()
    assert not Drug.objects.exists()


def test_brand_slug_taken_by_a_drug_is_refused_on_brand_name_admin(admin_client):
    """The stand-alone brand-name form refuses a drug's URL too."""
    drug = DrugFactory(generic_name="milnacipran", slug="milnacipran")
    data = {"drug": str(drug.pk), "name": "Other", "slug": "milnacipran", "mark": "", "order": "0"}
    response = admin_client.post(reverse("admin:drugs_brandname_add"), data)
    assert response.status_code == 200
    assert "A drug already uses this URL; choose another slug." in response.content.decode()
    assert not BrandName.objects.exists()


def test_valid_drug_with_brand_and_use_is_saved(admin_client):
    """A correct drug form stores the drug with its brand and use and returns to the list."""
    condition = ConditionFactory()
    data = drug_form(
        brands=[{"name": "Cymbalta", "slug": "cymbalta", "mark": "®"}],
        uses=[{"condition": str(condition.pk)}],
    )
    response = admin_client.post(DRUG_ADD, data)
    assert response.status_code == 302
    drug = Drug.objects.get(slug="duloxetine")
    assert [str(brand) for brand in drug.brand_names.all()] == ["Cymbalta®"]
    assert list(drug.uses.values_list("condition", flat=True)) == [condition.pk]


SEARCHES = ["mil", "MILNA", "savella", "hydrochloride", "mil sav", '"milnacipran hcl"', "zzz", '"']


@pytest.fixture
def named_drugs():
    milnacipran = DrugFactory(
        generic_name="milnacipran", slug="milnacipran", official_name="milnacipran HCl"
    )
    BrandNameFactory(drug=milnacipran, name="Savella", slug="savella")
    BrandNameFactory(drug=milnacipran, name="Savella XR", slug="savella-xr")
    DrugFactory(
        generic_name="fluoxetine", slug="fluoxetine", official_name="fluoxetine hydrochloride"
    )
    other = DrugFactory(generic_name="duloxetine", slug="duloxetine")
    BrandNameFactory(drug=other, name="Cymbalta", slug="cymbalta")


@pytest.mark.parametrize("term", SEARCHES)
def test_drug_search_finds_what_the_search_fields_find(named_drugs, rf, term):
    """Generic, official or brand name containing every word, as Django's own search over
    ``search_fields`` finds them, each drug once."""
    drug_admin = admin.site._registry[Drug]
    request = rf.get("/admin/drugs/drug/")
    found, duplicates = drug_admin.get_search_results(request, Drug.objects.all(), term)
    expected, _ = admin.ModelAdmin.get_search_results(drug_admin, request, Drug.objects.all(), term)
    assert not duplicates
    assert sorted(d.pk for d in found) == sorted({d.pk for d in expected.distinct()})


def test_drug_autocomplete_joins_no_brands(named_drugs, admin_client):
    """The autocomplete finds a drug by brand without a DISTINCT over drugs joined to their
    brands (failed on the old code, whose two DISTINCT queries took 32 ms at 10,000 drugs,
    issue #15)."""
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(
            "/admin/autocomplete/",
            {"app_label": "medinfo", "model_name": "article", "field_name": "drug", "term": "sav"},
        )
    assert [item["text"] for item in response.json()["results"]] == ["milnacipran"]
    drug_queries = [q["sql"] for q in queries.captured_queries if "LIKE" in q["sql"]]
    assert drug_queries
    assert not any("DISTINCT" in sql or "JOIN" in sql for sql in drug_queries), drug_queries


def test_drug_list_shows_each_drugs_own_brands_and_youngest_approved_age(admin_client):
    """Each row lists its drug's brands and the youngest age its approved uses cover
    (read for the whole page at once since issue #15, no longer row by row)."""
    child = DrugFactory(generic_name="childdrug")
    BrandNameFactory(drug=child, name="Kiddo", mark="®")
    UseFactory(drug=child, kind="approved", minimum_age=6)
    UseFactory(drug=child, kind="approved", minimum_age=12)
    UseFactory(drug=child, kind="off_label", minimum_age=2, **{"evidence_level": "clinical_trials"})
    adult = DrugFactory(generic_name="adultdrug")
    BrandNameFactory(drug=adult, name="Grownup", mark="")
    UseFactory(drug=adult, kind="approved", minimum_age=18)
    html = admin_client.get(reverse("admin:drugs_drug_changelist")).content.decode()
    page = lxml.html.fromstring(html)
    rows = {
        row.xpath("th")[0].text_content(): [cell.text_content() for cell in row.xpath("td")]
        for row in page.xpath("//table[@id='result_list']/tbody/tr")
    }
    assert rows["childdrug"][1:2] == ["Kiddo®"] and rows["childdrug"][-1] == "6"
    assert rows["adultdrug"][1:2] == ["Grownup"] and rows["adultdrug"][-1] == "18"


def test_drug_form_builds_each_brand_row_once(admin_client, monkeypatch):
    """The brand inline builds one form per row: the brand, the blank row and the row
    "Add another" copies (that last one was built anew each of the 3 times the admin
    asked for it, issue #15)."""
    built = []
    real_init = drug_admin.BrandNameForm.__init__

    def init(self, *args, **kwargs):
        built.append(kwargs.get("prefix"))
        real_init(self, *args, **kwargs)

    drug = DrugFactory()
    BrandNameFactory(drug=drug)
    monkeypatch.setattr(drug_admin.BrandNameForm, "__init__", init)
    response = admin_client.get(reverse("admin:drugs_drug_change", args=[drug.pk]))
    assert response.status_code == 200
    assert 'name="brand_names-__prefix__-name"' in response.content.decode()
    assert sorted(built) == ["brand_names-0", "brand_names-1", "brand_names-__prefix__"]
