"""The ads admin: only ad managers and superusers get in; the report sums the counts right."""

import csv
import io

import pytest
from django.urls import reverse

from tests.ads.factories import CampaignFactory, CreativeFactory, daily_stat, days_from_today
from tests.factories import UserFactory, editor_user, reviewer_user

pytestmark = pytest.mark.django_db

REPORT = reverse("admin:ads_dailystat_report")
ADS_PAGES = [
    reverse("admin:ads_campaign_changelist"),
    reverse("admin:ads_campaign_add"),
    reverse("admin:ads_creative_changelist"),
    reverse("admin:ads_placement_changelist"),
    reverse("admin:ads_dailystat_changelist"),
    REPORT,
]


@pytest.fixture
def traffic():
    """Two campaigns, three creatives, counts on three days (one of them outside the period)."""
    pharmacy = CampaignFactory(name="Refills", advertiser="Example Pharmacy")
    clinic = CampaignFactory(name="Sleep", advertiser="Example Sleep Clinic")
    leaderboard = CreativeFactory(campaign=pharmacy, name="Leaderboard")
    banner = CreativeFactory(campaign=pharmacy, name="Banner", size="320x50")
    rectangle = CreativeFactory(campaign=clinic, name="Rectangle", size="300x250")
    daily_stat(leaderboard, impressions=1000, clicks=10, days_ago=1)
    daily_stat(leaderboard, impressions=500, clicks=5, days_ago=0)
    daily_stat(banner, impressions=300, clicks=6, days_ago=0)
    daily_stat(rectangle, impressions=200, clicks=1, days_ago=1)
    daily_stat(rectangle, impressions=9999, clicks=99, days_ago=60)  # outside the period
    return {"pharmacy": pharmacy, "clinic": clinic, "leaderboard": leaderboard}


def period(**extra):
    return {
        "start": days_from_today(-6).isoformat(),
        "end": days_from_today(0).isoformat(),
        **extra,
    }


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("url", ADS_PAGES)
def test_editor_is_refused_the_ads_admin(client, url):
    """Editors never see campaigns, creatives, placements or the report: 403."""
    client.force_login(editor_user())
    assert client.get(url).status_code == 403


def test_reviewer_is_refused_the_report(client):
    """Pharmacist reviewers have no ads permission either."""
    client.force_login(reviewer_user())
    assert client.get(REPORT).status_code == 403


@pytest.mark.parametrize("url", ADS_PAGES)
def test_ad_manager_opens_every_ads_page(manager_client, url):
    """An ad manager can open every ads admin page."""
    assert manager_client.get(url).status_code == 200


def test_superuser_opens_the_report(client):
    """Superusers have every permission, the report included."""
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(REPORT).status_code == 200


def test_ad_manager_cannot_touch_the_editorial_admin(manager_client):
    """The ads role is the ads app only: articles are 403."""
    assert manager_client.get(reverse("admin:medinfo_article_changelist")).status_code == 403


def test_daily_stats_are_read_only(manager_client, traffic):
    """Nobody adds or edits counts by hand: the add page is refused."""
    assert manager_client.get(reverse("admin:ads_dailystat_add")).status_code == 403


def test_report_shows_totals_and_ctr_by_campaign(manager_client, traffic):
    """The HTML report sums each campaign over the period and shows its click-through rate."""
    html = manager_client.get(REPORT, period()).content.decode()
    assert "Refills (Example Pharmacy)</td><td>1800</td><td>21</td><td>1.17 %" in html
    assert "Sleep (Example Sleep Clinic)</td><td>200</td><td>1</td><td>0.50 %" in html


def test_csv_export_is_an_attachment(manager_client, traffic):
    """The CSV link downloads a file instead of showing it."""
    response = manager_client.get(REPORT, period(csv="campaign"))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")


def test_csv_by_campaign_has_the_right_totals(manager_client, traffic):
    """Each campaign's sums, and a total line, for the chosen period only."""
    rows = csv_rows(manager_client.get(REPORT, period(csv="campaign")))
    assert rows == [
        ["Campaign", "Viewable impressions", "Clicks", "CTR (%)"],
        ["Refills (Example Pharmacy)", "1800", "21", "1.17"],
        ["Sleep (Example Sleep Clinic)", "200", "1", "0.50"],
        ["Total", "2000", "22", "1.10"],
    ]


def test_csv_by_day_has_the_right_totals(manager_client, traffic):
    """One line per day with every creative summed."""
    rows = csv_rows(manager_client.get(REPORT, period(csv="day")))
    assert rows[1:] == [
        [days_from_today(-1).isoformat(), "1200", "11", "0.92"],
        [days_from_today(0).isoformat(), "800", "11", "1.38"],
        ["Total", "2000", "22", "1.10"],
    ]


def test_csv_by_creative_filtered_to_one_campaign(manager_client, traffic):
    """Filtering on a campaign lists only its creatives."""
    query = period(csv="creative", campaign=traffic["pharmacy"].pk)
    rows = csv_rows(manager_client.get(REPORT, query))
    assert [row[0] for row in rows[1:]] == ["Banner – Refills", "Leaderboard – Refills", "Total"]
    assert rows[-1][1:3] == ["1800", "21"]


def test_csv_neutralises_spreadsheet_formulas(manager_client):
    """An advertiser named like a formula is exported as text, not as a formula."""
    creative = CreativeFactory(campaign=CampaignFactory(name="=HYPERLINK(1)", advertiser="X"))
    daily_stat(creative, impressions=1)
    rows = csv_rows(manager_client.get(REPORT, period(csv="campaign")))
    assert rows[1][0].startswith("'=")


def test_period_ending_before_it_starts_is_a_form_error(manager_client, traffic):
    """A backwards period shows an error instead of an empty or wrong report."""
    response = manager_client.get(REPORT, {"start": "2027-03-10", "end": "2027-03-01"})
    assert "must start before it ends" in response.content.decode()


def test_malformed_date_is_a_form_error_not_a_500(manager_client):
    """A mistyped date is shown as a form error."""
    response = manager_client.get(REPORT, {"start": "yesterday", "csv": "day"})
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()


def test_campaign_view_on_site_opens_its_report(manager_client, traffic):
    """A campaign's “view on site” link is its report."""
    url = traffic["pharmacy"].get_absolute_url()
    html = manager_client.get(url).content.decode()
    assert "<td>Refills (Example Pharmacy)</td>" in html
    assert "<td>Sleep (Example Sleep Clinic)</td>" not in html


def test_report_is_linked_from_the_daily_stats_list(manager_client):
    """Ad managers find the report from Advertising → Daily stats."""
    html = manager_client.get(reverse("admin:ads_dailystat_changelist")).content.decode()
    assert f'href="{REPORT}"' in html
