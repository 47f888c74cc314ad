"""Image uploads in the admin: judged by content, capped, re-encoded, SVG refused."""

import io

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image

from heritage.admin import HeritageImageInline
from heritage.models import HeritageItem

pytestmark = pytest.mark.django_db

ALT = {
    "alt_text_en": "Minaret",
    "alt_text_ru": "Минарет",
    "alt_text_kk": "Мұнара",
    "order": 0,
    "author": "Astrobond",
    "licence": "CC-BY-SA-4.0",
    "source_url": "https://commons.wikimedia.org/wiki/File:Minaret.jpg",
}


def image_bytes(fmt: str, size=(64, 48), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 60, 40)).save(buffer, fmt, **save)
    return buffer.getvalue()


def submit(data: bytes, name: str):
    request = RequestFactory().get("/")
    request.user = type("Staff", (), {"has_perm": lambda *a: True})()
    form_class = HeritageImageInline(HeritageItem, admin.site).get_formset(request).form
    form = form_class(data=ALT, files={"image": SimpleUploadedFile(name, data)})
    form.is_valid()
    return form


def stored(form) -> bytes:
    return form.cleaned_data["image"].read()


@pytest.mark.parametrize(
    "fmt, extension", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif")]
)
def test_the_four_formats_are_accepted_and_named_by_their_content(fmt, extension):
    form = submit(image_bytes(fmt), "holiday photo.bmp.exe.jpg")
    assert form.errors == {}
    name = form.cleaned_data["image"].name
    assert name.endswith(f".{extension}") and "holiday" not in name
    assert Image.open(io.BytesIO(stored(form))).format == fmt


def test_a_png_named_jpg_is_stored_as_png():
    form = submit(image_bytes("PNG"), "photo.jpg")
    assert form.cleaned_data["image"].name.endswith(".png")


@pytest.mark.parametrize(
    "data, name",
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.svg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "logo.png"),
        (b"<html><script>alert(1)</script></html>", "page.jpg"),
        (image_bytes("BMP"), "bitmap.bmp"),
        (image_bytes("TIFF"), "scan.tif"),
        (image_bytes("JPEG")[:200], "truncated.jpg"),
    ],
    ids=["svg", "svg-named-png", "html-named-jpg", "bmp", "tiff", "truncated-jpeg"],
)
def test_anything_else_is_refused_with_a_reason(data, name):
    form = submit(data, name)
    assert list(form.errors) == ["image"]
    assert form.errors["image"][0]


def test_metadata_and_appended_payloads_do_not_survive():
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera make
    exif[0x8825] = {2: (43.0, 17.0, 0.0)}  # GPS latitude
    polyglot = image_bytes("JPEG", exif=exif.tobytes()) + b"<script>alert(1)</script>"
    form = submit(polyglot, "photo.jpg")
    data = stored(form)
    assert b"<script>" not in data and b"SecretCam" not in data
    assert not Image.open(io.BytesIO(data)).getexif()


def test_pixel_bombs_are_refused_before_decoding(settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    form = submit(image_bytes("PNG", size=(2000, 1000)), "huge.png")
    assert "2000 × 1000 pixels; the limit is 1000000 pixels" in form.errors["image"][0]


def test_oversized_files_are_refused(settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1000
    form = submit(image_bytes("PNG", size=(400, 400)) + b"\0" * 2000, "big.png")
    assert "the limit is 1000" in form.errors["image"][0]


def _gif(frames: int, size=(100, 100)) -> bytes:
    # Frames that differ (Pillow merges identical ones into one longer frame).
    images = [
        Image.new("RGB", size, color=(n * 7 % 256, n * 13 % 256, n * 29 % 256))
        for n in range(frames)
    ]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=40)
    return buffer.getvalue()


def test_an_animation_counts_the_pixels_of_every_frame(settings):
    from images.uploads import accept_image

    settings.IMAGE_MAX_PIXELS = 100 * 100 * 20
    accept_image(SimpleUploadedFile("ok.gif", _gif(20)))  # exactly the limit
    with pytest.raises(ValidationError) as refused:
        accept_image(SimpleUploadedFile("long.gif", _gif(21)))
    assert refused.value.code == "too_many_pixels"
    assert "21 frames of 100 × 100 pixels" in refused.value.messages[0]


def test_only_the_four_decoders_read_an_upload():
    from images.uploads import accept_image

    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "TIFF")  # Pillow reads TIFF; we do not
    with pytest.raises(ValidationError) as refused:
        accept_image(SimpleUploadedFile("photo.jpg", buffer.getvalue()))
    assert refused.value.code == "not_an_image"
