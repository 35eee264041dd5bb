"""A drug sold both by prescription and over the counter says so on every page (#12).

Omeprazole (Prilosec OTC) and ibuprofen (prescription strengths) could only be
“prescription only” or “over the counter”: the demo showed omeprazole as
prescription only although its article says it is sold without one.
"""

import pytest

from drugs.models import PrescriptionStatus
from tests.factories import DrugFactory
from tests.public_site import graph_nodes, json_ld, parse, publish

pytestmark = pytest.mark.django_db

OTC = "https://schema.org/OTC"
RX = "https://schema.org/PrescriptionOnly"

# status: (the hub's Availability, the at-a-glance words, JSON-LD prescriptionStatus)
WORDING = {
    PrescriptionStatus.PRESCRIPTION: ("Prescription only", "a prescription medication", RX),
    PrescriptionStatus.OVER_THE_COUNTER: (
        "Over the counter",
        "an over-the-counter medication",
        OTC,
    ),
    PrescriptionStatus.PRESCRIPTION_AND_OTC: (
        "Prescription and over the counter",
        "a medication sold both by prescription and over the counter",
        [RX, OTC],
    ),
}


@pytest.mark.parametrize("status", WORDING)
def test_availability_is_worded_on_the_hub_the_article_and_in_json_ld(client, status):
    """Every availability, each page that prints it: hub, at-a-glance box, JSON-LD."""
    availability, at_a_glance, schema = WORDING[status]
    drug = DrugFactory(generic_name="omeprazole", slug="omeprazole", prescription_status=status)
    publish(drug=drug, title="What Is Omeprazole Used For?")
    hub = parse(client.get("/drugs/omeprazole/"))
    facts = hub.find("dl", class_="fact-list")
    terms = [term.text for term in facts.find_all("dt")]
    assert facts.find_all("dd")[terms.index("Availability")].text == availability
    response = client.get("/drugs/omeprazole/uses/")
    glance = " ".join(parse(response).find("section", class_="facts").find("p").text.split())
    assert f"is {at_a_glance}" in glance
    [document] = json_ld(response)
    [node] = graph_nodes(document, "Drug")
    assert node["prescriptionStatus"] == schema
