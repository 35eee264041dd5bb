"""Upload rules shared by every image field: what is accepted, how it is stored.

An upload is accepted only as a still JPEG, PNG or WebP image of at most
``MAX_IMAGE_SIDE`` pixels a side and the field's byte limit. The pixel size is read
from the file's header before anything is decoded, so a decompression bomb costs
nothing (Pillow's own ``MAX_IMAGE_PIXELS`` guard stays on behind it). The image is
then decoded and encoded again in its own format, which drops everything but the
pixels and their colour profile: EXIF (camera, GPS position), text chunks, comments
and whatever a polyglot file hid around the image. It is stored under a random
name with the extension of the format it was encoded in.

A file that is replaced, cleared or whose row is deleted is removed from storage
once the transaction commits, unless another row still uses it, so an old photo's
address stops answering.
"""

import io
import uuid
import warnings
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_delete, post_save, pre_save
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format → the extension stored files of that format get.
IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
ALLOWED_IMAGE_EXTENSIONS = {*IMAGE_FORMATS.values(), ".jpeg"}
MAX_IMAGE_SIDE = 4000
# Colour, not personal data: kept when re-encoding.
KEPT_IMAGE_INFO = ("icc_profile", "transparency")
# How each format is written again; JPEG keeps its own quality tables, so it barely grows.
ENCODER_OPTIONS = {
    "JPEG": {"quality": "keep", "subsampling": "keep"},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90, "method": 4},
}
# Any of these while reading means the file is not a usable image.
DECODING_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
)
NOT_AN_IMAGE = "Upload a JPEG, PNG or WebP image; this file is not one."


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


class ReencodedImage(ContentFile):
    """An image this module decoded and wrote again; named after its format."""


def check_byte_size(file, *, max_bytes):
    if file.size > max_bytes:
        raise ValidationError(
            "This image is %(size)s; the limit is %(limit)s.",
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
        )


def too_many_pixels(width=None, height=None):
    size = f"{width} × {height} pixels" if width else "far more pixels than that"
    return ValidationError(
        "This image is %(size)s; the limit is %(side)s × %(side)s pixels.",
        code="image_too_many_pixels",
        params={"size": size, "side": MAX_IMAGE_SIDE},
    )


def _check_header(image):
    """Format, pixel size and animation, all read from the header without decoding."""
    if image.format not in IMAGE_FORMATS:
        raise ValidationError(
            "This is a %(format)s image; upload a JPEG, PNG or WebP image.",
            code="image_format",
            params={"format": image.format or "unknown"},
        )
    width, height = image.size
    if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE:
        raise too_many_pixels(width, height)
    if getattr(image, "is_animated", False):
        raise ValidationError("Upload a still image, not an animation.", code="image_animated")


def decoded_image(file, *, max_bytes=None):
    """The upload's pixels as a loaded Pillow image, or a ValidationError saying what is wrong."""
    if max_bytes is not None:
        check_byte_size(file, max_bytes=max_bytes)
    file.seek(0)
    data = io.BytesIO(file.read())  # Pillow closes what it opens; the upload stays readable
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Our own limit, checked next from the header, is far below Pillow's warning.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(data)
            _check_header(image)
            image.load()
    except Image.DecompressionBombError as error:
        # Pillow's own guard (twice MAX_IMAGE_PIXELS) refuses the worst before we look.
        raise too_many_pixels() from error
    except DECODING_ERRORS as error:
        raise ValidationError(NOT_AN_IMAGE, code="image_unreadable") from error
    return image


def _encoded(image):
    image_format = image.format
    ImageOps.exif_transpose(image, in_place=True)  # the orientation tag goes with the EXIF
    kept = {key: image.info[key] for key in KEPT_IMAGE_INFO if key in image.info}
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, exif=b"", **kept, **ENCODER_OPTIONS[image_format])
    return buffer.getvalue(), IMAGE_FORMATS[image_format]


def reencoded_image(file, *, max_bytes=None):
    """The upload decoded and written again without metadata, as a ``ReencodedImage``."""
    image = decoded_image(file, max_bytes=max_bytes)
    try:
        data, extension = _encoded(image)
    except DECODING_ERRORS as error:
        raise ValidationError(NOT_AN_IMAGE, code="image_unreadable") from error
    finally:
        image.close()
    stem = PurePath(getattr(file, "name", None) or "image").stem
    return ReencodedImage(data, name=f"{stem}{extension}")


def validate_image_upload(file, *, max_bytes):
    """What every image field's validator checks before its file is stored."""
    if getattr(file, "_committed", False):
        return  # already stored, so already checked when it was uploaded
    if isinstance(getattr(file, "file", file), ReencodedImage):
        check_byte_size(file, max_bytes=max_bytes)  # what will be stored, after re-encoding
        return
    decoded_image(file, max_bytes=max_bytes).close()


def photo_byte_limit():
    return settings.MEDINFO_MAX_PHOTO_BYTES


def validate_photo_size(file):
    """A still JPEG, PNG or WebP photo within the pixel and MEDINFO_MAX_PHOTO_BYTES limits.

    (The name predates the pixel and format checks; migrations refer to it.)
    """
    validate_image_upload(file, max_bytes=photo_byte_limit())


class ReencodedImageFormField(forms.ImageField):
    """The admin's upload field: refuses with a clear message, or hands on the re-encoded image."""

    def __init__(self, *, max_bytes=None, **kwargs):
        self.max_bytes = max_bytes
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return reencoded_image(upload, max_bytes=self.max_bytes and self.max_bytes())

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "accept" in attrs:
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs


class ReencodedImageFieldFile(ImageFieldFile):
    """Every save re-encodes the image first, whichever way it arrives (admin, ORM, loaders).

    The byte limit is the validators' business (``full_clean``); the pixel limit and
    the format apply here too, since decoding depends on them.
    """

    def save(self, name, content, save=True):
        if not isinstance(content, ReencodedImage):
            content = reencoded_image(content)
        name = str(PurePath(name).with_name(content.name))
        super().save(name, content, save=save)


class ReencodedImageField(models.ImageField):
    """An ImageField whose files are checked and re-encoded by the rules above.

    ``max_bytes`` is a callable returning the byte limit, read when a file arrives
    (so settings overrides apply); the form field refuses a larger upload before
    decoding it. A file it no longer uses is deleted after the transaction commits
    (``delete_unused_file_on_commit``).
    """

    attr_class = ReencodedImageFieldFile
    # (model, attname) of every concrete field of this kind: where a stored file may be used.
    fields_in_use = []

    def __init__(self, *args, max_bytes=None, **kwargs):
        self.max_bytes = max_bytes
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if cls._meta.abstract:
            return
        self.fields_in_use.append((cls, self.attname))
        uid = f"medinfo.uploads.{cls._meta.label_lower}.{name}"
        pre_save.connect(self._remember_stored_name, sender=cls, weak=False, dispatch_uid=uid)
        post_save.connect(self._forget_replaced_file, sender=cls, weak=False, dispatch_uid=uid)
        post_delete.connect(self._forget_deleted_file, sender=cls, weak=False, dispatch_uid=uid)

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": ReencodedImageFormField, "max_bytes": self.max_bytes, **kwargs}
        )

    def deconstruct(self):
        # The column holds an ordinary image file name, so migrations need only an
        # ImageField; checking and re-encoding are Python behaviour, not schema.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs

    def _remember_stored_name(self, sender, instance, raw=False, **kwargs):
        """Before a save, note the file name the row holds now (one query, uploads only)."""
        if raw or instance.pk is None:
            return
        stored = sender._base_manager.filter(pk=instance.pk).values_list(self.attname, flat=True)
        instance.__dict__.setdefault("_stored_file_names", {})[self.attname] = stored.first()

    def _forget_replaced_file(self, sender, instance, raw=False, **kwargs):
        names = instance.__dict__.pop("_stored_file_names", {})
        previous = names.get(self.attname)
        if not raw and previous and previous != getattr(instance, self.attname).name:
            delete_unused_file_on_commit(self.storage, previous)

    def _forget_deleted_file(self, sender, instance, **kwargs):
        name = getattr(instance, self.attname).name
        if name:
            delete_unused_file_on_commit(self.storage, name)


def file_in_use(name):
    """Whether any row of any model with a ``ReencodedImageField`` still stores ``name``."""
    return any(
        model._base_manager.filter(**{attname: name}).exists()
        for model, attname in ReencodedImageField.fields_in_use
    )


def delete_unused_file_on_commit(storage, name):
    """Once the transaction commits, delete ``name`` from storage unless a row uses it.

    Never before the commit: a rolled-back replacement must find its old file.
    """

    def delete():
        if not file_in_use(name):
            storage.delete(name)

    transaction.on_commit(delete)
