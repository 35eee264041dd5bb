"""What a visitor reads on the article, reviewer and home pages; the article page's queries.

Pages that do not exist, the 500 page and the machine-readable pages are in
test_error_and_machine_pages.py.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Condition
from drugs.models import UseKind
from medinfo.models import Article, ArticleKind
from tests.factories import (
    ConditionFactory,
    ConditionSymptomFactory,
    DrugFactory,
    ReviewerFactory,
    SymptomFactory,
    UseFactory,
    draft_article,
    milnacipran,
    reviewer_user,
)
from tests.public_site import (
    MILNACIPRAN_LEAD,
    MILNACIPRAN_TITLE,
    headings,
    parse,
    publish,
    publish_milnacipran_uses,
    republish,
    skipped_heading_levels,
    unpublish,
)
from website.hubs import HubPage
from website.pages import ArticlePage

pytestmark = pytest.mark.django_db

ARTICLE_URL = "/drugs/milnacipran/uses/"


@pytest.fixture
def article_page(client, uses_article):
    response = client.get(ARTICLE_URL)
    assert response.status_code == 200
    return parse(response)


# The article page


def test_article_title_is_the_only_h1(article_page):
    """The question title is the page's one and only h1."""
    assert [text for level, text in headings(article_page) if level == 1] == [MILNACIPRAN_TITLE]


def test_article_shows_the_lead(article_page):
    """The lead paragraph opens the article."""
    assert article_page.find("p", class_="lead").text == MILNACIPRAN_LEAD


def test_approved_use_lists_the_condition_symptoms_in_order(article_page):
    """The approved use shows the condition's symptoms in the order the editors set."""
    use = article_page.find("section", class_="approved-use")
    assert use.find("h3").text == "Approved for fibromyalgia"
    symptoms = [item.text for item in use.find("ul", class_="symptoms").find_all("li")]
    assert symptoms == ["Trouble sleeping", "Morning stiffness", "Headaches"]


def test_overview_names_the_brand_and_the_drug_class(article_page):
    """The overview names the brand with its mark and the drug class as “SNRIs”."""
    overview = article_page.find("section", class_="facts").text
    assert "Savella®" in overview
    assert "SNRIs" in overview


def test_age_limit_is_stated(article_page):
    """The page says who the approved use covers and that the drug is not approved under 17."""
    age_limit = article_page.find("p", class_="age-limit").text
    assert (
        age_limit
        == "Approved for fibromyalgia in people 17 and older. Not approved for anyone under 17 years old."
    )


def test_off_label_uses_are_under_their_own_heading_marked_not_approved(article_page):
    """Off-label uses sit in their own section, plainly marked “Not approved”."""
    off_label = article_page.find("section", class_="off-label")
    assert off_label.find("h2").text == "Off-label uses of milnacipran"
    assert off_label.find("strong").text == "Not approved:"
    assert [item.text for item in off_label.find("ul").find_all("li")] == [
        "Depression. Evidence: studied in clinical trials."
    ]


def test_off_label_condition_is_not_presented_as_approved(article_page):
    """The off-label condition never appears among the approved uses."""
    approved = [section.text for section in article_page.find_all("section", class_="approved-use")]
    assert approved and not any("depression" in text.lower() for text in approved)


def test_last_reviewed_by_links_the_reviewer_with_the_date(article_page, uses_article):
    """“Last reviewed by:” names the pharmacist, links their page and gives the date."""
    reviewed_by = article_page.find("p", class_="reviewed-by")
    reviewed_at = uses_article.live_revision.reviewed_at
    assert reviewed_by.text.startswith("Last reviewed by: Kristi Monson, PharmD")
    assert reviewed_by.find("a").attrs["href"] == "/reviewers/kristi-monson/"
    assert reviewed_by.find("time").attrs["datetime"] == reviewed_at.date().isoformat()
    assert reviewed_by.find("time").text == f"{reviewed_at:%B} {reviewed_at.day}, {reviewed_at:%Y}"


def test_related_articles_lists_only_live_ones(client, uses_article):
    """Related articles show live articles by their titles and leave out unpublished ones."""
    fibromyalgia = Condition.objects.get(slug="fibromyalgia")
    live = publish(condition=fibromyalgia, slug="symptoms", title="What Is Fibromyalgia?")
    withdrawn = publish(condition=fibromyalgia, slug="treatment", kind=ArticleKind.TREATMENT,
                        title="How Is Fibromyalgia Treated?")  # fmt: skip
    draft = draft_article(drug=DrugFactory(), title="A Draft Nobody May See")
    unpublish(withdrawn)
    uses_article.related_articles.add(live, withdrawn, draft)
    republish(uses_article)  # related articles, like text, take effect when approved
    related = parse(client.get(ARTICLE_URL)).find("aside", class_="related")
    links = [(link.text, link.attrs["href"]) for link in related.find_all("a")]
    assert links == [("What Is Fibromyalgia?", "/conditions/fibromyalgia/symptoms/")]


def test_article_without_live_related_articles_has_no_related_section(article_page):
    """No empty “Related articles” box when there is nothing to list."""
    assert article_page.find_all("aside", class_="related") == []


def test_canonical_link_points_to_the_article(article_page):
    """The page names its own absolute URL as canonical."""
    canonical = article_page.find("link", rel="canonical")
    assert canonical.attrs["href"] == "http://testserver/drugs/milnacipran/uses/"


def test_open_graph_tags_describe_the_article(article_page):
    """Shared links show the article's title, lead and URL."""
    og = {
        meta.attrs["property"]: meta.attrs["content"]
        for meta in article_page.find_all("meta")
        if meta.attrs.get("property", "").startswith("og:")
    }
    assert og["og:type"] == "article"
    assert og["og:title"] == MILNACIPRAN_TITLE
    assert og["og:description"] == MILNACIPRAN_LEAD
    assert og["og:url"] == "http://testserver/drugs/milnacipran/uses/"


def test_condition_article_shows_the_condition_facts(client):
    """/conditions/<slug>/<article>/ shows the definition, the symptoms and the medicines."""
    milnacipran()
    fibromyalgia = Condition.objects.get(slug="fibromyalgia")
    publish(condition=fibromyalgia, slug="symptoms", title="What Is Fibromyalgia?")
    page = parse(client.get("/conditions/fibromyalgia/symptoms/"))
    facts = page.find("section", class_="facts")
    assert [text for level, text in headings(page) if level == 1] == ["What Is Fibromyalgia?"]
    assert "widespread muscle pain and fatigue" in facts.text
    symptoms = [item.text for item in facts.find("ul", class_="symptoms").find_all("li")]
    assert symptoms == ["Trouble sleeping", "Morning stiffness", "Headaches"]
    assert "Milnacipran (Savella®) — approved" in facts.find("ul", class_="treatments").text


# Headings on every public page


@pytest.fixture
def whole_site():
    """A drug article, a condition article and a condition page with no symptoms listed."""
    drug = milnacipran()
    reviewer = reviewer_user(display_name="Kristi Monson", slug="kristi-monson")
    publish(drug=drug, reviewer=reviewer, title=MILNACIPRAN_TITLE,
            body="<h2>How it works</h2><p>It works.</p><h3>In the brain</h3><p>Here.</p>")  # fmt: skip
    for name in ["fibromyalgia", "depression"]:
        publish(condition=Condition.objects.get(slug=name), reviewer=reviewer, slug="symptoms",
                title=f"What Is {name.capitalize()}?")  # fmt: skip


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/drugs/",
        "/drugs/milnacipran/",
        "/drugs/milnacipran/uses/",
        "/conditions/",
        "/conditions/fibromyalgia/",
        "/conditions/depression/",
        "/conditions/fibromyalgia/symptoms/",
        "/conditions/depression/symptoms/",
        "/search/?q=milnacipran",
        "/search/?q=nothingmatchesthis",
        "/reviewers/kristi-monson/",
        "/drugs/no-such-drug/",
    ],
)
def test_headings_go_down_one_level_at_a_time(client, whole_site, url):
    """Every public page has one h1 and never skips a heading level."""
    page = parse(client.get(url))
    levels = [level for level, _ in headings(page)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert skipped_heading_levels(page) == []


# Reviewer pages


@pytest.fixture
def reviewer():
    return ReviewerFactory(
        display_name="Kristi Monson",
        slug="kristi-monson",
        licence_jurisdiction="Minnesota, USA",
        bio="Kristi has twelve years of hospital pharmacy practice.",
    )


def test_reviewer_page_shows_byline_jurisdiction_and_bio(client, reviewer):
    """The reviewer page introduces the pharmacist with credentials, licence place and bio."""
    page = parse(client.get("/reviewers/kristi-monson/"))
    assert page.find("h1").text == "Kristi Monson, PharmD"
    text = page.find("article", class_="reviewer").text
    assert "Minnesota, USA" in text
    assert "twelve years of hospital pharmacy practice" in text


def test_reviewer_page_lists_the_live_articles_they_approved(client, reviewer):
    """Only live articles this pharmacist approved are listed."""
    publish_milnacipran_uses(reviewer=reviewer.user)
    publish(drug=DrugFactory(), title="Someone Else's Article")
    unpublish(publish(drug=DrugFactory(), reviewer=reviewer.user, title="A Withdrawn Article"))
    page = parse(client.get("/reviewers/kristi-monson/"))
    listed = [link.text for link in page.find("ul", class_="article-list").find_all("a")]
    assert listed == [MILNACIPRAN_TITLE]


def test_inactive_reviewer_page_is_not_found(client, reviewer):
    """A reviewer who left has no public page."""
    reviewer.is_active = False
    reviewer.save()
    assert client.get("/reviewers/kristi-monson/").status_code == 404


# Home page


def test_home_lists_the_latest_reviewed_articles_newest_first(client):
    """The home page lists recently reviewed articles, the newest first, without drafts."""
    for title in ["First Reviewed", "Second Reviewed", "Third Reviewed"]:
        publish(drug=DrugFactory(), title=title)
    draft_article(drug=DrugFactory(), title="Still A Draft")
    page = parse(client.get("/"))
    listed = [link.text for link in page.find("ul", class_="article-list").find_all("a")]
    assert listed == ["Third Reviewed", "Second Reviewed", "First Reviewed"]


def test_home_links_to_both_indexes(client):
    """The home page leads into the drug and condition A–Z indexes."""
    entry = parse(client.get("/")).find("nav", class_="az-entry")
    assert [link.attrs["href"] for link in entry.find_all("a")] == ["/drugs/", "/conditions/"]


def test_home_has_a_search_form(client):
    """The home page offers a search box that submits to /search/?q=."""
    form = parse(client.get("/")).find(
        "form", class_="search-form", **{"aria-label": "Search the articles"}
    )
    assert form.attrs["action"] == "/search/"
    assert form.find("input", type="search").attrs["name"] == "q"


# Query counts of the article page


def _sized_article(*, uses, symptoms, related):
    """A live uses article whose drug has ``uses`` uses, ``symptoms`` symptoms, ``related`` links."""
    drug = DrugFactory()
    condition = ConditionFactory()
    for _ in range(symptoms):
        ConditionSymptomFactory(condition=condition, symptom=SymptomFactory())
    UseFactory(drug=drug, condition=condition, kind=UseKind.APPROVED)
    for _ in range(uses - 1):
        UseFactory(drug=drug, kind=UseKind.OFF_LABEL)
    article = publish(drug=drug)
    article.related_articles.add(*(publish(drug=DrugFactory()) for _ in range(related)))
    return republish(article) if related else article


def _cold_queries(client, article):
    url = article.get_absolute_url()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_article_page_runs_at_most_three_queries_on_a_cold_cache(
    client, uses_article, django_assert_max_num_queries
):
    """With nothing cached, an article without ads needs at most three queries."""
    Article.objects.filter(pk=uses_article.pk).update(ads_enabled=False)
    republish(uses_article)
    cache.clear()
    with django_assert_max_num_queries(3):
        assert client.get(ARTICLE_URL).status_code == 200


def test_ad_slots_add_only_the_placement_table_on_a_cold_cache(client, uses_article):
    """With ads on, a cold article page adds one query at most: the cached placement table."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ARTICLE_URL).status_code == 200
    placements = [query for query in queries if "ads_placement" in query["sql"]]
    assert len(placements) <= 1
    assert len(queries) - len(placements) <= 3


def test_article_page_queries_do_not_grow_with_its_content(client):
    """A long article with many uses, symptoms and related articles costs as few queries."""
    # One related article at least: a page that lists none skips the related query.
    small = _sized_article(uses=1, symptoms=2, related=1)
    large = _sized_article(uses=12, symptoms=20, related=10)
    large_page = parse(client.get(large.get_absolute_url()))
    assert len(large_page.find("ul", class_="symptoms").find_all("li")) == 20
    assert len(large_page.find("aside", class_="related").find_all("li")) == 10
    assert _cold_queries(client, small) == _cold_queries(client, large) <= 4


def test_warm_article_page_without_page_cache_runs_one_query(
    client, uses_article, django_assert_num_queries
):
    """With its fragments cached, a signed-in visitor's article page costs exactly one query."""
    client.cookies["sessionid"] = "x"
    cache.clear()
    assert client.get(ARTICLE_URL).status_code == 200
    with django_assert_num_queries(1):
        response = client.get(ARTICLE_URL)
    assert MILNACIPRAN_TITLE in response.content.decode()


def test_warm_signed_in_article_page_renders_no_template(client, uses_article):
    """The page cache steps aside for a session cookie, yet a warm page is not drawn again.

    Failed before the whole page was kept under its fragments' keys: every such request
    rendered article_detail.html and its includes (half its cost in bench/).
    """
    client.cookies["sessionid"] = "x"
    first = client.get(ARTICLE_URL)
    assert "medinfo/article_detail.html" in [template.name for template in first.templates]
    second = client.get(ARTICLE_URL)
    assert second.templates == []
    assert second.content == first.content


def test_the_whole_page_key_holds_every_fragment_key():
    """Each {% cache %} fragment of the article page is keyed by parts of the whole page's key.

    A fragment keyed by something the whole page is not keyed by would change while the
    stored page did not: a stale ad, byline or related list for signed-in visitors.
    """
    source = Path(settings.BASE_DIR, "templates/medinfo/article_detail.html").read_text()
    fragments = re.findall(r"{% cache (\S+) (\S+) ([^%]*)%}", source)
    assert len(fragments) >= 6
    keyed_by = {part for _timeout, _name, vary_on in fragments for part in vary_on.split()}
    assert keyed_by <= set(ArticlePage.HTML_KEY_PARTS)


@pytest.mark.parametrize("template", ["drugs/drug_detail.html", "conditions/condition_detail.html"])
def test_the_whole_hub_key_holds_every_fragment_key(template):
    """Each {% cache %} fragment of a hub is keyed by parts of the whole hub's key."""
    source = Path(settings.BASE_DIR, "templates", template).read_text()
    fragments = re.findall(r"{% cache (\S+) (\S+) ([^%]*)%}", source)
    assert len(fragments) >= 3
    keyed_by = {part for _timeout, _name, vary_on in fragments for part in vary_on.split()}
    assert keyed_by <= set(HubPage.FRAGMENT_KEY_PARTS)


@pytest.mark.parametrize("url", ["/drugs/milnacipran/", "/conditions/fibromyalgia/"])
def test_warm_signed_in_hub_renders_no_template(client, uses_article, url):
    """A hub seen again with a session cookie is read back whole, not drawn again.

    Failed before: every such request rendered the hub's template (the hub pages ran at
    a tenth of a bare hello-world in bench/scale.sh).
    """
    fibromyalgia = Condition.objects.get(slug="fibromyalgia")
    publish(condition=fibromyalgia, slug="symptoms", title="What Is Fibromyalgia?")
    client.cookies["sessionid"] = "x"
    first = client.get(url)
    assert first.status_code == 200 and first.templates
    second = client.get(url)
    assert second.templates == []
    assert second.content == first.content


def test_signed_in_hub_lists_a_newly_published_article(client, uses_article):
    """The hub kept whole for signed-in visitors lists an article published after it."""
    client.cookies["sessionid"] = "x"
    assert "Milnacipran Dosage" not in client.get("/drugs/milnacipran/").content.decode()
    publish(drug=uses_article.drug, slug="dosage", title="Milnacipran Dosage")
    assert "Milnacipran Dosage" in client.get("/drugs/milnacipran/").content.decode()


def test_hubs_link_each_article_at_its_own_address_with_its_live_title(client):
    """A drug article, a condition article and a drug article naming the condition: each hub
    that lists one links its address (article_path, the URL contract) with its live title."""
    drug = milnacipran()
    fibromyalgia = Condition.objects.get(slug="fibromyalgia")
    listed = [
        publish(drug=drug, slug="uses", title="What Is Milnacipran Used For?"),
        publish(condition=fibromyalgia, slug="symptoms", title="What Is Fibromyalgia?"),
        publish(
            drug=drug,
            condition=fibromyalgia,
            slug="fibromyalgia",
            title="Milnacipran for Fibromyalgia",
        ),
    ]
    for hub, expected in [("/drugs/milnacipran/", [0, 2]), ("/conditions/fibromyalgia/", [1, 2])]:
        links = {
            link.attrs["href"]: link.text
            for link in parse(client.get(hub)).find("ul", class_="article-list").find_all("a")
        }
        assert links == {
            listed[i].get_absolute_url(): listed[i].live_revision.title for i in expected
        }, hub
