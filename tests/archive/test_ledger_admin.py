"""The import ledger (how each file was read, undo from it) and saved mapping profiles."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import ImportRecord, ImportStatus, MappingProfile
from core.models import Status
from heritage.models import HeritageItem
from tests.factories import make_heritage_item
from tests.files import csv_bytes
from tests.imports import UPLOAD, map_columns, upload

pytestmark = pytest.mark.django_db


def test_undo_from_the_ledger(user_in):
    client = user_in("Archivist")
    preview_url = map_columns(
        client, upload(client, csv_bytes([["slug", "kind", "name_en"], ["a", "world", "A"]]))
    )
    client.post(preview_url, {"fingerprint": client.get(preview_url).context["plan"].fingerprint})
    record = ImportRecord.objects.get()
    detail = client.get(reverse("admin:archive_importrecord_change", args=[record.pk]))
    assert "Undo this import" in detail.content.decode()
    undo_url = reverse("admin:archive_importrecord_undo", args=[record.pk])
    assert "Yes, undo the import" in client.get(undo_url).content.decode()
    response = client.post(undo_url, follow=True)
    assert "The import was undone." in response.content.decode()
    record.refresh_from_db()
    assert record.status == ImportStatus.UNDONE
    assert not HeritageItem.objects.exists()


LEDGER = "admin:archive_importrecord_change"


def test_the_ledger_keeps_how_the_file_was_read_even_after_its_profile_changes(user_in):
    client = user_in("Archivist")
    make_heritage_item(slug="1103", name_en="Yasawi", name_ru="Ясави", status=Status.DRAFT)
    data = csv_bytes(
        [
            ["Ref", "Property", "Russian", "States"],
            ["1103", "Mausoleum of Yasawi", "", "Kazakhstan"],
            ["2", "Elsewhere", "", "France"],
        ]
    )
    choices = {
        "column_0": "slug",
        "column_1": "name_en",
        "column_2": "name_ru",
        "column_3": "",
        "filter_column": "States",
        "filter_match": "contains",
        "filter_value": "Kazakhstan",
        "empty_cells": "keep",
        "save_as": "UNESCO list",
    }
    preview_url = map_columns(client, upload(client, data), choices)
    client.post(preview_url, {"fingerprint": client.get(preview_url).context["plan"].fingerprint})
    assert HeritageItem.objects.get().name_ru == "Ясави"
    MappingProfile.objects.filter(name="UNESCO list").update(mapping={"columns": {}})

    record = ImportRecord.objects.get()
    html = client.get(reverse(LEDGER, args=[record.pk])).content.decode()
    reading = re.search(r"<ul><li>Empty cells.*?</ul>", html).group(0)
    assert re.findall(r"<li>(.*?)</li>", reading) == [
        "Empty cells in rows of records the archive held: keep the value the archive holds.",
        "Column “Property” read as name_en.",
        "Column “Ref” read as slug.",
        "Column “Russian” read as name_ru.",
        "Column “States” ignored.",
        "Only rows whose “States” contains “Kazakhstan”.",
    ]
    ru = client.get(reverse(LEDGER, args=[record.pk]), HTTP_ACCEPT_LANGUAGE="ru")
    assert "Столбец «Ref» прочитан как slug." in ru.content.decode()


def test_the_ledger_says_when_an_older_import_did_not_record_how_it_read_its_file(user_in):
    record = ImportRecord.objects.create(
        model_label="heritage.HeritageItem", file_name="old.csv", checksum="0" * 64
    )
    html = user_in("Archivist").get(reverse(LEDGER, args=[record.pk])).content.decode()
    assert "Not recorded: imported before the ledger kept it." in html


def test_editors_cannot_undo(user_in):
    record = ImportRecord.objects.create(
        model_label="heritage.HeritageItem", file_name="f.csv", checksum="0"
    )
    client = user_in("Editor")
    assert (
        client.post(reverse("admin:archive_importrecord_undo", args=[record.pk])).status_code == 403
    )


def test_mapping_profiles_download_as_and_load_from_mapping_json(staff_client):
    mapping = {"columns": {"Site": "name_en", "id": "slug"}, "filters": []}
    response = staff_client.post(
        reverse("admin:archive_mappingprofile_add"),
        {
            "name": "Partner list",
            "model_label": "heritage.HeritageItem",
            "mapping": json.dumps(mapping),
            "note": "",
        },
    )
    assert response.status_code == 302
    profile = MappingProfile.objects.get(name="Partner list")
    assert profile.mapping == mapping
    download = staff_client.post(
        reverse("admin:archive_mappingprofile_changelist"),
        {"action": "download_mapping", "_selected_action": [profile.pk]},
    )
    assert download["Content-Disposition"] == 'attachment; filename="Partner list.mapping.json"'
    assert json.loads(download.content) == mapping


@pytest.mark.parametrize(
    "mapping, problem",
    [
        ({"columns": ["Site"]}, 'A mapping is {"columns"'),
        ({"columns": {}, "empty_cells": "skip"}, '"empty_cells" is "clear" or "keep"'),
        ({"columns": {}, "filters": [{"column": "States"}]}, 'A filter is {"column"'),
    ],
)
def test_a_mapping_profile_that_cannot_be_read_is_refused_by_name(staff_client, mapping, problem):
    response = staff_client.post(
        reverse("admin:archive_mappingprofile_add"),
        {"name": "Broken", "model_label": "heritage.HeritageItem", "mapping": json.dumps(mapping)},
    )
    assert response.status_code == 200
    assert problem in " ".join(response.context["adminform"].form.errors["mapping"])
    assert not MappingProfile.objects.exists()


def test_an_unreadable_profile_saved_earlier_is_named_at_upload_not_a_server_error(user_in):
    client = user_in("Archivist")
    profile = MappingProfile.objects.create(
        name="Old list",
        model_label="heritage.HeritageItem",
        mapping={"columns": {}, "empty_cells": 1},
    )
    response = client.post(
        UPLOAD,
        {
            "file": SimpleUploadedFile("items.csv", csv_bytes([["slug"], ["a"]])),
            "profile": profile.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "profile": [
            'The profile “Old list” cannot be read: "empty_cells" is "clear" or "keep", not “1”.'
        ]
    }
