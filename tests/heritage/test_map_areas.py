"""An item's area on the map, uploaded as a GeoJSON file in the admin (issue 24)."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from heritage.models import HeritageItem, MapArea
from tests.factories import make_heritage_item
from tests.forms import form_data

pytestmark = pytest.mark.django_db

FILES = settings.BASE_DIR / "tests" / "files" / "geojson"
PREFIX = "map_area"


def _change_form(client, item: HeritageItem) -> tuple[str, dict]:
    url = f"/admin/heritage/heritageitem/{item.pk}/change/"
    return url, form_data(client.get(url).content.decode(), "heritageitem_form")


def _upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FILES / name).read_bytes(), "application/geo+json")


def _with_area(data: dict, upload, source: str = "") -> dict:
    return {
        **data,
        f"{PREFIX}-TOTAL_FORMS": "1",
        f"{PREFIX}-0-upload": upload,
        f"{PREFIX}-0-source_url": source,
    }


def test_an_editor_uploads_the_area_of_a_property_and_its_buffer_zone(client, user_in):
    item = make_heritage_item(status="draft")
    user_in("Editor")
    url, data = _change_form(client, item)
    assert f'name="{PREFIX}-TOTAL_FORMS"' in client.get(url).content.decode()
    response = client.post(
        url,
        _with_area(
            data, _upload("qgis-export.geojson"), "https://whc.unesco.org/en/list/1103/maps/"
        ),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    area = MapArea.objects.get(item=item)
    assert [f["properties"]["zone"] for f in area.geojson["features"]] == ["property", "buffer"]
    assert area.source_url == "https://whc.unesco.org/en/list/1103/maps/"
    page = client.get(url).content.decode()
    assert "1 polygon of the property, 1 of the buffer zone" in page


def test_a_file_that_is_not_an_area_is_refused_on_its_field_and_nothing_is_saved(client, user_in):
    item = make_heritage_item(status="draft", name_en="Kept name")
    user_in("Editor")
    url, data = _change_form(client, item)
    points = SimpleUploadedFile(
        "points.geojson", b'{"type": "Point", "coordinates": [68.2, 43.3]}', "application/json"
    )
    response = client.post(url, {**_with_area(data, points), "name_en": "Changed"})
    assert response.status_code == 200
    assert "its type is “Point”" in response.content.decode()
    assert not MapArea.objects.exists()
    item.refresh_from_db()
    assert item.name_en == "Kept name"


def test_the_area_is_loaded_only_on_the_detail_page(client, count_queries):
    item = make_heritage_item()
    area = MapArea.objects.create(item=item, geojson={"type": "FeatureCollection", "features": []})
    detail = count_queries(item.get_absolute_url())
    area.delete()
    assert count_queries(item.get_absolute_url()) == detail  # joined, not a query more
    listing = HeritageItem.objects.published().for_listing().query
    assert "heritage_maparea" not in str(listing)
