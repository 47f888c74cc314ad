"""Every count the archive prints agrees with its noun: Russian has three forms (1 and 21
запись, 2 записи, 5 and 11 записей), Kazakh keeps the noun singular after a numeral,
English has two forms (the public pages' counts: test_plurals_public.py)."""

import decimal
import re

import pytest
from django.db import models
from django.urls import reverse
from django.utils import translation

from archive import cells
from archive.models import ImportRecord
from archive.schema import Schema
from core.models import Status
from tests.factories import make_heritage_item
from tests.files import csv_bytes
from tests.imports import map_columns, upload

pytestmark = pytest.mark.django_db

# The number of rows of each kind in the file, the language, then what the preview says
# of the new, updated, unchanged, invalid and filtered-out rows.
PREVIEW_COUNTERS = [
    (
        1,
        "ru",
        [
            "новая запись",
            "изменённая запись",
            "запись без изменений",
            "строка с ошибками",
            "строка отсеяна фильтром",
        ],
    ),
    (
        2,
        "ru",
        [
            "новые записи",
            "изменённые записи",
            "записи без изменений",
            "строки с ошибками",
            "строки отсеяны фильтром",
        ],
    ),
    (
        5,
        "ru",
        [
            "новых записей",
            "изменённых записей",
            "записей без изменений",
            "строк с ошибками",
            "строк отсеяно фильтром",
        ],
    ),
    (
        11,
        "ru",
        [
            "новых записей",
            "изменённых записей",
            "записей без изменений",
            "строк с ошибками",
            "строк отсеяно фильтром",
        ],
    ),
    (
        21,
        "ru",
        [
            "новая запись",
            "изменённая запись",
            "запись без изменений",
            "строка с ошибками",
            "строка отсеяна фильтром",
        ],
    ),
    (
        1,
        "kk",
        [
            "жаңа жазба",
            "өзгертілген жазба",
            "өзгеріссіз жазба",
            "қатесі бар жол",
            "жолды сүзгі алып тастады",
        ],
    ),
    (
        2,
        "kk",
        [
            "жаңа жазба",
            "өзгертілген жазба",
            "өзгеріссіз жазба",
            "қатесі бар жол",
            "жолды сүзгі алып тастады",
        ],
    ),
    (
        1,
        "en",
        [
            "new record",
            "updated record",
            "unchanged record",
            "row with errors",
            "row left out by the filter",
        ],
    ),
    (
        2,
        "en",
        [
            "new records",
            "updated records",
            "unchanged records",
            "rows with errors",
            "rows left out by the filter",
        ],
    ),
]


def archivist_with_items(user_in, n: int):
    """An archivist, and n draft items the file updates and n it leaves as they are."""
    client = user_in("Archivist")
    for i in range(n):
        make_heritage_item(slug=f"old-{i}", name_en="Old", kind="world", status=Status.DRAFT)
        make_heritage_item(slug=f"same-{i}", name_en="Same", kind="world", status=Status.DRAFT)
    return client


def rows_of_each_kind(n: int, *, invalid: bool) -> list[list]:
    """n rows that are new, n that update, n unchanged, n the filter leaves out, and
    (if `invalid`) n with an error."""
    rows = [["slug", "kind", "name_en", "States"]]
    for i in range(n):
        rows.append([f"new-{i}", "world", "New", "Kazakhstan"])
        rows.append([f"old-{i}", "world", "Updated", "Kazakhstan"])
        rows.append([f"same-{i}", "world", "Same", "Kazakhstan"])
        rows.append([f"elsewhere-{i}", "world", "Elsewhere", "France"])
        if invalid:
            rows.append([f"bad-{i}", "castle", "Bad", "Kazakhstan"])
    return rows


ONLY_KAZAKHSTAN = {
    "column_3": "",
    "filter_column": "States",
    "filter_match": "equals",
    "filter_value": "Kazakhstan",
}


@pytest.mark.parametrize(("n", "language", "nouns"), PREVIEW_COUNTERS)
def test_the_import_previews_counters_agree_with_their_number(user_in, n, language, nouns):
    client = archivist_with_items(user_in, n)
    preview_url = map_columns(
        client, upload(client, csv_bytes(rows_of_each_kind(n, invalid=True))), ONLY_KAZAKHSTAN
    )
    response = client.get(preview_url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.context["plan"].counts == {"new": n, "update": n, "unchanged": n, "invalid": n}
    counters = re.search(
        r'<ul class="archive-counts">(.*?)</ul>', response.content.decode(), re.S
    ).group(1)
    assert re.findall(r"<li[^>]*>(.*?)</li>", counters) == [
        f"<strong>{n}</strong> {noun}" for noun in nouns
    ]


# What the confirm button writes (Russian: the accusative, «записать 1 новую запись»).
CONFIRM_BUTTON = [
    (1, "ru", "Подтвердить: записать 1 новую запись и 1 изменённую запись"),
    (2, "ru", "Подтвердить: записать 2 новые записи и 2 изменённые записи"),
    (5, "ru", "Подтвердить: записать 5 новых записей и 5 изменённых записей"),
    (11, "ru", "Подтвердить: записать 11 новых записей и 11 изменённых записей"),
    (21, "ru", "Подтвердить: записать 21 новую запись и 21 изменённую запись"),
    (1, "kk", "Растау: 1 жаңа жазба мен 1 өзгертілген жазбаны сақтау"),
    (2, "kk", "Растау: 2 жаңа жазба мен 2 өзгертілген жазбаны сақтау"),
    (1, "en", "Confirm: write 1 new record and 1 updated record"),
    (2, "en", "Confirm: write 2 new records and 2 updated records"),
]

# What the message after the import says.
IMPORTED = {
    (1, "ru"): "Импортировано: 1 новая запись, 1 изменённая запись, 1 запись без изменений.",
    (2, "ru"): "Импортировано: 2 новые записи, 2 изменённые записи, 2 записи без изменений.",
    (5, "ru"): "Импортировано: 5 новых записей, 5 изменённых записей, 5 записей без изменений.",
    (11, "ru"): (
        "Импортировано: 11 новых записей, 11 изменённых записей, 11 записей без изменений."
    ),
    (21, "ru"): "Импортировано: 21 новая запись, 21 изменённая запись, 21 запись без изменений.",
    (1, "kk"): "Импортталды: 1 жаңа жазба, 1 өзгертілген жазба, 1 өзгеріссіз жазба.",
    (2, "kk"): "Импортталды: 2 жаңа жазба, 2 өзгертілген жазба, 2 өзгеріссіз жазба.",
    (1, "en"): "Imported: 1 new record, 1 updated record, 1 unchanged record.",
    (2, "en"): "Imported: 2 new records, 2 updated records, 2 unchanged records.",
}


@pytest.mark.parametrize(("n", "language", "button"), CONFIRM_BUTTON)
def test_the_confirm_button_and_the_message_after_the_import_agree_with_their_numbers(
    user_in, n, language, button
):
    client = archivist_with_items(user_in, n)
    preview_url = map_columns(
        client, upload(client, csv_bytes(rows_of_each_kind(n, invalid=False))), ONLY_KAZAKHSTAN
    )
    preview = client.get(preview_url, HTTP_ACCEPT_LANGUAGE=language)
    submit = re.search(
        r'<input type="submit" class="default" value="([^"]*)">', preview.content.decode()
    )
    assert submit.group(1) == button
    response = client.post(
        preview_url,
        {"fingerprint": preview.context["plan"].fingerprint},
        HTTP_ACCEPT_LANGUAGE=language,
        follow=True,
    )
    shown = re.search(r'<p class="archive-job-message">(.*?)</p>', response.content.decode())
    assert shown.group(1) == IMPORTED[n, language]


UNDO = [
    (
        1,
        "ru",
        "Отмена удалит 1 запись, созданную этим импортом, и восстановит прежние значения "
        "1 обновлённой записи.",
    ),
    (
        2,
        "ru",
        "Отмена удалит 2 записи, созданные этим импортом, и восстановит прежние значения "
        "2 обновлённых записей.",
    ),
    (
        5,
        "ru",
        "Отмена удалит 5 записей, созданных этим импортом, и восстановит прежние значения "
        "5 обновлённых записей.",
    ),
    (
        11,
        "ru",
        "Отмена удалит 11 записей, созданных этим импортом, и восстановит прежние значения "
        "11 обновлённых записей.",
    ),
    (
        21,
        "ru",
        "Отмена удалит 21 запись, созданную этим импортом, и восстановит прежние значения "
        "21 обновлённой записи.",
    ),
    (
        1,
        "kk",
        "Болдырмау бұл импорт құрған 1 жазбаны жояды және жаңартылған 1 жазбаның бұрынғы "
        "мәндерін қалпына келтіреді.",
    ),
    (
        2,
        "kk",
        "Болдырмау бұл импорт құрған 2 жазбаны жояды және жаңартылған 2 жазбаның бұрынғы "
        "мәндерін қалпына келтіреді.",
    ),
    (
        1,
        "en",
        "Undoing deletes the 1 record this import created and restores the previous values "
        "of the 1 record it updated.",
    ),
    (
        2,
        "en",
        "Undoing deletes the 2 records this import created and restores the previous values "
        "of the 2 records it updated.",
    ),
]


@pytest.mark.parametrize(("n", "language", "sentence"), UNDO)
def test_the_undo_screen_counts_what_it_deletes_and_restores(user_in, n, language, sentence):
    client = user_in("Archivist")
    record = ImportRecord.objects.create(
        model_label="heritage.HeritageItem", file_name="f.csv", checksum="0" * 64, new=n, updated=n
    )
    url = reverse("admin:archive_importrecord_undo", args=[record.pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"<p>{sentence} " in html


@pytest.mark.parametrize(
    ("length", "language", "message"),
    [
        (301, "ru", "301 символ; допускается не более 300."),
        (302, "ru", "302 символа; допускается не более 300."),
        (305, "ru", "305 символов; допускается не более 300."),
        (311, "ru", "311 символов; допускается не более 300."),
        (321, "ru", "321 символ; допускается не более 300."),
        (301, "kk", "301 таңба; ең көбі 300 рұқсат етіледі."),
        (301, "en", "301 characters; at most 300 are allowed."),
    ],
)
def test_an_import_error_counts_the_characters_of_a_value_too_long(length, language, message):
    field = models.CharField(max_length=300)
    with translation.override(language), pytest.raises(ValueError) as error:
        Schema._value(field, "x" * length)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("places", "language", "message"),
    [
        (1, "ru", "В «0.12345678912345678912345» больше 1 знака после запятой."),
        (2, "ru", "В «0.12345678912345678912345» больше 2 знаков после запятой."),
        (5, "ru", "В «0.12345678912345678912345» больше 5 знаков после запятой."),
        (11, "ru", "В «0.12345678912345678912345» больше 11 знаков после запятой."),
        (21, "ru", "В «0.12345678912345678912345» больше 21 знака после запятой."),
        (1, "kk", "«0.12345678912345678912345» мәнінде үтірден кейін 1 таңбадан көп."),
        (2, "kk", "«0.12345678912345678912345» мәнінде үтірден кейін 2 таңбадан көп."),
        (1, "en", "“0.12345678912345678912345” has more than 1 decimal place."),
        (2, "en", "“0.12345678912345678912345” has more than 2 decimal places."),
    ],
)
def test_an_import_error_counts_the_decimal_places_allowed(places, language, message):
    field = models.DecimalField(max_digits=30, decimal_places=places)
    with translation.override(language), pytest.raises(ValueError) as error:
        cells.decimal_number("0.12345678912345678912345", field)
    assert str(error.value) == message
    assert cells.decimal_number("0.1", field) == decimal.Decimal("0.1")
