"""Issue #12 item 2 on every public place that names a brand: limits and former brands.

One table of places (drug hub, its <title>, the article's at-a-glance box and JSON-LD,
condition hubs and articles, the drugs A–Z, search results, the feed, the home page and
a related-article card) checked against two rules:

- Sarafem®, sold for premenstrual dysphoric disorder (PMDD) only, is named only on the
  PMDD pages (next to that use) or with its limit: “Sarafem® for premenstrual dysphoric
  disorder only”. On the old code the fluoxetine hub and the article's at-a-glance box
  listed “Prozac®, Sarafem®”, the A–Z “Sarafem® — see fluoxetine” and the JSON-LD
  ``proprietaryName`` ["Prozac", "Sarafem"].
- ProAir HFA®, discontinued in 2022, is named only as a former brand: “formerly sold as
  ProAir HFA®” or “ProAir HFA® (former brand)”; search still finds it. On the old code
  the drugs A–Z listed “ProAir HFA® — see albuterol”, and search offered “Did you mean
  proair hfa?” (or “sarafem”) with nothing about what the brand is.
"""

import html
import re

import pytest

from drugs.models import MarketingStatus
from medinfo import workflow
from medinfo.factschema import BrandFacts
from tests.factories import (
    BrandNameFactory,
    ConditionFactory,
    DrugFactory,
    UseFactory,
    draft_article,
    editor_user,
    reviewer_user,
)
from tests.public_site import az_entries, committed, graph_nodes, json_ld, parse, publish
from website.brands import index_name

pytestmark = pytest.mark.django_db

PMDD = "premenstrual dysphoric disorder"
# Sarafem, anywhere but on a PMDD page, must carry one of these right after its name.
SARAFEM_UNLABELLED = re.compile(rf"Sarafem(?!® for {PMDD} only|® \(for {PMDD} only\))")
# ProAir HFA must be preceded or followed by words saying it is a former brand.
PROAIR_AS_CURRENT = re.compile(r"(?<!formerly sold as )ProAir HFA(?!® \(former brand\))")


def _drug(name, uses, brands):
    drug = DrugFactory(generic_name=name, slug=name, official_name="")
    for order, (condition, age) in enumerate(uses):
        condition = ConditionFactory(name=condition, slug=condition.replace(" ", "-"))
        UseFactory(drug=drug, condition=condition, minimum_age=age, order=order)
    for order, brand in enumerate(brands):
        BrandNameFactory(drug=drug, name=brand, slug=brand.split()[0].lower(), order=order)
    return drug


def _publish_related(*, condition, related):
    """The condition's overview, approved with ``related`` listed under “Related articles”."""
    editor = editor_user()
    with committed():
        article = draft_article(author=editor, condition=condition, slug="overview")
        article.related_articles.add(related)
        revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
        workflow.approve_revision(revision=revision, reviewer_user=reviewer_user())


@pytest.fixture
def brands_site():
    """Fluoxetine (Prozac®; Sarafem® for PMDD only) and albuterol (Ventolin HFA®, formerly
    ProAir HFA®), each with a live article, and live articles on their conditions."""
    fluoxetine = _drug("fluoxetine", [("depression", 8), (PMDD, 18)], ["Prozac", "Sarafem"])
    fluoxetine.brand_names.get(name="Sarafem").uses.set(
        fluoxetine.uses.filter(condition__name=PMDD)
    )
    albuterol = _drug("albuterol", [("asthma", 4)], ["Ventolin HFA", "ProAir HFA"])
    albuterol.brand_names.filter(name="ProAir HFA").update(
        status=MarketingStatus.DISCONTINUED, discontinued_year=2022
    )
    fluoxetine_uses = publish(drug=fluoxetine, title="What Is Fluoxetine Used For?")
    publish(drug=albuterol, title="What Is Albuterol Used For?")
    _publish_related(condition=fluoxetine.uses.get(condition__name="depression").condition,
                     related=fluoxetine_uses)  # fmt: skip
    publish(condition=fluoxetine.uses.get(condition__name=PMDD).condition, slug="overview")
    publish(condition=albuterol.uses.get().condition, slug="treatment")


# (place, address, names Sarafem, names ProAir HFA); every place must follow both rules.
PLACES = [
    ("drug hub", "/drugs/fluoxetine/", True, False),
    ("drug hub", "/drugs/albuterol/", False, True),
    ("article at a glance and JSON-LD", "/drugs/fluoxetine/uses/", True, False),
    ("article at a glance and JSON-LD", "/drugs/albuterol/uses/", False, True),
    ("condition hub of another use", "/conditions/depression/", False, False),
    ("condition article with a related card", "/conditions/depression/overview/", False, False),
    ("condition hub", "/conditions/asthma/", False, True),
    ("condition article", "/conditions/asthma/treatment/", False, True),
    ("drugs A–Z", "/drugs/", True, True),
    ("search by the limited brand", "/search/?q=sarafem", False, False),
    ("search by the former brand", "/search/?q=proair", False, False),
    ("search by generic name", "/search/?q=fluoxetine", False, False),
    ("search suggestion of the limited brand", "/search/?q=sarafen", True, False),
    ("search suggestion of the former brand", "/search/?q=proaer+hfa", False, True),
    ("feed", "/feeds/latest/", False, False),
    ("home", "/", False, False),
]
PMDD_PAGES = [
    "/conditions/premenstrual-dysphoric-disorder/",
    "/conditions/premenstrual-dysphoric-disorder/overview/",
]


def _everything_said(client, url):
    """The whole response as a reader or a crawler gets it: text, <title>, JSON-LD, XML."""
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(("place", "url", "names_sarafem", "names_proair"), PLACES)
def test_brands_are_named_with_their_limits_and_former_status(
    client, brands_site, place, url, names_sarafem, names_proair
):
    """No place names Sarafem® without its PMDD limit, or ProAir HFA® as a current brand."""
    said = _everything_said(client, url)
    assert not SARAFEM_UNLABELLED.findall(said), f"{place} names Sarafem® without its limit"
    assert not PROAIR_AS_CURRENT.findall(said), f"{place} names ProAir HFA® as current"
    assert ("Sarafem" in said) is names_sarafem, place
    assert ("ProAir HFA" in said) is names_proair, place


@pytest.mark.parametrize("url", PMDD_PAGES)
def test_sarafem_is_named_bare_only_next_to_pmdd(client, brands_site, url):
    """On the PMDD pages, fluoxetine's line lists Sarafem®, the brand sold for that use."""
    [line] = [li.text for li in parse(client.get(url)).find_all("li") if "Fluoxetine" in li.text]
    assert line.startswith("Fluoxetine (Prozac®, Sarafem®)")


def test_hub_and_glance_name_the_limit(client, brands_site):
    """The hub's “Brand names” and the at-a-glance box print the limit after Sarafem®."""
    limited = f"Prozac®; Sarafem® for {PMDD} only"
    hub = parse(client.get("/drugs/fluoxetine/"))
    assert limited in hub.find("dl", class_="fact-list").text
    assert hub.find("title").text.startswith("Fluoxetine (Prozac)")
    glance = parse(client.get("/drugs/fluoxetine/uses/")).find("section", class_="facts")
    assert f"Fluoxetine ({limited}) is a prescription medication" in glance.text


def test_a_to_z_labels_limited_and_former_brands(client, brands_site):
    """The drugs A–Z says what each brand is, and still links it to its drug."""
    entries = dict(az_entries(parse(client.get("/drugs/"))))
    assert entries["ProAir HFA® (former brand) — see albuterol"] == "/drugs/albuterol/"
    assert entries[f"Sarafem® (for {PMDD} only) — see fluoxetine"] == "/drugs/fluoxetine/"
    assert entries["Prozac® — see fluoxetine"] == "/drugs/fluoxetine/"


def test_search_finds_the_former_and_the_limited_brand(client, brands_site):
    """Searching a former or limited brand finds its drug's article."""
    for query, title in [("proair", "What Is Albuterol Used For?"),
                         ("sarafem", "What Is Fluoxetine Used For?")]:  # fmt: skip
        results = parse(client.get(f"/search/?q={query}")).find("ol", class_="search-results")
        assert title in results.text, query


def test_json_ld_names_only_brands_sold_for_every_use(client, brands_site):
    """proprietaryName is a bare list of names: a limited or former brand stays out of it."""
    [document] = json_ld(client.get("/drugs/fluoxetine/uses/"))
    [drug] = graph_nodes(document, "Drug")
    assert drug["proprietaryName"] == ["Prozac"]


def test_a_to_z_name_of_a_brand_sold_for_many_uses_fits_its_column():
    """A limit too long for the index's 300 characters says “for some uses only”."""
    uses = tuple(f"a long condition name number {number}" for number in range(12))
    brand = BrandFacts(name="Manyuse", mark="®", slug="manyuse", status="discontinued",
                       discontinued_year=2020, uses=uses)  # fmt: skip
    assert index_name(brand, max_length=300) == "Manyuse® (former brand, for some uses only)"
    assert len(index_name(brand, max_length=10)) == 10
    brand = BrandFacts(name="Few", mark="", slug="few", status="marketed",
                       discontinued_year=None, uses=uses[:1])  # fmt: skip
    assert index_name(brand, max_length=300) == f"Few (for {uses[0]} only)"
