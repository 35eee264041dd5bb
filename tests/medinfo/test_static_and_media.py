"""CKEditor stays in the admin and its demo pages are never served; uploads are served safely."""

from io import StringIO

import pytest
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from tests.factories import ReviewerFactory, UserFactory
from tests.images import png_bytes
from tests.public_site import parse, publish_milnacipran_uses

pytestmark = pytest.mark.django_db

CKEDITOR_SAMPLE = "ckeditor/ckeditor/samples/index.html"
# Shipped by django-ckeditor 6.7: a full demo page of CKEditor's PDF export plugin.
CKEDITOR_MANUAL_TEST = "ckeditor/ckeditor/plugins/exportpdf/tests/manual/integration.html"
CKEDITOR_SCRIPT = "ckeditor/ckeditor/ckeditor.js"


@pytest.fixture
def public_pages():
    """One of each kind of public page, filled with a published article and its reviewer."""
    article = publish_milnacipran_uses()
    reviewer = article.live_revision.reviewer
    return [
        reverse("home"),
        reverse("drugs:index"),
        reverse("conditions:index"),
        article.drug.get_absolute_url(),
        article.get_absolute_url(),
        reverse("search") + "?q=milnacipran",
        reviewer.get_absolute_url(),
    ]


def test_public_pages_never_load_ckeditor(client, public_pages):
    """No public page references CKEditor's scripts or styles."""
    for url in public_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "ckeditor" not in response.text.lower(), url


def test_the_article_editor_loads_ckeditor(client, public_pages):
    """The admin's article form is where CKEditor is loaded."""
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("admin:medinfo_article_add"))
    assert f"/static/{CKEDITOR_SCRIPT}" in response.text


def test_finders_do_not_find_ckeditor_demo_pages():
    """CKEditor's samples and its plugins' test pages are invisible to the static finders."""
    assert finders.find(CKEDITOR_SAMPLE) is None
    assert finders.find(CKEDITOR_MANUAL_TEST) is None
    assert finders.find(CKEDITOR_SCRIPT) is not None


def test_collectstatic_leaves_ckeditor_demo_pages_behind(settings, tmp_path):
    """`collectstatic` copies CKEditor itself but none of its demo or manual test pages."""
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0, stdout=StringIO())
    collected = settings.STATIC_ROOT / "ckeditor" / "ckeditor"
    assert (collected / "ckeditor.js").is_file()
    assert not (collected / "samples").exists()
    assert not list(collected.glob("plugins/*/tests"))


def test_ckeditor_demo_pages_are_not_served(client, settings, tmp_path):
    """Requests for CKEditor's sample or test pages get 404 from the collected static files."""
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0, stdout=StringIO())
    client.handler.load_middleware()  # WhiteNoise indexes STATIC_ROOT when it starts
    assert client.get(f"/static/{CKEDITOR_SCRIPT}").status_code == 200
    assert client.get(f"/static/{CKEDITOR_SAMPLE}").status_code == 404
    assert client.get(f"/static/{CKEDITOR_MANUAL_TEST}").status_code == 404


@pytest.fixture
def reviewer_with_photo():
    reviewer = ReviewerFactory(display_name="Kristi Monson", slug="kristi-monson")
    reviewer.photo.save("portrait.png", ContentFile(png_bytes((4, 4))), save=True)
    return reviewer


def photo_src(client, reviewer):
    page = parse(client.get(reviewer.get_absolute_url()))
    return page.find("img", class_="reviewer-photo").attrs["src"]


def test_reviewer_photo_on_the_page_loads(client, reviewer_with_photo):
    """The photo the reviewer page shows is served as a PNG image."""
    response = client.get(photo_src(client, reviewer_with_photo))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with reviewer_with_photo.photo.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_reviewer_photo_is_served_inline_and_never_sniffed(client, reviewer_with_photo):
    """The photo is shown inline under its stored name, and browsers may not guess its type."""
    response = client.get(photo_src(client, reviewer_with_photo))
    name = reviewer_with_photo.photo.name.rsplit("/", 1)[1]
    assert response["Content-Disposition"] == f'inline; filename="{name}"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_stored_non_image_is_only_offered_as_a_download(client):
    """A file with a non-image extension in storage is an attachment, never rendered as a page."""
    name = default_storage.save("reviewers/notes.html", ContentFile(b"<script>alert(1)</script>"))
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_an_svg_in_storage_is_not_served_as_an_image(client):
    """Even an SVG that reached storage some other way is a download, so its scripts never run."""
    name = default_storage.save("reviewers/logo.svg", ContentFile(b"<svg></svg>"))
    response = client.get(f"/media/{name}")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_missing_media_file_is_404(client):
    """A media address with no file behind it is an ordinary 404."""
    assert client.get("/media/reviewers/0123456789abcdef.png").status_code == 404


def test_a_media_folder_is_not_listed(client, reviewer_with_photo):
    """The folder holding the photos is not a file: 404, no listing."""
    assert client.get("/media/reviewers/").status_code == 404
    assert client.get("/media/reviewers").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/media/../manage.py",
        "/media/reviewers/../../manage.py",
        "/media/%2e%2e/manage.py",
        "/media/reviewers/%2e%2e/%2e%2e/manage.py",
        "/media/..%2fmanage.py",
        "/media/%2fetc/passwd",
        "/media//etc/passwd",
        "/media/reviewers/..%5c..%5cmanage.py",
        "/media/C:/Windows/win.ini",
    ],
)
def test_path_traversal_never_reaches_a_file(client, settings, path):
    """Paths that try to climb out of the media folder are refused without serving anything."""
    (settings.MEDIA_ROOT / "reviewers").mkdir(parents=True, exist_ok=True)
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert not getattr(response, "streaming", False)


def test_media_is_not_served_from_object_storage_setups(client, settings):
    """With a non-local storage backend the site serves no media itself."""
    name = default_storage.save("reviewers/portrait.png", ContentFile(png_bytes((4, 4))))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    assert client.get(f"/media/{name}").status_code == 404


def test_a_removed_photo_stops_being_served(client, reviewer_with_photo):
    """A removed photo stops being served at once: media never goes through the page cache."""
    url = photo_src(client, reviewer_with_photo)
    assert client.get(url).status_code == 200
    reviewer_with_photo.photo.delete(save=True)
    assert client.get(url).status_code == 404


def test_media_answers_only_reads(client, reviewer_with_photo):
    """Uploads happen in the admin: the media address refuses POST."""
    url = photo_src(client, reviewer_with_photo)
    assert client.post(url).status_code == 405
