"""Viewable impressions and clicks: counted once per served ad, never for robots or forgeries."""

import pytest
from django.core import signing
from django.urls import reverse

from ads.counting import CLICK_SALT, sign_token
from ads.models import DailyStat
from tests.ads.factories import BROWSER_USER_AGENT, CreativeFactory, PlacementFactory

pytestmark = pytest.mark.django_db

IMPRESSION = "/ads/impression/"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
HEADLESS_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/124.0.0.0 Safari/537.36"
)


@pytest.fixture
def served(client):
    """The JSON of one ad served to a browser."""
    PlacementFactory(code="article-top")
    creative = CreativeFactory(destination_url="https://pharmacy.example/refills?from=medinfo")
    data = client.get("/ads/serve/", {"placement": "article-top", "size": "728x90"}).json()
    data["creative_object"] = creative
    return data


def beacon(client, token, user_agent=BROWSER_USER_AGENT):
    return client.post(IMPRESSION, {"token": token}, headers={"user-agent": user_agent})


def visit(client, url, user_agent=BROWSER_USER_AGENT):
    return client.get(url, headers={"user-agent": user_agent})


def counts(creative):
    stat = DailyStat.objects.filter(creative=creative).first()
    return (stat.impressions, stat.clicks) if stat else (0, 0)


def test_viewable_impression_is_counted(client, served):
    """A beacon with the served token adds one impression to today's row."""
    response = beacon(client, served["impression"])
    assert response.status_code == 204
    assert counts(served["creative_object"]) == (1, 0)


def test_repeated_beacon_counts_once(client, served):
    """Sending the same token again (a retry, a replay) does not count twice."""
    for _ in range(3):
        assert beacon(client, served["impression"]).status_code == 204
    assert counts(served["creative_object"]) == (1, 0)


def test_two_views_of_the_same_ad_count_twice(client, served):
    """Each serve has its own nonce, so two page views are two impressions."""
    second = client.get("/ads/serve/", {"placement": "article-top", "size": "728x90"}).json()
    beacon(client, served["impression"])
    beacon(client, second["impression"])
    assert counts(served["creative_object"]) == (2, 0)


def test_forged_impression_token_is_400(client, served):
    """A token not signed with the site's key is refused and counts nothing."""
    forged = signing.dumps(
        {"c": served["creative"], "n": "x"}, key="not-the-key", salt="ads.impression"
    )
    assert beacon(client, forged).status_code == 400
    assert counts(served["creative_object"]) == (0, 0)


def test_tampered_impression_token_is_400(client, served):
    """Changing a character of a real token breaks its signature."""
    token = served["impression"]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert beacon(client, tampered).status_code == 400
    assert counts(served["creative_object"]) == (0, 0)


def test_click_token_is_not_an_impression_token(client, served):
    """A token signed for clicks cannot be replayed as an impression."""
    click_token = sign_token(creative_id=served["creative"], nonce="n1", salt=CLICK_SALT)
    assert beacon(client, click_token).status_code == 400


def test_missing_token_is_400(client, served):
    """A beacon without a token is refused."""
    assert client.post(IMPRESSION, headers={"user-agent": BROWSER_USER_AGENT}).status_code == 400


def test_expired_impression_token_is_400(client, served, settings):
    """A token older than MEDINFO_ADS_IMPRESSION_MAX_AGE no longer counts."""
    settings.MEDINFO_ADS_IMPRESSION_MAX_AGE = -1
    assert beacon(client, served["impression"]).status_code == 400
    assert counts(served["creative_object"]) == (0, 0)


def test_impression_endpoint_refuses_get(client, served):
    """Impressions are only reported by POST (sendBeacon)."""
    assert client.get(IMPRESSION, {"token": served["impression"]}).status_code == 405


def test_robot_impression_is_not_counted(client, served):
    """A crawler's beacon is answered 204 but not counted."""
    assert beacon(client, served["impression"], GOOGLEBOT).status_code == 204
    assert counts(served["creative_object"]) == (0, 0)


def test_headless_chrome_is_a_browser(client, served):
    """Headless Chromium's user agent is not mistaken for a robot."""
    beacon(client, served["impression"], HEADLESS_CHROME)
    assert counts(served["creative_object"]) == (1, 0)


def test_impression_of_a_deleted_creative_counts_nothing(client, served):
    """A valid token for a creative deleted since is answered 204 and leaves no row."""
    served["creative_object"].delete()
    assert beacon(client, served["impression"]).status_code == 204
    assert DailyStat.objects.count() == 0


def test_click_redirects_to_the_stored_destination(client, served):
    """The click URL sends the visitor to the creative's destination."""
    response = visit(client, served["click"])
    assert response.status_code == 302
    assert response["Location"] == "https://pharmacy.example/refills?from=medinfo"


def test_click_is_counted_once(client, served):
    """Following the same click URL twice redirects twice but counts one click."""
    visit(client, served["click"])
    assert visit(client, served["click"]).status_code == 302
    assert counts(served["creative_object"]) == (0, 1)


def test_click_follows_a_changed_destination(client, served):
    """The destination is read from the database at click time, not from the URL."""
    creative = served["creative_object"]
    creative.destination_url = "https://pharmacy.example/new-offer"
    creative.save()
    assert visit(client, served["click"])["Location"] == "https://pharmacy.example/new-offer"


def test_tampered_click_token_is_400_without_redirect(client, served):
    """A click URL whose token was altered shows the 400 page and redirects nowhere."""
    url = served["click"]
    tampered = url.replace("/ads/click/", "/ads/click/x", 1)
    response = visit(client, tampered)
    assert response.status_code == 400
    assert "Location" not in response
    assert b"Bad request" in response.content
    assert counts(served["creative_object"]) == (0, 0)


def test_forged_click_token_naming_another_site_is_400(client, served):
    """A token the site did not sign cannot redirect, whatever it contains."""
    forged = signing.dumps(
        {"c": served["creative"], "n": "x", "url": "https://evil.example/"},
        key="guessed-key",
        salt=CLICK_SALT,
    )
    response = visit(client, reverse("ads:click", args=[forged]))
    assert response.status_code == 400
    assert "Location" not in response


def test_impression_token_is_not_a_click_token(client, served):
    """An impression token pasted into a click URL is refused."""
    response = visit(client, reverse("ads:click", args=[served["impression"]]))
    assert response.status_code == 400


def test_expired_click_token_is_400(client, served, settings):
    """A click URL older than MEDINFO_ADS_CLICK_MAX_AGE no longer works."""
    settings.MEDINFO_ADS_CLICK_MAX_AGE = -1
    response = visit(client, served["click"])
    assert response.status_code == 400
    assert "Location" not in response


def test_robot_click_redirects_but_is_not_counted(client, served):
    """A crawler following an ad link reaches the destination without adding a click."""
    assert visit(client, served["click"], GOOGLEBOT).status_code == 302
    assert counts(served["creative_object"]) == (0, 0)


def test_click_on_a_deleted_creative_is_404(client, served):
    """A signed click URL for a creative deleted since leads to the 404 page."""
    served["creative_object"].delete()
    assert visit(client, served["click"]).status_code == 404


def test_impressions_and_clicks_share_one_row_per_day(client, served):
    """Counts for one creative and day accumulate in a single DailyStat row."""
    beacon(client, served["impression"])
    visit(client, served["click"])
    assert DailyStat.objects.filter(creative=served["creative_object"]).count() == 1
    assert counts(served["creative_object"]) == (1, 1)
