"""Reviewer photos: still JPEG, PNG or WebP only, bounded, and stored re-encoded without metadata."""

import re
from functools import partial

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from PIL import ExifTags, Image

from medinfo.models import Reviewer
from tests.factories import UserFactory
from tests.images import (
    ACCEPTED_EXTENSIONS,
    image_bytes,
    metadata_left,
    png_bytes,
    png_header_only,
    refused_files,
    stored_image,
    upload,
    upload_error,
    with_metadata,
)

pytestmark = pytest.mark.django_db

PHOTO_SIZE = (120, 160)
INVALID_IMAGE = "Upload a JPEG, PNG or WebP image; this file is not one."
# The photo field's error on the add form shown again; nothing stored.
photo_error = partial(upload_error, field="photo", model=Reviewer)


def post_reviewer(client, photo):
    data = {
        "user": str(UserFactory().pk),
        "display_name": "Kristi Monson",
        "slug": "kristi-monson",
        "credentials": "PharmD",
        "licence_number": "RPH-0012345",
        "licence_jurisdiction": "Minnesota, USA",
        "bio": "",
        "is_active": "on",
        "photo": photo,
    }
    return client.post(reverse("admin:medinfo_reviewer_add"), data)


class TestReviewerPhotoUploads:
    """The upload rules, over HTTP through the admin's reviewer form.

    Failed on the old code (2d77638): BMP, TIFF, ICO, GIF, animated GIF, PNG and WebP
    and truncated JPEG photos were accepted (BMP, TIFF and ICO stored as ``.img``); a
    JPEG named .png was stored as .png; EXIF with GPS, text notes and HTML appended to
    a PNG were stored as uploaded, by the admin and by code alike; PNGs of 4001 × 10
    up to 20000 × 20000 pixels were accepted. (SVG, HTML and truncated PNG were
    already refused, with a message that did not name the accepted formats.)
    """

    @pytest.mark.parametrize("image_format", ACCEPTED_EXTENSIONS)
    def test_accepted_format_is_stored_re_encoded_without_metadata(
        self, admin_client, image_format
    ):
        """A JPEG, PNG or WebP with GPS EXIF is stored in its format, with no metadata left."""
        data = with_metadata(image_format, PHOTO_SIZE)
        response = post_reviewer(admin_client, upload("IMG_0001.upload", data))
        assert response.status_code == 302
        name = Reviewer.objects.get().photo.name
        assert name.endswith(ACCEPTED_EXTENSIONS[image_format])
        stored, image = stored_image(name)
        assert (image.format, image.size) == (image_format, PHOTO_SIZE)
        assert stored != data
        assert metadata_left(name) == set()

    def test_stored_extension_follows_the_content_not_the_name(self, admin_client):
        """A JPEG uploaded as “portrait.png” is stored as .jpg."""
        data = image_bytes("JPEG", PHOTO_SIZE)
        assert post_reviewer(admin_client, upload("portrait.png", data)).status_code == 302
        name = Reviewer.objects.get().photo.name
        assert name.endswith(".jpg")
        assert stored_image(name)[1].format == "JPEG"

    def test_phone_portrait_is_stored_upright(self, admin_client):
        """A JPEG that only EXIF turns upright is turned for real before its EXIF goes."""
        exif = Image.Exif()
        exif[ExifTags.Base.Orientation] = 6  # rotate 90° clockwise to display
        data = image_bytes("JPEG", (160, 120), exif=exif)
        assert post_reviewer(admin_client, upload("photo.jpg", data)).status_code == 302
        assert stored_image(Reviewer.objects.get().photo.name)[1].size == (120, 160)

    def test_png_with_trailing_html_is_stored_without_it(self, admin_client):
        """A PNG with a page of HTML appended (a polyglot) keeps its pixels and loses the rest."""
        data = image_bytes("PNG", PHOTO_SIZE) + b"<html><script>alert(document.cookie)</script>"
        assert post_reviewer(admin_client, upload("photo.png", data)).status_code == 302
        assert metadata_left(Reviewer.objects.get().photo.name) == set()

    @pytest.mark.parametrize("case", refused_files(PHOTO_SIZE))
    def test_other_files_are_a_form_error(self, admin_client, case):
        """BMP, TIFF, ICO, GIF, animations, SVG, HTML and damaged files are refused, never a 500."""
        name, data = refused_files(PHOTO_SIZE)[case]
        assert photo_error(post_reviewer(admin_client, upload(name, data)))

    @pytest.mark.parametrize(
        "case, message",
        [
            ("GIF", "This is a GIF image; upload a JPEG, PNG or WebP image."),
            ("BMP renamed .png", "This is a BMP image; upload a JPEG, PNG or WebP image."),
            ("animated PNG", "Upload a still image, not an animation."),
            ("SVG", "Upload a JPEG, PNG or WebP image; this file is not one."),
            ("truncated JPEG", "Upload a JPEG, PNG or WebP image; this file is not one."),
        ],
    )
    def test_refusal_says_what_is_accepted(self, admin_client, case, message):
        """The error names the formats the field takes, or why this image is not one."""
        name, data = refused_files(PHOTO_SIZE)[case]
        assert photo_error(post_reviewer(admin_client, upload(name, data))) == message

    @pytest.mark.parametrize(
        "width, height, shown",
        [
            (4001, 10, "4001 × 10 pixels"),
            (10, 4001, "10 × 4001 pixels"),
            (10_000, 10_000, "10000 × 10000 pixels"),
            (20_000, 20_000, "far more pixels than that"),  # past Pillow's own bomb guard
        ],
    )
    def test_too_many_pixels_is_refused_before_decoding(
        self, admin_client, decoding, width, height, shown
    ):
        """A side over 4000 pixels is refused from the header, before any pixel is decoded."""
        data = png_header_only(width, height)
        message = photo_error(post_reviewer(admin_client, upload("photo.png", data)))
        assert f"This image is {shown}; the limit is 4000 × 4000 pixels." in message
        assert decoding == []

    def test_file_over_the_byte_limit_is_refused_before_decoding(
        self, admin_client, decoding, settings
    ):
        """An upload over MEDINFO_MAX_PHOTO_BYTES is refused by its size alone."""
        settings.MEDINFO_MAX_PHOTO_BYTES = 1024
        data = image_bytes("PNG", PHOTO_SIZE) + bytes(2048)
        message = photo_error(post_reviewer(admin_client, upload("photo.png", data)))
        assert "the limit is 1.0\xa0KB" in message
        assert decoding == []

    def test_exactly_4000_by_4000_is_accepted(self, admin_client):
        """The largest allowed photo (one colour, so a small file) is stored."""
        data = image_bytes("PNG", (4000, 4000), mode="L")
        assert len(data) < settings.MEDINFO_MAX_PHOTO_BYTES
        assert post_reviewer(admin_client, upload("photo.png", data)).status_code == 302
        assert stored_image(Reviewer.objects.get().photo.name)[1].size == (4000, 4000)

    def test_photo_saved_in_code_is_re_encoded_too(self):
        """Loaders and scripts that save a photo directly get the same treatment as the admin."""
        from django.core.files.base import ContentFile

        reviewer = Reviewer.objects.create(
            user=UserFactory(), display_name="Pat Lee", slug="pat-lee", credentials="PharmD",
            licence_number="RPH-1", licence_jurisdiction="Ohio, USA",
        )  # fmt: skip
        reviewer.photo.save("pat.png", ContentFile(with_metadata("JPEG", PHOTO_SIZE)))
        assert reviewer.photo.name.endswith(".jpg")
        assert metadata_left(reviewer.photo.name) == set()


# The reviewer form's first checks: not an image, SVG, over the byte limit, a random name


def test_non_image_photo_is_a_form_error(admin_client):
    """A file that is not an image, even named .jpg, is refused with a message."""
    photo = upload("photo.jpg", b"not an image", "image/jpeg")
    response = post_reviewer(admin_client, photo)
    assert response.status_code == 200
    assert INVALID_IMAGE in response.content.decode()
    assert not Reviewer.objects.exists()


def test_svg_photo_is_a_form_error(admin_client):
    """An SVG (which can carry scripts) is refused as a reviewer photo."""
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    photo = upload("photo.svg", svg, "image/svg+xml")
    response = post_reviewer(admin_client, photo)
    assert response.status_code == 200
    assert INVALID_IMAGE in response.content.decode()
    assert not Reviewer.objects.exists()


def test_photo_over_the_size_limit_is_a_form_error(admin_client):
    """A real PNG larger than the configured limit is refused, naming the limit."""
    data = png_bytes((1000, 1000), noisy=True)
    assert len(data) > settings.MEDINFO_MAX_PHOTO_BYTES
    photo = upload("photo.png", data, "image/png")
    response = post_reviewer(admin_client, photo)
    assert response.status_code == 200
    limit = filesizeformat(settings.MEDINFO_MAX_PHOTO_BYTES)
    assert f"the limit is {limit}" in response.content.decode()
    assert not Reviewer.objects.exists()


def test_small_png_photo_is_stored_under_a_random_name(admin_client):
    """A small PNG is accepted and stored under a random name, not the uploaded one."""
    photo = upload("kristi-portrait.png", png_bytes(), "image/png")
    response = post_reviewer(admin_client, photo)
    assert response.status_code == 302
    stored = Reviewer.objects.get().photo.name
    assert re.fullmatch(r"reviewers/[0-9a-f]{32}\.png", stored)
    assert default_storage.exists(stored)
