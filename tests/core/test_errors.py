"""The database going away gives a 503 page, and the site comes back by itself."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from tests.factories import make_heritage_item

pytestmark = pytest.mark.django_db(transaction=True)


def database_down():
    def refuse(self):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')

    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse)


def test_database_down_gives_a_503_page_and_the_site_recovers():
    item = make_heritage_item(name_en="Tamgaly")
    client = Client(raise_request_exception=False)
    from django.db import connection

    connection.close()
    with database_down():
        response = client.get(item.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "temporarily unavailable" in html and "Traceback" not in html
    assert "Tamgaly" in client.get(item.get_absolute_url()).content.decode()


def test_other_errors_stay_a_500(settings):
    client = Client(raise_request_exception=False)
    with mock.patch("heritage.views.HeritageListView.get", side_effect=ValueError("bug")):
        response = client.get("/en/heritage/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_a_full_disk_while_saving_a_photograph_says_so_and_saves_nothing(
    language, django_user_model, caplog
):
    """The staff's photograph meets a full disk: a 507 page in their language, the record
    as it was (the admin's transaction rolled back), the administrators told by the log."""
    import errno

    from heritage.models import HeritageImage
    from tests.factories import jpeg_upload
    from tests.forms import form_data

    item = make_heritage_item(name_en="Tamgaly")
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.com", "pw"))
    url = f"/admin/heritage/heritageitem/{item.pk}/change/"
    data = form_data(client.get(url).content.decode(), "heritageitem_form")
    data |= {
        "name_en": "Tamgaly (renamed)",
        "images-TOTAL_FORMS": "1",
        "images-0-image": jpeg_upload(),
        "images-0-alt_text_kk": "Петроглифтер",
        "images-0-alt_text_ru": "Петроглифы",
        "images-0-alt_text_en": "Petroglyphs of a sun-headed figure",
        "images-0-author": "Astrobond",
        "images-0-licence": "CC-BY-SA-4.0",
        "images-0-source_url": "https://commons.wikimedia.org/wiki/File:Tamgaly.jpg",
        "images-0-order": "0",
    }
    full = OSError(errno.ENOSPC, "No space left on device")
    with mock.patch("django.core.files.storage.FileSystemStorage._save", side_effect=full):
        client.cookies["django_language"] = language
        response = client.post(url, data)
    assert response.status_code == 507
    html = response.content.decode()
    assert {"ru": "Хранилище сервера заполнено", "kk": "Сервердің қоймасы толы",
            "en": "The server's storage is full"}[language] in html  # fmt: skip
    assert "Traceback" not in html
    item.refresh_from_db()
    assert item.name_en == "Tamgaly" and not HeritageImage.objects.exists()
    assert "Storage full" in caplog.text


@pytest.mark.parametrize(
    "path",
    ["/en/heritage/download.csv", "/en/heritage/download.geojson", "/en/heritage/map/places.json"],
)
def test_a_download_whose_database_goes_away_answers_503_not_a_cut_off_file(path, monkeypatch):
    """A stream's first records are read in the view: an unreachable database is answered
    as on any page, instead of failing after the headers of a 200 were sent."""
    from django.db.models.query import QuerySet

    make_heritage_item(name_en="Tamgaly", latitude="43", longitude="75")

    def refuse(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")
        yield  # a generator, as the querysets' are

    monkeypatch.setattr(QuerySet, "iterator", refuse)
    monkeypatch.setattr("archive.export_stream.export_rows", lambda **kwargs: (["name"], refuse()))
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 503
    assert not response.streaming
