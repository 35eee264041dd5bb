"""What the admin accepts as a creative or a campaign: safe links, real images of the right size."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from ads.models import Campaign, Creative, Placement
from tests.ads.factories import CampaignFactory, days_from_today, png_upload
from tests.images import png_bytes

pytestmark = pytest.mark.django_db

ADD_CREATIVE = reverse("admin:ads_creative_add")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="250"><script>alert(1)</script></svg>'


@pytest.fixture
def campaign():
    return CampaignFactory()


def text_ad(campaign, **fields):
    return {
        "campaign": campaign.pk,
        "name": "Leaderboard",
        "size": "728x90",
        "headline": "Prescriptions delivered free",
        "text": "Order refills online.",
        "destination_url": "https://pharmacy.example/",
        "active": "on",
        **fields,
    }


def image_ad(campaign, image, **fields):
    image_fields = {"size": "300x250", "headline": "", "text": "", "image": image,
                    "alt_text": "Example Pharmacy: refills delivered"}  # fmt: skip
    return text_ad(campaign, **{**image_fields, **fields})


def form_errors(response):
    """Field name → error messages of the admin form the response shows again."""
    assert response.status_code == 200, "the form was accepted"
    form = response.context["adminform"].form
    return {name: " ".join(messages) for name, messages in form.errors.items()}


def test_text_ad_is_saved(manager_client, campaign):
    """A headline, a text and an https destination make a valid text ad."""
    response = manager_client.post(ADD_CREATIVE, text_ad(campaign))
    assert response.status_code == 302
    assert Creative.objects.get().headline == "Prescriptions delivered free"


@pytest.mark.parametrize(
    "destination",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "ftp://files.example/ad",
        "vbscript:msgbox(1)",
    ],
)
def test_unsafe_destination_is_a_form_error(manager_client, campaign, destination):
    """Only http and https destinations are accepted; script and data URLs never are."""
    response = manager_client.post(ADD_CREATIVE, text_ad(campaign, destination_url=destination))
    assert "destination_url" in form_errors(response)
    assert not Creative.objects.exists()


def test_image_ad_of_the_exact_size_is_saved_under_a_random_name(manager_client, campaign):
    """A 300 × 250 PNG for a medium rectangle is stored, named randomly, not by the uploader."""
    upload = png_upload((300, 250), name="Jane Doe's ad (final).png")
    response = manager_client.post(ADD_CREATIVE, image_ad(campaign, upload))
    assert response.status_code == 302
    stored = Creative.objects.get().image.name
    assert re.fullmatch(r"ad-creatives/[0-9a-f]{32}\.png", stored)


def test_image_of_the_wrong_size_is_a_form_error(manager_client, campaign):
    """A 728 × 90 image cannot be a medium rectangle."""
    response = manager_client.post(ADD_CREATIVE, image_ad(campaign, png_upload((728, 90))))
    assert "728 × 90" in form_errors(response)["image"]
    assert not Creative.objects.exists()


def test_image_over_150_kb_is_a_form_error(manager_client, campaign):
    """An image of the right size but over 150 KB is refused with its size in the message."""
    upload = png_upload((300, 250), noise=True)
    assert upload.size > 150 * 1024
    response = manager_client.post(ADD_CREATIVE, image_ad(campaign, upload))
    assert "the limit is 150" in form_errors(response)["image"]


def test_non_image_upload_is_a_form_error(manager_client, campaign):
    """A text file renamed .png is not an image."""
    upload = SimpleUploadedFile("ad.png", b"not an image at all", content_type="image/png")
    response = manager_client.post(ADD_CREATIVE, image_ad(campaign, upload))
    assert "image" in form_errors(response)
    assert not Creative.objects.exists()


@pytest.mark.parametrize("name", ["ad.svg", "ad.png"])
def test_svg_upload_is_a_form_error(manager_client, campaign, name):
    """SVG (which can carry script) is refused, whatever the file is called."""
    upload = SimpleUploadedFile(name, SVG, content_type="image/svg+xml")
    response = manager_client.post(ADD_CREATIVE, image_ad(campaign, upload))
    assert "image" in form_errors(response)


def test_image_without_alt_text_is_a_form_error(manager_client, campaign):
    """An image ad must say in words what the image says."""
    response = manager_client.post(
        ADD_CREATIVE, image_ad(campaign, png_upload((300, 250)), alt_text="")
    )
    assert "alt_text" in form_errors(response)


@pytest.mark.parametrize(
    "filled",
    [
        {"headline": "Also a headline", "text": "And text"},
        {"headline": "Also a headline"},
        {"text": "And text"},
    ],  # fmt: skip
    ids=["both", "headline", "text"],
)
def test_image_and_text_together_is_a_form_error(manager_client, campaign, filled):
    """A creative is an image ad or a text ad, not both: the fields to clear are marked.

    Failed before for "text" (outside attack): the error stood at the empty headline.
    """
    data = image_ad(campaign, png_upload((300, 250)), **filled)
    assert set(form_errors(manager_client.post(ADD_CREATIVE, data))) == set(filled)


@pytest.mark.parametrize(
    ("blank", "missing"),
    [
        ({"headline": "", "text": ""}, {"headline", "text"}),
        ({"headline": ""}, {"headline"}),
        ({"text": ""}, {"text"}),
    ],  # fmt: skip
    ids=["neither", "no headline", "no text"],
)
def test_creative_without_image_or_text_is_a_form_error(manager_client, campaign, blank, missing):
    """A creative without an image is refused with what it lacks said at each field, and
    nothing else.

    Failed before (outside attack): a second message, from the database constraint,
    said the creative was "an image with alt text or a headline with text, not both",
    though it had neither.
    """
    response = manager_client.post(ADD_CREATIVE, text_ad(campaign, **blank))
    errors = form_errors(response)
    assert set(errors) == missing
    assert all("or upload an image" in errors[name] for name in missing)
    assert "not both" not in response.content.decode()
    assert not Creative.objects.exists()


def test_database_refuses_a_creative_that_is_both_image_and_text(campaign):
    """The image-xor-text rule holds even for code that skips validation."""
    with pytest.raises(IntegrityError):
        Creative.objects.create(
            campaign=campaign, name="Both", size="300x250", image="ad-creatives/x.png",
            alt_text="Alt", headline="Headline", text="Text", destination_url="https://a.example/",
        )  # fmt: skip


def test_campaign_ending_before_it_starts_is_invalid():
    """A campaign's last day cannot precede its first."""
    campaign = Campaign(name="Backwards", advertiser="Example Pharmacy",
                        start_date=days_from_today(5), end_date=days_from_today(1))  # fmt: skip
    with pytest.raises(ValidationError, match="cannot come before the first day"):
        campaign.full_clean()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"weight": 0}, "weight must be at least 1"),
        ({"impression_cap": 0}, "cap must be at least 1"),
    ],
)
def test_zero_weight_or_cap_is_invalid(fields, message):
    """A weight or an impression cap of 0 would never show the campaign, so it is refused."""
    campaign = CampaignFactory.build(**fields)
    with pytest.raises(ValidationError, match=message):
        campaign.full_clean()


def test_placement_mobile_size_must_fit_a_phone():
    """A billboard cannot be a placement's narrow-screen size."""
    placement = Placement(code="sidebar", name="Sidebar", size="970x250", mobile_size="970x250")
    with pytest.raises(ValidationError):
        placement.full_clean()


def test_campaign_admin_saves_creatives_inline(manager_client):
    """An ad manager creates a campaign and its text ad on one page."""
    data = {
        "name": "Spring offer", "advertiser": "Example Pharmacy", "status": "active",
        "start_date": days_from_today(0).isoformat(), "end_date": days_from_today(30).isoformat(),
        "weight": "2", "impression_cap": "",
        "creatives-TOTAL_FORMS": "1", "creatives-INITIAL_FORMS": "0",
        "creatives-0-name": "Leaderboard", "creatives-0-size": "728x90",
        "creatives-0-headline": "Spring offer", "creatives-0-text": "Refills delivered.",
        "creatives-0-destination_url": "https://pharmacy.example/spring",
        "creatives-0-active": "on",
    }  # fmt: skip
    response = manager_client.post(reverse("admin:ads_campaign_add"), data)
    assert response.status_code == 302
    assert Campaign.objects.get().creatives.get().headline == "Spring offer"


def test_png_helper_makes_real_images():
    """The test images are genuine PNGs (guards the size and format tests above)."""
    assert png_bytes((10, 10)).startswith(b"\x89PNG")
