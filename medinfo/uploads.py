"""Upload rules shared by every image field: random names and a size limit."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

ALLOWED_IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


def random_image_name(folder, filename):
    """Return a storage path under ``folder`` with a random name.

    The uploader's file name is discarded: it may be hostile (``../``, markup) or
    reveal personal data. Only a known image extension is kept.
    """
    extension = PurePath(filename).suffix.lower()
    if extension not in ALLOWED_IMAGE_EXTENSIONS:
        extension = ".img"
    return f"{folder}/{uuid.uuid4().hex}{extension}"


def reviewer_photo_path(instance, filename):
    """``upload_to`` for reviewer photos (a module-level function so migrations can name it)."""
    return random_image_name("reviewers", filename)


def validate_photo_size(file):
    """Refuse images larger than settings.MEDINFO_MAX_PHOTO_BYTES."""
    limit = settings.MEDINFO_MAX_PHOTO_BYTES
    if file.size > limit:
        raise ValidationError(
            "This photo is %(size)s; the limit is %(limit)s.",
            code="photo_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
