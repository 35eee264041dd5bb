"""Ad creatives: still JPEG, PNG or WebP only, bounded, and stored re-encoded without metadata."""

from functools import partial

import pytest
from django.urls import reverse

from ads.models import Creative
from tests.ads.factories import CampaignFactory
from tests.images import (
    ACCEPTED_EXTENSIONS,
    image_bytes,
    metadata_left,
    png_header_only,
    refused_files,
    stored_image,
    upload,
    upload_error,
    with_metadata,
)

pytestmark = pytest.mark.django_db

RECTANGLE = (300, 250)
# The image field's error on the add form shown again; nothing stored.
image_error = partial(upload_error, field="image", model=Creative)


def post_creative(client, image):
    data = {
        "campaign": CampaignFactory().pk,
        "name": "Rectangle",
        "size": "300x250",
        "image": image,
        "alt_text": "Example Pharmacy: refills delivered",
        "headline": "",
        "text": "",
        "destination_url": "https://pharmacy.example/",
        "active": "on",
    }
    return client.post(reverse("admin:ads_creative_add"), data)


class TestCreativeImageUploads:
    """The upload rules, over HTTP through the admin's creative form.

    Failed on the old code (2d77638): GIF, animated GIF, PNG and WebP, and truncated
    JPEG creatives were accepted; EXIF with GPS and text notes were stored as
    uploaded; a JPEG named .png was stored as .png. (Oversized images were already
    refused by the exact-size rule; now from the header, naming the pixel limit.)
    """

    @pytest.mark.parametrize("image_format", ACCEPTED_EXTENSIONS)
    def test_accepted_format_is_stored_re_encoded_without_metadata(
        self, manager_client, image_format
    ):
        """A JPEG, PNG or WebP with GPS EXIF is stored in its format, with no metadata left."""
        data = with_metadata(image_format, RECTANGLE)
        assert post_creative(manager_client, upload("ad.upload", data)).status_code == 302
        name = Creative.objects.get().image.name
        assert name.endswith(ACCEPTED_EXTENSIONS[image_format])
        stored, image = stored_image(name)
        assert (image.format, image.size) == (image_format, RECTANGLE)
        assert stored != data
        assert metadata_left(name) == set()

    def test_stored_extension_follows_the_content_not_the_name(self, manager_client):
        """A JPEG uploaded as “ad.png” is stored as .jpg."""
        data = image_bytes("JPEG", RECTANGLE)
        assert post_creative(manager_client, upload("ad.png", data)).status_code == 302
        assert Creative.objects.get().image.name.endswith(".jpg")

    @pytest.mark.parametrize("case", refused_files(RECTANGLE))
    def test_other_files_are_a_form_error(self, manager_client, case):
        """BMP, TIFF, ICO, GIF, animations, SVG, HTML and damaged files are refused, never a 500."""
        name, data = refused_files(RECTANGLE)[case]
        assert image_error(post_creative(manager_client, upload(name, data)))

    @pytest.mark.parametrize("width, height", [(4001, 10), (10_000, 10_000)])
    def test_too_many_pixels_is_refused_before_decoding(
        self, manager_client, decoding, width, height
    ):
        """A side over 4000 pixels is refused from the header, before any pixel is decoded."""
        data = png_header_only(width, height)
        message = image_error(post_creative(manager_client, upload("ad.png", data)))
        assert f"{width} × {height} pixels; the limit is 4000 × 4000 pixels" in message
        assert decoding == []

    def test_file_over_150_kb_is_refused_before_decoding(self, manager_client, decoding):
        """A creative's own byte limit applies to the upload, before any pixel is decoded."""
        data = image_bytes("PNG", RECTANGLE) + bytes(151 * 1024)
        message = image_error(post_creative(manager_client, upload("ad.png", data)))
        assert "the limit is 150.0\xa0KB" in message
        assert decoding == []

    def test_image_must_still_have_the_exact_ad_size(self, manager_client):
        """A clean JPEG of another size is refused for a medium rectangle."""
        data = image_bytes("JPEG", (728, 90))
        assert "728 × 90" in image_error(post_creative(manager_client, upload("ad.jpg", data)))
