"""/ads/serve/: the JSON ads.js fills a slot with, or a clear 204 or 400."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ads import views
from ads.counting import CLICK_SALT, IMPRESSION_SALT, read_token
from ads.models import AdSize
from tests.ads.factories import CreativeFactory, PlacementFactory, image_creative
from tests.factories import DrugFactory
from tests.factories import milnacipran as milnacipran_drug

pytestmark = pytest.mark.django_db

SERVE = "/ads/serve/"


@pytest.fixture
def top():
    return PlacementFactory(code="article-top")


def serve(client, **params):
    return client.get(SERVE, {"placement": "article-top", "size": "728x90", **params})


def test_text_ad_is_served_as_json(client, top):
    """A text creative comes back with its headline, text and size."""
    creative = CreativeFactory(headline="Prescriptions delivered free", text="Order online.")
    data = serve(client).json()
    assert data["creative"] == creative.pk
    assert (data["headline"], data["text"]) == ("Prescriptions delivered free", "Order online.")
    assert (data["width"], data["height"]) == (728, 90)


def test_image_ad_is_served_with_its_alt_text(client):
    """An image creative comes back with its URL, exact size and alt text."""
    PlacementFactory(code="article-middle", size=AdSize.MEDIUM_RECTANGLE,
                     mobile_size=AdSize.MEDIUM_RECTANGLE)  # fmt: skip
    creative = image_creative()
    data = serve(client, placement="article-middle", size="300x250").json()
    assert data["image"] == creative.image.url
    assert (data["width"], data["height"], data["alt"]) == (300, 250, creative.alt_text)


def test_mobile_size_of_a_placement_is_served(client, top):
    """A narrow screen asks for the placement's mobile size and gets a creative of that size."""
    creative = CreativeFactory(size=AdSize.MOBILE_BANNER)
    assert serve(client, size="320x50").json()["creative"] == creative.pk


def test_served_ad_carries_signed_click_url_and_impression_token(client, top):
    """The click URL and impression token both name the served creative, with one nonce."""
    creative = CreativeFactory()
    data = serve(client).json()
    click_token = data["click"].removeprefix("/ads/click/").rstrip("/")
    clicked = read_token(click_token, salt=CLICK_SALT, max_age=60)
    seen = read_token(data["impression"], salt=IMPRESSION_SALT, max_age=60)
    assert clicked == seen
    assert clicked[0] == creative.pk


def test_each_serve_gets_a_fresh_nonce(client, top):
    """Two views of the same ad are two impressions, so their tokens differ."""
    CreativeFactory()
    assert serve(client).json()["impression"] != serve(client).json()["impression"]


def test_serve_response_is_never_cached(client, top):
    """Browsers and the page cache must not keep an ad choice."""
    CreativeFactory()
    response = serve(client)
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in serve(client)["Cache-Control"]


def test_nothing_eligible_is_204(client, top):
    """A slot with no eligible creative gets 204 No Content."""
    CreativeFactory(active=False)
    assert serve(client).status_code == 204


def test_disabled_placement_is_204(client, top):
    """A placement switched off serves nothing."""
    CreativeFactory()
    top.enabled = False
    top.save()
    assert serve(client).status_code == 204


def test_targeting_parameters_are_honoured(client, top):
    """A page about a drug the campaign excludes gets nothing."""
    creative = CreativeFactory()
    duloxetine, milnacipran = DrugFactory(generic_name="duloxetine"), milnacipran_drug()
    creative.campaign.exclude_drugs.add(duloxetine)
    snri = {"class": duloxetine.drug_class_id}
    assert serve(client, drug=duloxetine.pk, **snri).status_code == 204
    assert serve(client, drug=milnacipran.pk, **snri).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"placement": "nowhere"},
        {"size": "999x999"},
        {"size": "300x250"},  # a real size, but not one of this placement's
        {"placement": ""},
        {"drug": "<script>"},
        {"drug": "milnacipran"},  # a slug, as pages cached before targeting by id carried
        {"class": "snri/../x"},
        {"class": "-3"},
        {"condition": "9" * 500},
    ],
)
def test_bad_parameters_are_400(client, top, params):
    """Unknown placements or sizes and targeting that is not a row id get 400 with a JSON error."""
    CreativeFactory()
    response = serve(client, **params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_missing_parameters_are_400(client, top):
    """A request without placement and size is refused."""
    assert client.get(SERVE).status_code == 400


def test_serve_only_answers_get(client, top):
    """POST to the serve endpoint is not allowed."""
    assert client.post(SERVE, {"placement": "article-top", "size": "728x90"}).status_code == 405


def test_warm_serve_runs_no_query(client, top):
    """Once the inventory is cached, choosing an ad touches no database table."""
    CreativeFactory()
    serve(client)
    with CaptureQueriesContext(connection) as queries:
        assert serve(client).status_code == 200
    assert len(queries) == 0


def test_seeded_random_source_decides_between_equal_campaigns(client, top, monkeypatch):
    """Selection draws from views.RANDOM, so a seeded source repeats the same choices."""
    CreativeFactory()
    CreativeFactory()

    def picks():
        monkeypatch.setattr(views, "RANDOM", random.Random(7))
        return [serve(client).json()["creative"] for _ in range(20)]

    first = picks()
    assert first == picks()
    assert len(set(first)) == 2
