"""Uploaded files (reviewer photos, ad creatives) served from the site's own file storage.

Only used while uploads live on the local disk (FileSystemStorage); with object
storage, file URLs point at the storage service and this view is never reached.
Browsers get a type from a short list of image extensions and nosniff, so an
upload can never be run as HTML or script on the site's origin.
"""

import os
from pathlib import PurePosixPath

from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

INLINE_TYPES = {
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
# Upload names are random and never reused, so a file at one address never changes.
MEDIA_MAX_AGE = 60 * 60 * 24


def storage_name(path):
    """The storage name for a URL path, or None when it could leave the media folder."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        return None
    parts = PurePosixPath(path).parts
    if any(part in ("", ".", "..") for part in parts) or any(":" in part for part in parts):
        return None
    return "/".join(parts)


@require_safe
def media_file(request, path):
    """One uploaded file: images inline, anything else as a download, never sniffed."""
    name = storage_name(path)
    if name is None or not isinstance(default_storage, FileSystemStorage):
        raise Http404("No such file.")
    if not os.path.isfile(default_storage.path(name)):  # a folder is not a file either
        raise Http404("No such file.")
    extension = PurePosixPath(name).suffix.lower()
    content_type = INLINE_TYPES.get(extension)
    response = FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=content_type is None,
        filename=PurePosixPath(name).name,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=MEDIA_MAX_AGE)
    return response
