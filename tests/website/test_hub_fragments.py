"""Drug hubs and condition pages outside the page cache: their facts come from fragments
cached by the approved snapshot, so a hub no longer reads and parses a snapshot per request.

Uncached hubs ran at 0.13–0.14 × hello against 0.38 × for the article (issue #15):
each read every live article's full revision (text and snapshot JSON), parsed the
newest snapshot and looked up which linked pages exist.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medinfo.models import ArticleKind
from tests.factories import BrandNameFactory, ConditionFactory, DrugFactory, UseFactory
from tests.public_site import parse, publish, republish, unpublish

pytestmark = pytest.mark.django_db

HUB_URL = "/drugs/milnacipran/"
CONDITION_URL = "/conditions/fibromyalgia/"


@pytest.fixture
def reader(client):
    """A visitor with a session cookie: the page cache passes them through to the views."""
    client.cookies["sessionid"] = "bypass-the-page-cache"
    return client


@pytest.fixture
def fibromyalgia_page(uses_article):
    """/conditions/fibromyalgia/, live beside the milnacipran article."""
    condition = uses_article.drug.uses.get(kind="approved").condition
    return publish(condition=condition, kind=ArticleKind.SYMPTOMS, slug="symptoms")


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("url", [HUB_URL, CONDITION_URL])
def test_warm_hub_runs_one_light_query(reader, fibromyalgia_page, url):
    """Served again, a hub runs one query (its article list) and reads no snapshot or text."""
    queries(reader, url)
    again = queries(reader, url)
    assert len(again) == 1
    assert '"facts"' not in again[0] and '"body"' not in again[0]


@pytest.mark.parametrize("url", [HUB_URL, CONDITION_URL])
def test_warm_hub_query_count_does_not_grow_with_its_articles(reader, fibromyalgia_page, url):
    """Ten more live articles about the subject: still one query once the facts are cached."""
    drug, condition = fibromyalgia_page.condition.uses.get().drug, fibromyalgia_page.condition
    for n in range(5):
        publish(drug=drug, kind=ArticleKind.GENERAL, slug=f"general-{n}")
        publish(condition=condition, kind=ArticleKind.GENERAL, slug=f"general-{n}")
    queries(reader, url)
    assert len(queries(reader, url)) == 1


def test_new_approval_reaches_a_warm_hub(reader, uses_article):
    """A brand added and approved in a new revision shows at once on a hub served before."""
    assert "Milnatrex" not in parse(reader.get(HUB_URL)).find("main").text
    BrandNameFactory(drug=uses_article.drug, name="Milnatrex", slug="milnatrex")
    republish(uses_article)
    assert "Milnatrex" in parse(reader.get(HUB_URL)).find("main").text


def test_warm_hub_shows_the_older_facts_again_when_the_newer_article_goes(reader, uses_article):
    """Unpublishing the newest article brings back the facts approved with the one left."""
    BrandNameFactory(drug=uses_article.drug, name="Milnatrex", slug="milnatrex")
    newer = publish(drug=uses_article.drug, kind=ArticleKind.DOSAGE, slug="dosage")
    assert "Milnatrex" in parse(reader.get(HUB_URL)).find("main").text
    unpublish(newer)
    assert "Milnatrex" not in parse(reader.get(HUB_URL)).find("main").text


def test_warm_hub_links_a_condition_once_its_page_is_live(reader, uses_article):
    """A condition page going live turns its name on a cached drug hub into a link."""
    links = {a.text for a in parse(reader.get(HUB_URL)).find("main").find_all("a")}
    assert "Fibromyalgia" not in links
    condition = uses_article.drug.uses.get(kind="approved").condition
    publish(condition=condition, kind=ArticleKind.SYMPTOMS, slug="symptoms")
    links = {a.text for a in parse(reader.get(HUB_URL)).find("main").find_all("a")}
    assert "Fibromyalgia" in links


def test_warm_condition_page_links_a_drug_once_its_hub_is_live(reader):
    """A drug hub going live turns its name on a cached condition page into a link."""
    condition = ConditionFactory(name="fibromyalgia", slug="fibromyalgia")
    drug = DrugFactory(generic_name="savolazine", slug="savolazine")
    UseFactory(drug=drug, condition=condition)
    publish(condition=condition, kind=ArticleKind.SYMPTOMS, slug="symptoms")
    assert "Savolazine" not in {a.text for a in parse(reader.get(CONDITION_URL)).find_all("a")}
    publish(drug=drug)
    assert "Savolazine" in {a.text for a in parse(reader.get(CONDITION_URL)).find_all("a")}
