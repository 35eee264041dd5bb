"""Replaced, cleared and deleted uploads leave storage once the change commits.

On the old code (82195ae) seven photo uploads left seven files in media/reviewers
and the first photo's address still answered 200; creatives kept theirs too.
The deletion tests failed there; the guards (a rolled-back replacement and a file
another row uses keep the file) passed.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from ads.models import Creative
from medinfo.models import Reviewer
from tests.admin_forms import form_data
from tests.ads.factories import image_creative
from tests.factories import ReviewerFactory
from tests.images import image_bytes, png_bytes, upload
from tests.public_site import committed

pytestmark = pytest.mark.django_db


def photo(colour="teal"):
    return upload("portrait.png", image_bytes("PNG", (120, 160), colour=colour))


def stored(folder):
    return sorted(path.name for path in (Path(settings.MEDIA_ROOT) / folder).glob("*"))


def media_status(name):
    return Client().get(f"{settings.MEDIA_URL}{name}").status_code


def test_replacing_a_photo_in_the_admin_deletes_the_old_file(admin_client):
    """Seven uploads leave one file, and the first photo's address stops answering."""
    reviewer = ReviewerFactory()
    url = reverse("admin:medinfo_reviewer_change", args=[reviewer.pk])
    names = []
    for colour in ["red", "orange", "yellow", "green", "blue", "indigo", "violet"]:
        with committed():
            response = admin_client.post(
                url, {**form_data(admin_client.get(url)), "photo": photo(colour)}
            )
        assert response.status_code == 302
        reviewer.refresh_from_db()
        names.append(reviewer.photo.name)
    assert stored("reviewers") == [Path(names[-1]).name]
    assert (media_status(names[0]), media_status(names[-1])) == (404, 200)


def test_clearing_or_deleting_removes_the_file():
    """A cleared photo and a deleted reviewer's photo leave storage."""
    first, second = ReviewerFactory(photo=photo()), ReviewerFactory(photo=photo())
    with committed():
        first.photo = None
        first.save()
    assert stored("reviewers") == [Path(second.photo.name).name]
    with committed():
        second.delete()
    assert stored("reviewers") == []


def test_a_rolled_back_replacement_keeps_the_old_file():
    """If the save that replaced the photo is rolled back, the old photo is still there."""
    reviewer = ReviewerFactory(photo=photo())
    old = reviewer.photo.name
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        reviewer.photo.save("new.png", ContentFile(image_bytes("PNG", (120, 160))))
        raise RuntimeError("rolled back")
    assert Path(old).name in stored("reviewers")
    assert media_status(old) == 200


def test_a_file_another_row_uses_is_kept():
    """Two rows naming one file: replacing it on one leaves it for the other."""
    first = ReviewerFactory(photo=photo())
    second = ReviewerFactory()
    Reviewer.objects.filter(pk=second.pk).update(photo=first.photo.name)
    shared = first.photo.name
    with committed():
        first.photo = photo("red")
        first.save()
    assert media_status(shared) == 200


def test_replacing_or_deleting_a_creative_image_deletes_the_old_file():
    """Ad creatives follow the same rule: a replaced image and a deleted creative's image go."""
    creative = image_creative()
    old = creative.image.name
    with committed():
        creative.image = upload("ad.png", png_bytes(creative.dimensions))
        creative.save()
    assert media_status(old) == 404
    assert stored("ad-creatives") == [Path(creative.image.name).name]
    with committed():
        Creative.objects.get(pk=creative.pk).campaign.delete()
    assert stored("ad-creatives") == []
