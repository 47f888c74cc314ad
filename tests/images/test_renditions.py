"""Renditions are made by a background task, never by the page that shows a photograph
(issue 28): until the worker has made them the page shows the record without its
picture and asks for them once; once made, the cached pages are let go so the picture
appears; an admin save asks for them as soon as it is committed."""

import re
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.tasks import default_task_backend
from django.test import Client, override_settings
from django.urls import reverse

from heritage.models import HeritageImage
from images.renditions import make_renditions
from tests.factories import jpeg_upload, make_heritage_item
from tests.forms import PHOTO_INLINE, form_data

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def _photo() -> HeritageImage:
    """A photograph just uploaded: its renditions not made yet."""
    item = make_heritage_item(slug="yasawi", featured=True)
    return HeritageImage.objects.create(
        item=item,
        image=jpeg_upload(1600, 1000),
        **{
            "alt_text_en": "Domes",
            "alt_text_ru": "Купола",
            "alt_text_kk": "Күмбездер",
            "author": "A. Photographer",
            "licence": "CC-BY-4.0",
            "source_url": "https://commons.example.org/wiki/File:1.jpg",
        },
    )


def _queued() -> list:
    return [r for r in default_task_backend.results if r.task.name == "make_renditions"]


@override_settings(TASKS=QUEUED)
def test_a_page_never_makes_a_rendition_it_asks_the_worker_once(client):
    default_task_backend.clear()
    photo = _photo()
    for url in ("/en/heritage/yasawi/", "/ru/heritage/yasawi/", "/en/heritage/", "/en/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<picture>" not in response.content.decode(), url
    assert not any(default_storage.exists(f.name) for _w, f in photo.rendition_files())
    (queued,) = _queued()  # four pages, one request to the worker
    assert queued.args == ["heritage.HeritageImage", photo.pk]

    make_renditions.call(*queued.args)  # the worker runs it
    assert all(default_storage.exists(f.name) for _w, f in photo.rendition_files())
    html = client.get("/en/heritage/yasawi/").content.decode()
    srcset = re.search(r'<source type="image/webp" srcset="([^"]+)"', html).group(1)
    assert [c.rsplit(" ", 1)[1] for c in srcset.split(", ")] == ["320w", "640w", "1280w"]
    assert len(_queued()) == 1  # nothing more asked


@override_settings(TASKS=QUEUED, PAGE_CACHE_SECONDS=600, PAGE_CACHE_STATE="file")
def test_once_made_the_cached_pages_without_the_picture_are_let_go(
    settings, django_capture_on_commit_callbacks
):
    default_task_backend.clear()
    Path(settings.PAGE_CACHE_STATE_FILE).unlink(missing_ok=True)
    caches["default"].clear()
    photo = _photo()
    visitor = Client()
    assert "<picture>" not in visitor.get("/en/heritage/yasawi/").content.decode()
    assert visitor.get("/en/heritage/yasawi/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):  # a worker commits at once
        make_renditions.call("heritage.HeritageImage", photo.pk)
    shown = visitor.get("/en/heritage/yasawi/")
    assert shown["X-Page-Cache"] == "miss"
    assert "<picture>" in shown.content.decode()


@override_settings(TASKS=QUEUED)
def test_the_admin_shows_the_photograph_is_being_prepared_not_missing(staff_client):
    photo = _photo()
    page = staff_client.get(reverse("admin:heritage_heritageitem_change", args=[photo.item_id]))
    assert "being made in the background" in page.content.decode()
    assert "The file is missing" not in page.content.decode()


@override_settings(TASKS=QUEUED)
def test_an_admin_save_asks_for_the_renditions_once_it_is_committed(
    staff_client, django_capture_on_commit_callbacks
):
    default_task_backend.clear()
    item = make_heritage_item(slug="yasawi", name_en="Yasawi")
    url = reverse("admin:heritage_heritageitem_change", args=[item.pk])
    data = {
        **form_data(staff_client.get(url).content.decode(), "heritageitem_form"),
        "images-TOTAL_FORMS": "1",
        **PHOTO_INLINE,
        "images-0-order": "0",
        "images-0-image": jpeg_upload(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, data).status_code == 302
    photo = HeritageImage.objects.get(item=item)
    assert [r.args for r in _queued()] == [["heritage.HeritageImage", photo.pk]]


def test_a_photograph_whose_file_is_gone_is_logged_and_makes_nothing(caplog):
    photo = _photo()
    default_storage.delete(photo.image.name)
    make_renditions.call("heritage.HeritageImage", photo.pk)
    assert not any(default_storage.exists(f.name) for _w, f in photo.rendition_files())
    assert any("cannot be read" in r.getMessage() for r in caplog.records)
