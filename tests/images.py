"""Image files for the upload tests: real ones carrying personal metadata, and hostile ones.

Shared by the reviewer-photo and ad-creative tests, which hold both upload fields to
the same rules (``medinfo.uploads``).
"""

import io
import os
import struct
import zlib

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageFile, PngImagePlugin

# Markers a stored file must no longer contain once its metadata is stripped.
CAMERA = "PhoneMaker"
PRIVATE_NOTE = "Home: 12 Elm Street"
SCRIPT = b"<script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="250"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body>" + SCRIPT + b"</body></html>"

ACCEPTED_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


def gps_exif():
    """EXIF naming a camera and a GPS position, as phones write it."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (44.0, 58.0, 12.5)
    return exif


def image_bytes(image_format, size, *, mode="RGB", colour="teal", **options):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, image_format, **options)
    return buffer.getvalue()


def png_bytes(size=(16, 16), *, noisy=False):
    """A real PNG; random pixels do not compress, so a noisy one is about 3 bytes a pixel."""
    if not noisy:
        return image_bytes("PNG", size)
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def with_metadata(image_format, size):
    """A JPEG, PNG or WebP carrying EXIF with GPS and, where the format has one, a text note."""
    options = {"exif": gps_exif()}
    if image_format == "PNG":
        options["pnginfo"] = PngImagePlugin.PngInfo()
        options["pnginfo"].add_text("Comment", PRIVATE_NOTE)
    if image_format == "JPEG":
        options["comment"] = PRIVATE_NOTE.encode()
    return image_bytes(image_format, size, **options)


def animated(image_format, size):
    frames = [Image.new("RGB", size, colour) for colour in ("teal", "orange")]
    buffer = io.BytesIO()
    frames[0].save(buffer, image_format, save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width, height):
    """A PNG that claims ``width`` × ``height`` pixels but holds almost none (a bomb's header)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", pixels)
        + _png_chunk(b"IEND", b"")
    )


def truncated(image_format, size):
    """The first two thirds of a noisy image: the header reads, the pixels do not."""
    image = Image.frombytes("RGB", size, bytes(range(256)) * (size[0] * size[1] * 3 // 256 + 1))
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    data = buffer.getvalue()
    return data[: len(data) * 2 // 3]


def refused_files(size):
    """{case: (file name, bytes)} of uploads that are not a still JPEG, PNG or WebP image."""
    return {
        "BMP": ("photo.bmp", image_bytes("BMP", size, mode="L")),
        "TIFF": ("photo.tiff", image_bytes("TIFF", size, compression="tiff_lzw")),
        "ICO": ("photo.ico", image_bytes("ICO", (64, 64), sizes=[(64, 64)])),
        "GIF": ("photo.gif", image_bytes("GIF", size)),
        "BMP renamed .png": ("photo.png", image_bytes("BMP", size, mode="L")),
        "animated GIF": ("photo.gif", animated("GIF", size)),
        "animated PNG": ("photo.png", animated("PNG", size)),
        "animated WebP": ("photo.webp", animated("WEBP", size)),
        "SVG": ("photo.svg", SVG),
        "SVG renamed .png": ("photo.png", SVG),
        "HTML renamed .png": ("photo.png", HTML),
        "HTML before a PNG": ("photo.png", HTML + image_bytes("PNG", size)),
        "truncated PNG": ("photo.png", truncated("PNG", size)),
        "truncated JPEG": ("photo.jpg", truncated("JPEG", size)),
        "random bytes": ("photo.jpg", bytes(range(256)) * 8),
    }


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def upload_error(response, field, model):
    """``field``'s error on the admin add form shown again: the upload was refused, no row stored."""
    assert response.status_code == 200, f"answered {response.status_code}, not the form again"
    errors = response.context["adminform"].form.errors
    assert field in errors, f"no {field} error; form errors: {dict(errors)}"
    assert not model.objects.exists()
    return " ".join(errors[field])


def stored_image(name):
    """The stored file's bytes and its format, size and metadata as Pillow reads them."""
    with default_storage.open(name, "rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    return data, image


def metadata_left(name):
    """What of the uploaded metadata a stored image still carries (empty when stripped)."""
    data, image = stored_image(name)
    keys = ("exif", "comment", "Comment", "xmp", "XML:com.adobe.xmp")
    left = {key for key in keys if key in image.info}
    if image.getexif():
        left.add("EXIF tags")
    left |= {marker for marker in (CAMERA, PRIVATE_NOTE) if marker.encode() in data}
    if SCRIPT in data:
        left.add("script")
    return left


def count_decoding(monkeypatch):
    """A list that records the size of every image whose pixels get decoded from now on."""
    calls = []
    load = ImageFile.ImageFile.load

    def counting_load(image):
        calls.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    return calls
