"""Issue #12 items 1–3 on the public pages: ages per use, brands per use, former brands, evidence.

Each test failed on the code before the pages read these facts: articles and hubs
printed one age per drug (“not approved for children or adolescents under 6” for
every sertraline use), every brand next to every use, discontinued brands as
current, and off-label uses without their evidence.
"""

import pytest

from drugs.models import EvidenceLevel, MarketingStatus, UseKind
from tests.factories import (
    BrandNameFactory,
    ConditionFactory,
    DrugFactory,
    UseFactory,
    milnacipran,
)
from tests.public_site import graph_nodes, json_ld, parse, publish

pytestmark = pytest.mark.django_db


def drug_with_uses(name, ages, brands=()):
    """A drug approved for each (condition, minimum age) of ``ages``, with ``brands``."""
    drug = DrugFactory(generic_name=name, slug=name, official_name="")
    for order, (condition, age) in enumerate(ages):
        slug = condition.replace(" ", "-")
        condition = ConditionFactory(name=condition, slug=slug)
        UseFactory(drug=drug, condition=condition, minimum_age=age, order=order)
    for order, brand in enumerate(brands):
        BrandNameFactory(drug=drug, name=brand, slug=brand.lower().replace(" ", "-"), order=order)
    return drug


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response).text


# (drug, its approved uses with their ages, the sentence its pages print)
AGES = {
    "sertraline": (
        [("depression", 18), ("obsessive-compulsive disorder", 6), ("panic disorder", 18)],
        "Approved for obsessive-compulsive disorder in children 6 and older and adults; "
        "for depression and panic disorder in adults only. "
        "Not approved for anyone under 6 years old.",
    ),
    "duloxetine": (
        [("depression", 18), ("generalized anxiety disorder", 7), ("fibromyalgia", 13)],
        "Approved for generalized anxiety disorder in children 7 and older and adults; "
        "for fibromyalgia in people 13 and older; for depression in adults only. "
        "Not approved for anyone under 7 years old.",
    ),
    "venlafaxine": (
        [("depression", 18), ("panic disorder", 18)],
        "Approved for depression and panic disorder in adults only. Not approved for children.",
    ),
}


@pytest.mark.parametrize("name", AGES)
def test_article_and_hub_name_the_ages_of_each_use(client, name):
    """The uses article and the drug's hub say which use is approved from which age."""
    ages, sentence = AGES[name]
    publish(drug=drug_with_uses(name, ages), title=f"What Is {name.title()} Used For?")
    for url in (f"/drugs/{name}/uses/", f"/drugs/{name}/"):
        text = page_text(client, url)
        assert sentence in text, url
        assert "or adolescents under" not in text, "the old drug-wide age line"


def test_milnacipran_is_approved_from_17_and_not_under_17(client):
    """Milnacipran's one use: fibromyalgia from 17, the label's pediatric limit.

    The page said "Approved for fibromyalgia in adults. Not approved for anyone under
    17", which reads as a contradiction (the population note said "adults")."""
    publish(drug=milnacipran())
    text = page_text(client, "/drugs/milnacipran/uses/")
    assert (
        "Approved for fibromyalgia in people 17 and older. Not approved for anyone under 17 years old."
        in text
    )
    assert "in adults" not in text


def test_a_use_from_birth_names_no_age_limit(client):
    """A use that covers babies (minimum age 0: omeprazole from 1 month) leaves out the
    age-limit sentence; it printed "Not approved for anyone under 0 year old."."""
    publish(drug=drug_with_uses("omeprazole", [("gerd", 0), ("ulcers", 18)]))
    for url in ("/drugs/omeprazole/uses/", "/drugs/omeprazole/"):
        text = page_text(client, url)
        assert "Approved for gerd in people of all ages; for ulcers in adults only." in text
        assert "under 0" not in text and "Not approved for anyone" not in text, url


def test_each_approved_use_section_names_who_it_covers(client):
    """Under “Approved for obsessive-compulsive disorder” the section says who it is for."""
    publish(drug=drug_with_uses("sertraline", AGES["sertraline"][0]))
    page = parse(client.get("/drugs/sertraline/uses/"))
    sections = {s.find("h3").text: s.text for s in page.find_all("section", class_="approved-use")}
    assert (
        "Approved for children 6 and older and adults."
        in (sections["Approved for obsessive-compulsive disorder"])
    )
    assert "Approved for adults only." in sections["Approved for depression"]


def test_json_ld_indications_say_who_the_approval_covers(client):
    """Each ApprovedIndication carries its population as its description."""
    publish(drug=drug_with_uses("sertraline", AGES["sertraline"][0]))
    [document] = json_ld(client.get("/drugs/sertraline/uses/"))
    [drug] = graph_nodes(document, "Drug")
    described = {node["name"]: node.get("description") for node in drug["indication"]}
    assert described["obsessive-compulsive disorder"] == (
        "Approved for children 6 and older and adults."
    )
    assert described["depression"] == "Approved for adults only."


# Brands sold for some uses only ----------------------------------------------------------


@pytest.fixture
def fluoxetine_conditions():
    """Fluoxetine: Prozac for depression, Sarafem for PMDD; live pages on both conditions."""
    drug = drug_with_uses(
        "fluoxetine",
        [("depression", 8), ("premenstrual dysphoric disorder", 18)],
        brands=["Prozac", "Sarafem"],
    )
    for brand, condition in [
        ("Prozac", "depression"),
        ("Sarafem", "premenstrual dysphoric disorder"),
    ]:
        drug.brand_names.get(name=brand).uses.set(drug.uses.filter(condition__name=condition))
    for condition in ("depression", "premenstrual-dysphoric-disorder"):
        publish(condition=drug.uses.get(condition__slug=condition).condition, slug="overview")
    return drug


def treatment_line(client, url):
    """The fluoxetine line of a condition page's “Medicines used for …” list."""
    [line] = [li.text for li in parse(client.get(url)).find_all("li") if "Fluoxetine" in li.text]
    return line


@pytest.mark.parametrize("page", ["/conditions/{}/", "/conditions/{}/overview/"])
def test_sarafem_appears_only_next_to_pmdd(client, fluoxetine_conditions, page):
    """Sarafem® is listed with fluoxetine on the PMDD pages only; Prozac® on depression's."""
    depression = treatment_line(client, page.format("depression"))
    pmdd = treatment_line(client, page.format("premenstrual-dysphoric-disorder"))
    assert "Prozac®" in depression and "Sarafem" not in depression
    assert "Sarafem®" in pmdd and "Prozac" not in pmdd
    assert "approved for children 8 and older and adults" in depression


# Discontinued brands ------------------------------------------------------------------------------


@pytest.fixture
def albuterol():
    """Albuterol, sold as Ventolin HFA, formerly also as ProAir HFA (discontinued in 2022)."""
    drug = drug_with_uses("albuterol", [("asthma", 4)], brands=["Ventolin HFA", "ProAir HFA"])
    drug.brand_names.filter(name="ProAir HFA").update(
        status=MarketingStatus.DISCONTINUED, discontinued_year=2022
    )
    publish(drug=drug)
    publish(condition=drug.uses.get().condition, slug="treatment")
    return drug


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/drugs/albuterol/uses/", "Albuterol (Ventolin HFA®), formerly sold as ProAir HFA®, is"),
        ("/drugs/albuterol/", "Ventolin HFA®; formerly sold as ProAir HFA®"),
        ("/conditions/asthma/", "Albuterol (Ventolin HFA®), formerly sold as ProAir HFA® —"),
        ("/conditions/asthma/treatment/", "(Ventolin HFA®), formerly sold as ProAir HFA® —"),
    ],
)
def test_discontinued_brand_shows_as_former(client, albuterol, url, expected):
    """ProAir HFA® is named as a former brand, never as a current one."""
    text = page_text(client, url)
    assert expected in text
    assert "ProAir HFA®)" not in text and "(ProAir" not in text


def test_json_ld_names_only_marketed_brands(client, albuterol):
    """proprietaryName lists the brands the drug is sold under today."""
    [document] = json_ld(client.get("/drugs/albuterol/uses/"))
    [drug] = graph_nodes(document, "Drug")
    assert drug["proprietaryName"] == ["Ventolin HFA"]


# Evidence of off-label uses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "words"),
    [
        (EvidenceLevel.GUIDELINE, "recommended in clinical guidelines"),
        (EvidenceLevel.CLINICAL_TRIALS, "studied in clinical trials"),
        (EvidenceLevel.CASE_REPORTS, "limited (only reports about single patients)"),
        (EvidenceLevel.EXPERT_OPINION, "based on expert opinion only"),
    ],
)
def test_not_approved_box_says_the_evidence_in_plain_words(client, level, words):
    """Each off-label use in the “Not approved” box says how strong its evidence is."""
    drug = milnacipran()
    drug.uses.filter(kind=UseKind.OFF_LABEL).update(evidence_level=level)
    article = publish(drug=drug)
    box = parse(client.get(article.get_absolute_url())).find("section", class_="off-label")
    assert f"Depression. Evidence: {words}." in box.text


def test_condition_and_hub_pages_show_off_label_evidence(client):
    """Next to an off-label use, the hubs say what the evidence is."""
    drug = milnacipran()
    publish(drug=drug)
    depression = drug.uses.get(kind=UseKind.OFF_LABEL).condition
    publish(condition=depression, slug="overview")
    expected = "off-label, not approved for this use (evidence: studied in clinical trials)"
    assert expected in page_text(client, "/conditions/depression/")
    assert "(evidence: studied in clinical trials)" in page_text(client, "/drugs/milnacipran/")
