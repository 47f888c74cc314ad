"""What an empty cell of an imported file means: taking the archive's value away (warned
of in the preview) or keeping it."""

import re

import pytest

from archive.models import ImportRecord, MappingProfile
from core.models import Status
from heritage.models import HeritageItem
from tests.factories import make_heritage_item
from tests.files import csv_bytes
from tests.imports import map_columns, upload

pytestmark = pytest.mark.django_db


def test_the_preview_warns_of_values_that_empty_cells_would_take_away(user_in):
    client = user_in("Archivist")
    for slug in ("otrar", "sauran"):
        make_heritage_item(slug=slug, name_en=slug.title(), name_ru="Название", status=Status.DRAFT)
    make_heritage_item(slug="taraz", name_en="Taraz", name_ru="", status=Status.DRAFT)
    data = csv_bytes(
        [
            ["slug", "name_en", "name_ru", "summary_en"],
            ["otrar", "Otrar", "", ""],  # takes the Russian name and the summary away
            ["sauran", "Sauran", "", "A new summary"],  # takes the Russian name away
            ["taraz", "Taraz", "", "A new summary"],  # empty already: nothing taken away
        ]
    )
    preview_url = map_columns(client, upload(client, data))
    response = client.get(preview_url)
    assert response.context["plan"].cleared == {"name_ru": 2, "summary_en": 1}
    warning = re.search(
        r'<div class="warningnote archive-cleared">.*?</div>', response.content.decode(), re.S
    )
    assert "<code>summary_en</code>: 1 record</li>" in warning.group(0)
    assert "<code>name_ru</code>: 2 records</li>" in warning.group(0)
    html = client.get(preview_url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Пустые ячейки файла сотрут значения" in html and "2 записи" in html


def test_empty_cells_can_keep_the_archives_values_and_the_profile_remembers_it(user_in):
    client = user_in("Archivist")
    make_heritage_item(slug="otrar", name_en="Otrar", name_ru="Отрар", status=Status.DRAFT)
    make_heritage_item(slug="sauran", name_en="Sauran", name_ru="Сауран", status=Status.DRAFT)
    data = csv_bytes(
        [["slug", "name_en", "name_ru"], ["otrar", "Otrar oasis", ""], ["sauran", "", ""]]
    )
    preview_url = map_columns(
        client, upload(client, data), {"empty_cells": "keep", "save_as": "Partial lists"}
    )
    response = client.get(preview_url)
    html = response.content.decode()
    assert response.context["plan"].cleared == {} and "archive-cleared" not in html
    assert response.context["plan"].counts == {"new": 0, "update": 1, "unchanged": 1, "invalid": 0}
    kept = re.search(r'<div class="archive-kept">.*?</div>', html, re.S).group(0)
    assert "Empty cells keep the values the archive holds." in kept
    assert "<code>name_ru</code>: 2 records</li>" in kept
    assert "<code>name_en</code>: 1 record</li>" in kept
    ru = client.get(preview_url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Пустые ячейки сохраняют значения, которые хранит архив." in ru

    client.post(preview_url, {"fingerprint": response.context["plan"].fingerprint})
    assert ImportRecord.objects.get().updated == 1
    otrar, sauran = HeritageItem.objects.order_by("slug")
    assert (otrar.name_en, otrar.name_ru) == ("Otrar oasis", "Отрар")
    assert (sauran.name_en, sauran.name_ru) == ("Sauran", "Сауран")

    profile = MappingProfile.objects.get(name="Partial lists")
    assert profile.mapping["empty_cells"] == "keep"
    map_url = upload(client, data, profile=profile.pk)
    assert client.get(map_url).context["form"]["empty_cells"].value() == "keep"


def test_the_column_step_asks_how_to_read_empty_cells(user_in):
    client = user_in("Archivist")
    map_url = upload(client, csv_bytes([["slug", "name_en"], ["otrar", "Otrar"]]))
    html = client.get(map_url).content.decode()
    assert re.search(r'<input type="radio" name="empty_cells" value="clear"[^>]* checked', html)
    assert 'value="keep"' in html and "keep the value the archive holds" in html
    response = client.post(map_url, {"column_0": "slug", "column_1": "name_en"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"empty_cells": ["This field is required."]}


def test_no_warning_when_nothing_would_be_taken_away(user_in):
    client = user_in("Archivist")
    make_heritage_item(slug="otrar", name_en="Otrar", status=Status.DRAFT)
    preview_url = map_columns(
        client, upload(client, csv_bytes([["slug", "name_en"], ["otrar", "Otrar oasis"]]))
    )
    response = client.get(preview_url)
    assert (
        response.context["plan"].cleared == {}
        and "archive-cleared" not in response.content.decode()
    )
