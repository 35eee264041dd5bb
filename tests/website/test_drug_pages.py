"""The public drug pages: the drug hub, brand redirects and the drug A–Z index."""

import pytest

from medinfo.models import ArticleKind
from tests.factories import (
    BrandNameFactory,
    DrugFactory,
    draft_article,
    milnacipran,
)
from tests.public_site import (
    MILNACIPRAN_TITLE,
    az_entries,
    parse,
    publish,
    unpublish,
)
from website import alphabet

pytestmark = pytest.mark.django_db

HUB_URL = "/drugs/milnacipran/"


@pytest.fixture
def hub(client, uses_article):
    response = client.get(HUB_URL)
    assert response.status_code == 200
    return parse(response)


def facts_of(page):
    """The hub's fact list as {term: description}."""
    fact_list = page.find("dl", class_="fact-list")
    terms = [term.text for term in fact_list.find_all("dt")]
    return dict(zip(terms, [value.text for value in fact_list.find_all("dd")], strict=True))


# The drug hub


def test_hub_is_titled_with_the_generic_name(hub):
    """The hub's heading is the drug's generic name."""
    assert hub.find("h1").text == "Milnacipran"


def test_hub_shows_names_brands_class_and_status(hub):
    """The hub lists the official name, brands, drug class and how it is obtained."""
    facts = facts_of(hub)
    assert facts["Official name"] == "milnacipran hydrochloride"
    assert facts["Brand names"] == "Savella®"
    assert facts["Drug class"] == "serotonin-norepinephrine reuptake inhibitors (SNRIs)"
    assert facts["Availability"] == "Prescription only"
    assert (
        facts["Ages"]
        == "Approved for fibromyalgia in people 17 and older. Not approved for anyone under 17 years old."
    )


def test_hub_tells_approved_from_off_label_uses(hub):
    """Each use is labelled approved or off-label, not approved."""
    uses = [item.text for item in hub.find("ul", class_="uses").find_all("li")]
    assert uses == [
        "Fibromyalgia — approved for people 17 and older",
        "Depression — off-label, not approved (evidence: studied in clinical trials)",
    ]


def test_hub_lists_only_live_articles(client, uses_article):
    """The hub lists the drug's live articles, not drafts or unpublished ones."""
    drug = uses_article.drug
    draft_article(drug=drug, kind=ArticleKind.DOSAGE, slug="dosage", title="A Draft Dosage")
    unpublish(publish(drug=drug, kind=ArticleKind.PRECAUTIONS, slug="precautions",
                      title="Withdrawn Precautions"))  # fmt: skip
    publish(drug=drug, kind=ArticleKind.SIDE_EFFECTS, slug="side-effects",
            title="What Are the Side Effects of Milnacipran?")  # fmt: skip
    articles = parse(client.get(HUB_URL)).find("ul", class_="article-list").find_all("a")
    assert sorted((link.text, link.attrs["href"]) for link in articles) == [
        ("What Are the Side Effects of Milnacipran?", "/drugs/milnacipran/side-effects/"),
        (MILNACIPRAN_TITLE, "/drugs/milnacipran/uses/"),
    ]


def test_hub_shows_approved_facts_not_later_edits(client, uses_article):
    """A brand added after approval does not appear on the hub until a new approval."""
    BrandNameFactory(drug=uses_article.drug, name="Ixel", slug="ixel")
    assert facts_of(parse(client.get(HUB_URL)))["Brand names"] == "Savella®"


def test_brand_slug_redirects_permanently_to_the_generic(client, uses_article):
    """/drugs/savella/ answers 301 to /drugs/milnacipran/."""
    response = client.get("/drugs/savella/")
    assert response.status_code == 301
    assert response["Location"] == HUB_URL


def test_unknown_brand_is_not_found(client, uses_article):
    """A slug that is neither a drug nor a brand is 404."""
    assert client.get("/drugs/ixel/").status_code == 404


def test_brand_added_after_approval_is_not_revealed(client, uses_article):
    """A brand slug missing from every approved snapshot is 404, not a redirect."""
    BrandNameFactory(drug=uses_article.drug, name="Ixel", slug="ixel")
    assert client.get("/drugs/ixel/").status_code == 404


def test_drug_with_only_a_draft_article_has_no_hub(client):
    """A drug whose only article is a draft has no hub and no brand redirect."""
    draft_article(drug=milnacipran())
    assert client.get(HUB_URL).status_code == 404
    assert client.get("/drugs/savella/").status_code == 404


# The drug A–Z index


def test_index_lists_generic_names_and_brands_pointing_to_them(client, uses_article):
    """/drugs/ lists “milnacipran” and “Savella® — see milnacipran”, both to the hub."""
    entries = az_entries(parse(client.get("/drugs/")))
    assert entries == [("milnacipran", HUB_URL), ("Savella® — see milnacipran", HUB_URL)]


def test_index_leaves_out_drugs_without_live_articles(client, uses_article):
    """A drug with only a draft article is not in the A–Z."""
    draft_article(drug=DrugFactory(generic_name="duloxetine", slug="duloxetine"))
    names = [text for text, _ in az_entries(parse(client.get("/drugs/")))]
    assert "duloxetine" not in names


def test_index_groups_names_under_their_letters(client, uses_article):
    """Names sit under their initial's heading, and letters with names are links."""
    page = parse(client.get("/drugs/"))
    assert [heading.text for heading in page.find_all("h2")] == ["M", "S"]
    letters = page.find("nav", class_="az-letters")
    assert [link.text for link in letters.find_all("a")] == ["M", "S"]
    assert letters.find("a").attrs["href"] == "?letter=M"


def test_index_letter_filter_lists_one_letter(client, uses_article):
    """?letter=M lists only names starting with M and marks M as the current letter."""
    page = parse(client.get("/drugs/", {"letter": "M"}))
    assert [text for text, _ in az_entries(page)] == ["milnacipran"]
    current = page.find("nav", class_="az-letters").find("a", **{"aria-current": "page"})
    assert current.text == "M"


@pytest.mark.parametrize("letter", ["ZZ", "<script>", "\x00", "1", "", "é", "m" * 500])
def test_index_answers_404_for_a_letter_it_does_not_have(client, uses_article, letter):
    """Old code: ?letter=ZZ (any string) was a 200 page, each value stored in the page
    cache; only the index's own letters are pages now."""
    response = client.get("/drugs/", {"letter": letter})
    assert response.status_code == 404
    assert "<script>" not in response.content.decode()
    assert client.get("/drugs/", {"letter": letter}).status_code == 404


def test_large_index_lists_one_letter_at_a_time(client, uses_article, monkeypatch):
    """Beyond SINGLE_PAGE_LIMIT names, the index shows only the first letter with names."""
    monkeypatch.setattr(alphabet, "SINGLE_PAGE_LIMIT", 1)
    page = parse(client.get("/drugs/"))
    assert [text for text, _ in az_entries(page)] == ["milnacipran"]
    letters = page.find("nav", class_="az-letters")
    assert [link.text for link in letters.find_all("a")] == ["M", "S"]
    assert [text for text, _ in az_entries(parse(client.get("/drugs/?letter=S")))] == [
        "Savella® — see milnacipran"
    ]
