"""schema.org JSON-LD on article pages, read the way a search engine reads it."""

import datetime

import pytest

from conditions.models import Condition
from tests.factories import milnacipran
from tests.public_site import (
    MILNACIPRAN_LEAD,
    MILNACIPRAN_TITLE,
    graph_nodes,
    json_ld,
    parse,
    publish,
    republish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client, uses_article):
    """The one JSON-LD document of /drugs/milnacipran/uses/."""
    documents = json_ld(client.get("/drugs/milnacipran/uses/"))
    assert len(documents) == 1
    return documents[0]


def only(document, type_name):
    nodes = graph_nodes(document, type_name)
    assert len(nodes) == 1, f"expected one {type_name}, found {len(nodes)}"
    return nodes[0]


def test_page_is_a_medical_web_page_for_patients(document):
    """The page is a MedicalWebPage named after the article, for a patient audience."""
    page = only(document, "MedicalWebPage")
    assert page["name"] == MILNACIPRAN_TITLE
    assert page["description"] == MILNACIPRAN_LEAD
    assert page["url"] == "http://testserver/drugs/milnacipran/uses/"
    assert page["medicalAudience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}


def test_page_is_reviewed_by_a_pharmacist(document, uses_article):
    """reviewedBy names the pharmacist with “PharmD”; lastReviewed is the approval date."""
    page = only(document, "MedicalWebPage")
    reviewed_at = uses_article.live_revision.reviewed_at
    assert page["reviewedBy"]["@type"] == "Person"
    assert page["reviewedBy"]["name"] == "Kristi Monson"
    assert page["reviewedBy"]["honorificSuffix"] == "PharmD"
    assert page["lastReviewed"] == reviewed_at.date().isoformat()


def test_page_dates_follow_publication_and_review(client, uses_article):
    """datePublished is the first approval; dateModified moves with each new approval."""
    first_approval = uses_article.live_revision.reviewed_at
    republish(uses_article, lead="A newly approved lead.")
    page = only(json_ld(client.get("/drugs/milnacipran/uses/"))[0], "MedicalWebPage")
    published = datetime.datetime.fromisoformat(page["datePublished"])
    modified = datetime.datetime.fromisoformat(page["dateModified"])
    assert published == first_approval
    assert modified == uses_article.live_revision.reviewed_at > first_approval


def test_page_is_about_the_drug(document):
    """The Drug node carries its generic and brand names, class and prescription status."""
    drug = only(document, "Drug")
    assert drug["name"] == "milnacipran"
    assert drug["nonProprietaryName"] == "milnacipran hydrochloride"
    assert drug["proprietaryName"] == ["Savella"]
    assert drug["drugClass"]["name"] == "serotonin-norepinephrine reuptake inhibitors"
    assert drug["prescriptionStatus"] == "https://schema.org/PrescriptionOnly"
    assert drug in only(document, "MedicalWebPage")["about"]


def test_approved_condition_lists_its_symptoms_in_order(document):
    """The approved condition is a MedicalCondition whose signOrSymptom keeps the order."""
    condition = only(document, "MedicalCondition")
    assert condition["name"] == "fibromyalgia"
    assert [symptom["name"] for symptom in condition["signOrSymptom"]] == [
        "Trouble sleeping",
        "Morning stiffness",
        "Headaches",
    ]


def test_off_label_condition_is_never_an_approved_indication(document):
    """Depression (off-label) is nowhere marked up as an approved indication or a condition."""
    indications = [node["name"] for node in graph_nodes(document, "ApprovedIndication")]
    conditions = [node["name"] for node in graph_nodes(document, "MedicalCondition")]
    assert indications == ["fibromyalgia"]
    assert "depression" not in indications + conditions


def test_breadcrumbs_are_numbered_from_one(document):
    """BreadcrumbList items run Home → Drugs → Milnacipran → article, positions 1..n."""
    items = only(document, "BreadcrumbList")["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert [item["name"] for item in items] == ["Home", "Drugs", "Milnacipran", MILNACIPRAN_TITLE]
    assert items[-1]["item"] == "http://testserver/drugs/milnacipran/uses/"


def test_condition_article_describes_the_condition(client):
    """A condition article's JSON-LD is about the MedicalCondition with ordered symptoms."""
    milnacipran()
    publish(condition=Condition.objects.get(slug="fibromyalgia"), slug="symptoms",
            title="What Is Fibromyalgia?")  # fmt: skip
    document = json_ld(client.get("/conditions/fibromyalgia/symptoms/"))[0]
    condition = only(document, "MedicalCondition")
    assert condition in only(document, "MedicalWebPage")["about"]
    assert [symptom["name"] for symptom in condition["signOrSymptom"]] == [
        "Trouble sleeping",
        "Morning stiffness",
        "Headaches",
    ]
    crumbs = only(document, "BreadcrumbList")["itemListElement"]
    assert [item["name"] for item in crumbs] == ["Home", "Conditions", "Fibromyalgia",
                                                  "What Is Fibromyalgia?"]  # fmt: skip


HOSTILE_TITLE = "Is It Safe? </script><script>alert(1)</script> & <!-- more"


def test_title_cannot_break_out_of_the_json_ld_script(client):
    """A title with </script> stays inside the JSON-LD and is parsed back exactly."""
    milnacipran()
    publish(condition=Condition.objects.get(slug="fibromyalgia"), slug="symptoms",
            title=HOSTILE_TITLE)  # fmt: skip
    response = client.get("/conditions/fibromyalgia/symptoms/")
    page = parse(response)
    inline_scripts = [script for script in page.find_all("script") if "src" not in script.attrs]
    assert len(inline_scripts) == 1
    (document,) = json_ld(response)
    assert only(document, "MedicalWebPage")["name"] == HOSTILE_TITLE
    assert only(document, "BreadcrumbList")["itemListElement"][-1]["name"] == HOSTILE_TITLE
    assert page.find("h1").text == " ".join(HOSTILE_TITLE.split())
