import csv
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import ImportRecord, MappingProfile
from core.models import Status
from heritage.models import HeritageItem
from tests.factories import make_heritage_item
from tests.files import csv_bytes, xlsx_bytes
from tests.imports import UPLOAD, map_columns, upload

pytestmark = pytest.mark.django_db


def test_archivist_imports_with_preview_diff_and_confirm(user_in):
    client = user_in("Archivist")
    make_heritage_item(slug="kept", name_en="Old name", kind="world", status=Status.DRAFT)
    data = xlsx_bytes(
        [
            ["slug", "kind", "name_en"],
            ["kept", "world", "New name"],
            ["added", "intangible", "Added"],
        ]
    )
    preview_url = map_columns(client, upload(client, data, "items.xlsx"))
    preview = client.get(preview_url)
    html = preview.content.decode()
    assert preview.context["plan"].counts == {"new": 1, "update": 1, "unchanged": 0, "invalid": 0}
    assert "<del>Old name</del> → <ins>New name</ins>" in html
    assert not HeritageItem.objects.filter(slug="added").exists()  # nothing before confirming
    response = client.post(preview_url, {"fingerprint": preview.context["plan"].fingerprint})
    assert response["Location"] == preview_url  # the job's page, now with its result
    record = ImportRecord.objects.get()
    assert (record.new, record.updated, record.user.username) == (1, 1, "archivist")
    assert HeritageItem.objects.get(slug="kept").name_en == "New name"
    result = client.get(preview_url).content.decode()
    assert "Imported: 1 new record, 1 updated record, 0 unchanged records." in result
    assert reverse("admin:archive_importrecord_change", args=[record.pk]) in result


def test_confirm_is_refused_when_the_data_changed_since_the_preview(user_in):
    client = user_in("Archivist")
    make_heritage_item(slug="kept", name_en="Old name", status=Status.DRAFT)
    preview_url = map_columns(
        client, upload(client, csv_bytes([["slug", "name_en"], ["kept", "New"]]))
    )
    fingerprint = client.get(preview_url).context["plan"].fingerprint
    HeritageItem.objects.filter(slug="kept").update(name_en="Edited meanwhile")
    response = client.post(preview_url, {"fingerprint": fingerprint}, follow=True)
    html = response.content.decode()
    assert "changed these records since the preview: this is a fresh preview" in html
    assert "<del>Edited meanwhile</del> → <ins>New</ins>" in html
    assert HeritageItem.objects.get(slug="kept").name_en == "Edited meanwhile"
    assert not ImportRecord.objects.exists()


def test_archivists_cannot_publish_or_change_what_is_public_by_import(user_in):
    client = user_in("Archivist")
    make_heritage_item(slug="public", name_en="Public", kind="world")
    data = csv_bytes(
        [
            ["slug", "kind", "name_en", "status"],
            ["public", "world", "Changed", "published"],
            ["fresh", "world", "Fresh", "published"],
            ["draft", "world", "Draft", "draft"],
        ]
    )
    preview = client.get(map_columns(client, upload(client, data)))
    assert preview.context["plan"].counts["invalid"] == 2
    assert "Only publishers may publish records or change published ones" in (
        preview.content.decode()
    )


def test_an_archivist_who_is_also_a_publisher_may(user_in):
    client = user_in("Archivist")
    User.objects.get(username="archivist").groups.add(Group.objects.get(name="Publisher"))
    make_heritage_item(slug="public", name_en="Public", kind="world")
    data = csv_bytes([["slug", "kind", "name_en"], ["public", "world", "Changed"]])
    preview = client.get(map_columns(client, upload(client, data)))
    assert preview.context["plan"].counts["invalid"] == 0


def test_errors_block_the_import_and_the_error_file_can_be_downloaded(user_in):
    client = user_in("Archivist")
    data = csv_bytes(
        [
            ["slug", "kind", "name_en", "year_inscribed"],
            ["a", "world", "A", "1990"],
            ["b", "castle", "B", "199x"],
        ]
    )
    preview_url = map_columns(client, upload(client, data))
    preview = client.get(preview_url)
    html = preview.content.decode()
    assert "“castle” is not one of" in html and "“199x” is not a whole number." in html
    assert "Confirm:" not in html
    response = client.post(preview_url, {"fingerprint": preview.context["plan"].fingerprint})
    assert not HeritageItem.objects.exists()
    assert "The file has errors; nothing was imported." in client.get(preview_url).content.decode()
    error_url = preview.context["error_file_urls"]["csv"]
    error_file = b"".join(client.get(error_url).streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(error_file)))
    assert [(r["row"], r["column"], r["slug"]) for r in rows] == [
        ("3", "kind; year_inscribed", "b")
    ]
    xlsx = client.get(preview.context["error_file_urls"]["xlsx"])
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert [c.value for c in sheet[1]][:4] == ["row", "column", "message", "slug"]
    assert response.status_code == 302


def test_column_mapping_with_filter_saved_as_a_profile_and_reused(user_in):
    client = user_in("Archivist")
    data = csv_bytes(
        [
            ["Ref", "Property", "States", "Type"],
            ["1103", "Yasawi", "Kazakhstan", "world"],
            ["1442", "Silk Roads", "China, Kazakhstan, Kyrgyzstan", "world"],
            ["2", "Elsewhere", "France", "world"],
        ]
    )
    map_url = upload(client, data)
    preview_url = map_columns(
        client,
        map_url,
        {
            "column_0": "slug",
            "column_1": "name_en",
            "column_2": "",
            "column_3": "kind",
            "filter_column": "States",
            "filter_match": "equals",
            "filter_value": "Kazakhstan",
            "filter_separator": ",",
            "save_as": "UNESCO list",
        },
    )
    preview = client.get(preview_url)
    assert preview.context["plan"].counts["new"] == 2
    assert preview.context["plan"].filtered_out == 1
    profile = MappingProfile.objects.get(name="UNESCO list")
    assert profile.mapping["columns"]["Property"] == "name_en"
    assert profile.mapping["filters"] == [
        {"column": "States", "equals": "Kazakhstan", "separator": ","}
    ]
    # Next time the profile fills the mapping in.
    map_url = upload(client, data, profile=profile.pk)
    form = client.get(map_url).context["form"]
    assert form["column_1"].value() == "name_en"
    assert form["filter_value"].value() == "Kazakhstan"


def test_headers_that_name_a_field_in_any_language_are_matched_for_the_archivist(user_in):
    client = user_in("Archivist")
    headers = ["Slug", "Name (EN)", "Название [ru]", "YEAR_INSCRIBED", "Широта", "Бойлық"]
    headers += ["Өңірлер", "Type", "name_en", "kind"]
    row = ["tamgaly", "Tamgaly", "Тамгалы", "2004", "43.8", "75.5", "", "site", "Tamgaly", "world"]
    data = csv_bytes([headers, row])
    map_url = upload(client, data)
    response = client.get(map_url)
    chosen = {field.label: field.value() for field in response.context["form"].column_fields()}
    assert chosen == {
        "Slug": "slug",
        "Name (EN)": "",  # the file's own name_en column keeps that field
        "Название [ru]": "name_ru",
        "YEAR_INSCRIBED": "year_inscribed",
        "Широта": "latitude",
        "Бойлық": "longitude",
        "Өңірлер": "regions",
        "Type": "",  # names no field: left for the archivist
        "name_en": "name_en",
        "kind": "kind",
    }
    assert "is already chosen for you" in response.content.decode()
    preview_url = map_columns(client, map_url)  # accepted as suggested
    assert client.get(preview_url).context["plan"].counts["new"] == 1
    client.post(preview_url, {"fingerprint": client.get(preview_url).context["plan"].fingerprint})
    item = HeritageItem.objects.get(slug="tamgaly")
    assert (item.name_en, item.name_ru, item.year_inscribed) == ("Tamgaly", "Тамгалы", 2004)
    assert (float(item.latitude), float(item.longitude)) == (43.8, 75.5)


def test_unknown_columns_are_reported_and_ignored(user_in):
    client = user_in("Archivist")
    data = csv_bytes([["slug", "kind", "name_en", "colour"], ["a", "world", "A", "red"]])
    map_url = upload(client, data)
    preview_url = map_columns(client, map_url, {"column_3": ""})
    assert client.get(preview_url).context["plan"].counts["new"] == 1


def test_bad_files_get_a_clear_error_not_a_500(user_in):
    client = user_in("Archivist")
    for name, data, message in [
        ("x.txt", b"hello", "not a CSV, XLSX or JSON file"),
        ("x.xlsx", b"PK\x03\x04broken", "not a valid XLSX workbook"),
        ("x.csv", b"", "empty"),
    ]:
        response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})
        assert response.status_code == 200
        assert message in response.content.decode()


def test_xlsx_decompression_bomb_is_refused(user_in, settings):
    settings.ARCHIVE_MAX_XLSX_INFLATED_BYTES = 10_000
    client = user_in("Archivist")
    rows = [["slug", "name_en"]] + [[f"s{i}", "x" * 200] for i in range(200)]
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("big.xlsx", xlsx_bytes(rows))})
    assert "expands to an unsafe size" in response.content.decode()


def test_upload_size_cap(user_in, settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 100
    client = user_in("Archivist")
    response = client.post(
        UPLOAD, {"file": SimpleUploadedFile("big.csv", b"slug\n" + b"a\n" * 100)}
    )
    assert "larger than" in response.content.decode()


@pytest.mark.parametrize(
    ("group", "may_import"), [("Editor", False), ("Archivist", True), ("Administrator", True)]
)
def test_only_archivists_and_administrators_may_import_but_editors_may_export(
    user_in, group, may_import
):
    client = user_in(group)
    make_heritage_item(slug="one")
    changelist = client.get(reverse("admin:heritage_heritageitem_changelist")).content.decode()
    assert ("archive-import" in changelist) is may_import
    assert client.get(UPLOAD).status_code == (200 if may_import else 403)
    export = client.get(reverse("admin:heritage_heritageitem_export_file") + "?format=csv")
    assert export.status_code == 200
    assert "one" in export.content.decode("utf-8-sig")


def test_export_respects_the_changelist_filters(staff_client):
    make_heritage_item(slug="world-one", kind="world")
    make_heritage_item(slug="intangible-one", kind="intangible", category="")
    response = staff_client.get(
        reverse("admin:heritage_heritageitem_export_file") + "?format=csv&kind__exact=world"
    )
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"] == 'attachment; filename="heritageitem.csv"'
    assert "world-one" in text and "intangible-one" not in text


def test_xlsx_with_an_xml_entity_bomb_is_refused(user_in):
    """defusedxml (pinned in requirements) makes openpyxl refuse entity declarations."""
    import zipfile

    client = user_in("Archivist")
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["slug", "name_en"], ["a", "A"]])))
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = bomb.encode()
            target.writestr(item, data)
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("bomb.xlsx", output.getvalue())})
    assert response.status_code == 200
    assert "The XLSX workbook cannot be read" in response.content.decode()
    assert not HeritageItem.objects.exists()
    # …and it is refused because of the entity declaration, by defusedxml.
    from defusedxml import EntitiesForbidden

    with pytest.raises(ValueError) as refused:
        openpyxl.load_workbook(io.BytesIO(output.getvalue()), read_only=True)
    assert isinstance(refused.value.__cause__, EntitiesForbidden)


def breadcrumbs(response) -> list[str]:
    """The admin's breadcrumb trail, as Django's own screens mark it up (a styled list)."""
    html = response.content.decode()
    trail = re.search(r'<ol class="breadcrumbs">(.*?)</ol>', html, re.S)
    assert trail, "no breadcrumb list on the page"
    return [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li.*?</li>", trail[1], re.S)
    ]


def test_import_and_undo_screens_show_the_admins_breadcrumb_trail(user_in):
    client = user_in("Archivist")
    assert breadcrumbs(client.get(UPLOAD)) == [
        "Home",
        "Heritage",
        "Heritage items",
        "Import heritage items",
    ]
    preview_url = map_columns(
        client, upload(client, csv_bytes([["slug", "kind", "name_en"], ["a", "world", "A"]]))
    )
    client.post(preview_url, {"fingerprint": client.get(preview_url).context["plan"].fingerprint})
    record = ImportRecord.objects.get()
    undo = client.get(reverse("admin:archive_importrecord_undo", args=[record.pk]))
    assert breadcrumbs(undo)[:2] == ["Home", "Import ledger"]
    assert str(record) in breadcrumbs(undo)[2]


def test_a_rows_badge_agrees_with_the_row_and_a_counter_with_its_number(user_in):
    # A row's badge names one record ("новая"); a counter counts records in the form its
    # number asks for: 1 новая запись, 2 новые записи, 5 новых записей
    # (tests/archive/test_plurals.py).
    client = user_in("Archivist")
    make_heritage_item(slug="kept", name_en="Old name", status=Status.DRAFT)
    data = csv_bytes([["slug", "name_en"], ["kept", "New name"], ["added", "Added"]])
    preview_url = map_columns(client, upload(client, data))
    html = client.get(preview_url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    badges = re.findall(r'<span class="archive-action">([^<]+)</span>', html)
    assert sorted(badges) == ["изменена", "новая"]
    assert '<li class="new"><strong>1</strong> новая запись</li>' in html
    assert '<li class="update"><strong>1</strong> изменённая запись</li>' in html
    assert "<li><strong>0</strong> записей без изменений</li>" in html
    assert '<li class="invalid"><strong>0</strong> строк с ошибками</li>' in html


def test_an_export_from_before_notes_were_translated_keeps_its_note_in_english(user_in):
    client = user_in("Archivist")
    make_heritage_item(slug="tamgaly", name_en="Tamgaly", kind="world", status=Status.DRAFT)
    data = csv_bytes(
        [["slug", "kind", "name_en", "source_note"], ["tamgaly", "world", "Tamgaly", "Slip."]]
    )
    map_url = upload(client, data)
    chosen = {f.label: f.value() for f in client.get(map_url).context["form"].column_fields()}
    assert chosen["source_note"] == "source_note_en"
    preview_url = map_columns(client, map_url)
    client.post(preview_url, {"fingerprint": client.get(preview_url).context["plan"].fingerprint})
    item = HeritageItem.objects.get(slug="tamgaly")
    assert (item.source_note_en, item.source_note_ru) == ("Slip.", None)


def test_the_preview_counts_the_coordinates_it_rounds(user_in):
    """UNESCO's lists give 8 to 10 decimal places: the archivist sees how many were cut."""
    client = user_in("Archivist")
    client.cookies["django_language"] = "ru"
    data = csv_bytes(
        [
            ["slug", "kind", "name_en", "latitude", "longitude"],
            ["a", "world", "A", "43.2927683958", "68.2736"],
            ["b", "world", "B", "43.12345678", "77.0000005"],
        ]
    )
    preview_url = map_columns(client, upload(client, data, "whc.csv"))
    html = client.get(preview_url).content.decode()
    block = re.search(r'<div class="archive-rounded">(.*?)</div>', html, re.S).group(1)
    assert "<code>latitude</code>: 2 ячейки округлены" in block
    assert "<code>longitude</code>: 1 ячейка округлена" in block
