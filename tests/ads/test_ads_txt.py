"""/ads.txt lists exactly the seller records and variables ad managers enter in the admin."""

import pytest
from django.urls import reverse

from tests.factories import ad_manager_user

pytestmark = pytest.mark.django_db

RECORDS = [
    ("adexchange.example", "pub-0000000000000001", "DIRECT", "f08c47fec0942fa0"),
    ("resell.example", "7777", "RESELLER", ""),
    ("video.example", "acct-42", "DIRECT", ""),
]
VARIABLES = [("CONTACT", "ads@medinfo.example"), ("OWNERDOMAIN", "medinfo.example")]


@pytest.fixture
def entered_in_admin(manager_client):
    """The records and variables, typed into the admin's add forms by an ad manager."""
    for domain, account, relationship, authority in RECORDS:
        response = manager_client.post(
            reverse("admin:ads_adstxtrecord_add"),
            {
                "ad_system_domain": domain,
                "publisher_account_id": account,
                "relationship": relationship,
                "certification_authority_id": authority,
            },
        )
        assert response.status_code == 302
    for name, value in VARIABLES:
        response = manager_client.post(
            reverse("admin:ads_adstxtvariable_add"), {"name": name, "value": value}
        )
        assert response.status_code == 302
    manager_client.logout()


def parse_ads_txt(text):
    """Seller lines as tuples (empty certification ID when absent) and variables as pairs."""
    records, variables = set(), set()
    for line in text.splitlines():
        if "=" in line:
            variables.add(tuple(line.split("=", 1)))
        elif line:
            fields = line.split(", ")
            records.add(tuple(fields) if len(fields) == 4 else (*fields, ""))
    return records, variables


def test_ads_txt_parses_back_into_the_entered_records(client, entered_in_admin):
    """Every seller line and variable entered comes back, and nothing else."""
    response = client.get("/ads.txt")
    records, variables = parse_ads_txt(response.content.decode())
    assert records == set(RECORDS)
    assert variables == set(VARIABLES)


def test_ads_txt_is_plain_text(client, entered_in_admin):
    """Exchanges fetch it as text/plain."""
    assert client.get("/ads.txt")["Content-Type"].startswith("text/plain")


def test_ads_txt_has_one_line_per_entry(client, entered_in_admin):
    """No blank or duplicate lines: one line per record and per variable."""
    lines = client.get("/ads.txt").content.decode().splitlines()
    assert len(lines) == len(RECORDS) + len(VARIABLES)


def test_duplicate_seller_line_is_refused(client, entered_in_admin):
    """Entering the same seller line twice gives a form error, not a second line."""
    client.force_login(ad_manager_user())
    domain, account, relationship, _ = RECORDS[0]
    response = client.post(
        reverse("admin:ads_adstxtrecord_add"),
        {"ad_system_domain": domain, "publisher_account_id": account, "relationship": relationship},
    )
    assert response.status_code == 200
    assert "already listed" in response.content.decode()
