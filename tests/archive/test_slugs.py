"""Rows without a slug: a partner's list or a timeline sheet creates records whose slugs
are made from their names, Kazakh and Russian letters written in Latin ones, unique."""

import pytest

from archive import readers
from archive.applying import apply_plan
from archive.services import plan_import
from core.slugs import slug_from
from heritage.models import HeritageItem
from tests.factories import make_heritage_item
from tests.files import csv_bytes
from tests.imports import map_columns, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Қожа Ахмет Ясауи кесенесі", "qozha-akhmet-yasaui-kesenesi"),
        (
            "«Әлем жады» — Ұлытау, Өскемен, Үржар, Шұбартау",
            "alem-zhady-ulytau-oskemen-urzhar-shubartau",
        ),
        ("Мавзолей Ходжи Ахмеда Ясави", "mavzoley-khodzhi-akhmeda-yasavi"),
        ("Щучинск, Ёлка, Объект", "shchuchinsk-yolka-obekt"),
        ("Café Zürich", "cafe-zurich"),
    ],
)
def test_a_name_in_any_of_the_three_languages_makes_a_latin_slug(name, slug):
    assert slug_from(name, taken=set()) == slug


def test_a_slug_taken_gets_a_number():
    taken = {"aral-sea", "aral-sea-2"}
    assert slug_from("Aral Sea", taken=taken) == "aral-sea-3"
    assert "aral-sea-3" in taken


def test_a_file_without_slugs_creates_records_with_slugs_made_from_their_names():
    make_heritage_item(slug="betashar")  # a record the portal has: the new one is another
    rows = [
        ["kind", "name_en", "name_kk"],
        ["intangible", "Betashar", "Беташар"],
        ["intangible", "", "Салбурын"],  # no English name: the slug from the Kazakh one
        ["intangible", "", ""],
    ]
    plan = plan_import(
        label="heritage.HeritageItem", table=readers.read(csv_bytes(rows), name="f.csv")
    )
    assert plan.slugs_from == "name_en, name_kk"
    assert [row.key for row in plan.rows] == [("betashar-2",), ("salburyn",), ("",)]
    assert "The key is empty." in [error.message for error in plan.errors if error.row == 4]
    plan = plan_import(
        label="heritage.HeritageItem", table=readers.read(csv_bytes(rows[:2]), name="f.csv")
    )
    apply_plan(plan=plan, file_name="f.csv", checksum="0" * 64)
    assert HeritageItem.objects.get(slug="betashar-2").name_kk == "Беташар"


def test_the_preview_says_where_the_slugs_came_from(user_in):
    client = user_in("Archivist")
    data = csv_bytes([["kind", "name_ru"], ["world", "Подземные мечети Мангистау"]])
    html = client.get(map_columns(client, upload(client, data))).content.decode()
    assert "was made from name_ru" in html
    assert "podzemnye-mecheti-mangistau" in html
