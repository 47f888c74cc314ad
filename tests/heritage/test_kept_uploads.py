"""A photo chosen on an admin page that then fails to save (another field's error) is
kept: the page shown again carries it, and the next save stores it without choosing the
file again."""

import pytest
from django.urls import reverse

from heritage.models import HeritageImage, HeritageItem
from images import kept_uploads
from tests.factories import jpeg_upload, make_heritage_item
from tests.forms import PHOTO_INLINE, form_data

pytestmark = pytest.mark.django_db


def test_a_photo_survives_a_failed_save_and_is_stored_by_the_next(staff_client):
    item = make_heritage_item(slug="yasawi", name_ru="Мавзолей Ясави", name_en="Yasawi")
    url = reverse("admin:heritage_heritageitem_change", args=[item.pk])
    page = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    data = {
        **form_data(page, "heritageitem_form"),
        "name_ru": "",  # the mistake: no name in any language
        "name_en": "",
        "name_kk": "",
        "images-TOTAL_FORMS": "1",
        **PHOTO_INLINE,
        "images-0-order": "0",
        "images-0-image": jpeg_upload(),
    }
    refused = staff_client.post(url, data, HTTP_ACCEPT_LANGUAGE="ru")
    assert refused.status_code == 200 and not HeritageImage.objects.exists()
    again = refused.content.decode()
    assert 'name="images-0-image-kept"' in again
    assert "Сохранено с прошлой попытки" in again

    corrected = {**form_data(again, "heritageitem_form"), "name_ru": "Мавзолей Ясави"}
    assert "images-0-image" not in corrected  # the browser sends no file this time
    assert staff_client.post(url, corrected, HTTP_ACCEPT_LANGUAGE="ru").status_code == 302
    image = HeritageImage.objects.get(item=item)
    assert image.image.name and image.image.storage.exists(image.image.name)
    assert HeritageItem.objects.get().name_ru == "Мавзолей Ясави"


def test_a_token_not_made_here_or_too_old_gives_nothing_back(monkeypatch):
    assert kept_uploads.restore("not-a-token") is None
    upload = jpeg_upload()
    token = kept_uploads.keep(upload)
    assert kept_uploads.restore(token).read() == upload.read()
    monkeypatch.setattr(kept_uploads, "KEPT_SECONDS", -1)
    assert kept_uploads.restore(token) is None
