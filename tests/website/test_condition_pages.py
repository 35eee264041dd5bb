"""The public condition pages: condition pages, their articles and the condition A–Z index."""

import pytest

from conditions.models import Condition
from drugs.models import Drug, UseKind
from medinfo.models import ArticleKind
from tests.factories import (
    BrandNameFactory,
    ConditionFactory,
    DrugFactory,
    UseFactory,
    draft_article,
    milnacipran,
)
from tests.public_site import az_entries, parse, publish, unpublish
from website import alphabet

pytestmark = pytest.mark.django_db

PAGE_URL = "/conditions/fibromyalgia/"


@pytest.fixture
def fibromyalgia():
    """Fibromyalgia, treated with milnacipran (approved) and amitriptyline (off-label)."""
    milnacipran()
    condition = Condition.objects.get(slug="fibromyalgia")
    condition.other_names = "FMS, fibromyalgia syndrome"
    condition.save()
    amitriptyline = DrugFactory(generic_name="amitriptyline", slug="amitriptyline")
    BrandNameFactory(drug=amitriptyline, name="Elavil", slug="elavil")
    UseFactory(drug=amitriptyline, condition=condition, kind=UseKind.OFF_LABEL)
    return condition


@pytest.fixture
def symptoms_article(fibromyalgia):
    return publish(condition=fibromyalgia, slug="symptoms", title="What Is Fibromyalgia?")


@pytest.fixture
def condition_page(client, symptoms_article):
    response = client.get(PAGE_URL)
    assert response.status_code == 200
    return parse(response)


def test_condition_page_shows_name_and_definition(condition_page):
    """The page is titled with the condition and opens with its definition."""
    assert condition_page.find("h1").text == "Fibromyalgia"
    lead = condition_page.find("p", class_="lead").text
    assert lead == "A disorder that causes widespread muscle pain and fatigue."


def test_condition_page_lists_symptoms_in_order(condition_page):
    """Symptoms appear in the order the editors set."""
    symptoms = condition_page.find("ul", class_="symptoms").find_all("li")
    assert [item.text for item in symptoms] == [
        "Trouble sleeping",
        "Morning stiffness",
        "Headaches",
    ]


def test_condition_page_tells_approved_from_off_label_medicines(condition_page):
    """Each medicine used for the condition is labelled approved or off-label, not approved."""
    treatments = condition_page.find("ul", class_="treatments").find_all("li")
    assert sorted(item.text for item in treatments) == [
        "Amitriptyline (Elavil®) — off-label, not approved for this use"
        " (evidence: studied in clinical trials)",
        "Milnacipran (Savella®) — approved for people 17 and older",
    ]


def test_condition_page_links_only_medicines_that_have_a_hub(client, symptoms_article):
    """A medicine links to its drug hub only once that hub exists (it has a live article)."""
    before = parse(client.get(PAGE_URL)).find("ul", class_="treatments").find_all("a")
    publish(drug=symptoms_article.condition.uses.get(drug__slug="milnacipran").drug)
    after = parse(client.get(PAGE_URL)).find("ul", class_="treatments").find_all("a")
    assert before == []
    assert [link.attrs["href"] for link in after] == ["/drugs/milnacipran/"]


def test_condition_page_lists_only_live_articles(client, symptoms_article, fibromyalgia):
    """The page lists the condition's live articles, not drafts or unpublished ones."""
    draft_article(condition=fibromyalgia, kind=ArticleKind.TREATMENT, slug="treatment",
                  title="A Draft About Treatment")  # fmt: skip
    unpublish(publish(condition=fibromyalgia, kind=ArticleKind.GENERAL, slug="living-with",
                      title="Withdrawn Article"))  # fmt: skip
    articles = parse(client.get(PAGE_URL)).find("ul", class_="article-list").find_all("a")
    assert [(link.text, link.attrs["href"]) for link in articles] == [
        ("What Is Fibromyalgia?", "/conditions/fibromyalgia/symptoms/")
    ]


def test_condition_page_shows_approved_facts_not_later_edits(client, symptoms_article):
    """A definition edited after approval is not shown until a pharmacist approves it."""
    Condition.objects.filter(pk=symptoms_article.condition_id).update(
        definition="An unreviewed new definition."
    )
    lead = parse(client.get(PAGE_URL)).find("p", class_="lead").text
    assert lead == "A disorder that causes widespread muscle pain and fatigue."


def test_condition_with_only_a_draft_article_is_not_found(client, fibromyalgia):
    """A condition whose only article is a draft has no public page."""
    draft_article(condition=fibromyalgia, slug="symptoms")
    assert client.get(PAGE_URL).status_code == 404
    assert client.get("/conditions/fibromyalgia/symptoms/").status_code == 404


def test_condition_article_is_served_under_the_condition(client, symptoms_article):
    """/conditions/fibromyalgia/symptoms/ shows the approved article."""
    page = parse(client.get("/conditions/fibromyalgia/symptoms/"))
    assert page.find("h1").text == "What Is Fibromyalgia?"
    assert "Also known as FMS, fibromyalgia syndrome." in page.find("section", class_="facts").text


# The condition A–Z index


def test_index_lists_conditions_and_their_other_names(client, symptoms_article):
    """/conditions/ lists the condition and “FMS — see fibromyalgia”, all to its page."""
    assert az_entries(parse(client.get("/conditions/"))) == [
        ("Fibromyalgia", PAGE_URL),
        ("Fibromyalgia syndrome — see fibromyalgia", PAGE_URL),
        ("FMS — see fibromyalgia", PAGE_URL),
    ]


def test_index_leaves_out_conditions_without_live_articles(client, symptoms_article):
    """A condition mentioned only as a use, with no article of its own, is not listed."""
    names = [text for text, _ in az_entries(parse(client.get("/conditions/")))]
    assert "Depression" not in names


def test_index_letter_navigation(client, symptoms_article):
    """Letters with names are links; ?letter=F marks F as current."""
    publish(condition=ConditionFactory(name="migraine", slug="migraine"), slug="symptoms")
    page = parse(client.get("/conditions/", {"letter": "F"}))
    letters = page.find("nav", class_="az-letters")
    assert [link.text for link in letters.find_all("a")] == ["F", "M"]
    assert letters.find("a", **{"aria-current": "page"}).text == "F"
    assert "Migraine" not in [text for text, _ in az_entries(page)]


@pytest.mark.parametrize("letter", ["ZZ", "<script>", "\x00", "1", "%", "m" * 500])
def test_index_answers_404_for_a_letter_it_does_not_have(client, symptoms_article, letter):
    """Old code: ?letter=ZZ (any string) was a 200 page, each value stored in the page
    cache; only the index's own letters are pages now."""
    response = client.get("/conditions/", {"letter": letter})
    assert response.status_code == 404
    assert "<script>" not in response.content.decode()
    assert client.get("/conditions/", {"letter": letter}).status_code == 404


def test_large_index_lists_one_letter_at_a_time(client, symptoms_article, monkeypatch):
    """Beyond SINGLE_PAGE_LIMIT names, the index shows only one letter."""
    publish(condition=ConditionFactory(name="migraine", slug="migraine"), slug="symptoms")
    monkeypatch.setattr(alphabet, "SINGLE_PAGE_LIMIT", 2)
    page = parse(client.get("/conditions/"))
    assert [heading.text for heading in page.find_all("h2")] == ["F"]
    migraine = az_entries(parse(client.get("/conditions/", {"letter": "M"})))
    assert migraine == [("Migraine", "/conditions/migraine/")]


@pytest.mark.parametrize(
    "former,expected",
    [
        (["Elavil"], "formerly sold as Elavil® — off-label"),
        (["Elavil", "Endep"], "formerly sold as Elavil® and Endep® — off-label"),
        (
            ["Elavil", "Endep", "Vanatrip"],
            "formerly sold as Elavil®, Endep® and Vanatrip® — off-label",
        ),
    ],
)
def test_former_brands_read_as_one_list_before_the_dash(client, fibromyalgia, former, expected):
    """Old code: “formerly sold as ProAir HFA®, — approved” (a stray comma before the dash)
    and “A and B and C” for three former brands."""
    amitriptyline = Drug.objects.get(slug="amitriptyline")
    amitriptyline.brand_names.all().delete()
    for order, name in enumerate(former):
        BrandNameFactory(drug=amitriptyline, name=name, slug=name.lower(), order=order,
                         status="discontinued")  # fmt: skip
    publish(condition=fibromyalgia, slug="symptoms", title="What Is Fibromyalgia?")
    item = next(
        li.text for li in parse(client.get(PAGE_URL)).find_all("li") if "Amitriptyline" in li.text
    )
    assert expected in " ".join(item.split())
