"""Signed, expiring preview links: staff see one revision through the public template."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "medinfo.preview"


def preview_url(revision):
    token = signing.dumps({"revision": revision.pk}, salt=SALT, compress=True)
    return reverse("revision_preview", kwargs={"token": token})


def revision_id_from_token(token):
    """The revision id a token names, or None when it is forged, altered or expired."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.MEDINFO_PREVIEW_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    revision_id = payload.get("revision") if isinstance(payload, dict) else None
    return revision_id if isinstance(revision_id, int) else None
