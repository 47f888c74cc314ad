"""reconcile_whc against small files shaped as UNESCO's exports of the World Heritage
List: a renamed site, a new inscription, a changed area, a site gone, a transboundary
property and another country's rows; --apply goes through the ledger and undoes."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from archive.models import ImportRecord
from archive.undo import undo_import
from core.models import Status
from heritage.models import HeritageItem
from tests.factories import make_heritage_item

pytestmark = pytest.mark.django_db

# The shape of whc.unesco.org's "whc-sites-20xx" export (a few of its 50-odd columns).
HEADERS_2023 = ["unique_number", "id_no", "rev_bis", "name_en", "name_fr", "date_inscribed",
                "danger", "longitude", "latitude", "area_hectares", "criteria_txt",
                "category", "states_name_en", "iso_code"]  # fmt: skip
ROWS_2023 = [
    ["1300", "1103", "", "Mausoleum of Khoja Ahmed Yasawi", "Mausolée", "2003", "0",
     "68.27361", "43.29278", "0.55", "(i)(iii)(iv)", "Cultural", "Kazakhstan", "kz"],
    ["1301", "1145", "", "Petroglyphs of the Archaeological Landscape of Tanbaly", "", "2004",
     "0", "75.535", "43.8033", "900", "(iii)", "Cultural", "Kazakhstan", "kz"],
    ["1302", "1102", "", "Saryarka – Steppe and Lakes of Northern Kazakhstan", "", "2008",
     "0", "", "", "460000", "(ix)(x)", "Natural", "Kazakhstan", "kz"],
    ["1303", "1442", "", "Silk Roads: the Routes Network of Chang'an-Tianshan Corridor", "",
     "2014", "0", "", "", "", "(ii)(iii)(v)(vi)", "Cultural",
     "China,Kazakhstan,Kyrgyzstan", "cn,kz,kg"],
    ["1304", "1999", "", "Underground Mosques of Mangystau", "", "2026", "0", "51.1234567891",
     "44.1234567891",
     "120.5", "(iii)", "Cultural", "Kazakhstan", "kz"],
    ["1305", "80", "", "Mont-Saint-Michel and its Bay", "", "1979", "0", "-1.51", "48.63",
     "", "(i)(iii)(vi)", "Cultural", "France", "fr"],
]  # fmt: skip


ARCHIVE = [  # slug, name, reference, year, criteria, area
    ("yasawi", "Mausoleum of Khoja Ahmed Yasawi", "1103", 2003, "(i)(iii)(iv)", "0.55"),
    ("tamgaly", "Petroglyphs within the Archaeological Landscape of Tamgaly", "1145", 2004,
     "(iii)", "900"),
    ("saryarka", "Saryarka – Steppe and Lakes of Northern Kazakhstan", "1102", 2008,
     "(ix)(x)", "450344"),
    ("silk-roads", "Silk Roads: the Routes Network of Chang'an-Tianshan Corridor", "1442",
     2014, "(ii)(iii)(v)(vi)", None),
    ("western-tien-shan", "Western Tien-Shan", "1490", 2016, "", None),
]  # fmt: skip


@pytest.fixture
def archive_properties():
    for slug, name, reference, year, criteria, area in ARCHIVE:
        make_heritage_item(
            slug=slug,
            name_en=name,
            unesco_reference=reference,
            year_inscribed=year,
            criteria=criteria,
            area_ha=Decimal(area) if area else None,
            kind="world",
            status=Status.PUBLISHED,
        )
    HeritageItem.objects.filter(slug="yasawi").update(latitude="43.292778", longitude="68.273611")


def csv_file(tmp_path, headers=HEADERS_2023, rows=ROWS_2023, encoding="utf-8-sig"):
    path = tmp_path / "whc-sites-2023.csv"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([headers, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def run(*args) -> str:
    out = io.StringIO()
    call_command("reconcile_whc", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_report_names_what_is_missing_what_differs_and_what_is_gone(
    tmp_path, archive_properties
):
    report = run(csv_file(tmp_path))
    assert "Missing: 1999 Underground Mosques of Mangystau (row 6)" in report
    assert (
        "Differs: 1145 tamgaly name_en: archive 'Petroglyphs within the Archaeological "
        "Landscape of Tamgaly', UNESCO 'Petroglyphs of the Archaeological Landscape of Tanbaly'"
    ) in report
    assert (
        "Differs: 1102 saryarka area_ha: archive Decimal('450344.00'), UNESCO Decimal('460000')"
        in report
    )
    assert "No longer listed: 1490 western-tien-shan" in report
    # The transboundary property is found by its codes; agreeing values and rounding of
    # coordinates are no difference; other countries are not read.
    assert "1442" not in report and "yasawi" not in report and "Mont-Saint-Michel" not in report
    assert not ImportRecord.objects.exists()  # a report writes nothing


def test_apply_imports_the_differences_through_the_ledger_and_undo_restores(
    tmp_path, archive_properties
):
    before = {item.slug: (item.name_en, item.area_ha) for item in HeritageItem.objects.all()}
    report = run(csv_file(tmp_path), "--apply")
    assert "ledger entry" in report
    record = ImportRecord.objects.get()
    assert (record.new, record.updated) == (1, 2)
    mosques = HeritageItem.objects.get(unesco_reference="1999")
    assert (mosques.status, mosques.year_inscribed, mosques.criteria) == (
        Status.DRAFT,
        2026,
        "(iii)",
    )
    assert HeritageItem.objects.get(slug="tamgaly").name_en.endswith("Tanbaly")
    saryarka = HeritageItem.objects.get(slug="saryarka")
    assert (saryarka.area_ha, saryarka.criteria) == (Decimal("460000"), "(ix)(x)")  # others kept
    assert run(csv_file(tmp_path)) == "No longer listed: 1490 western-tien-shan\n"

    undo_import(record=record)
    after = {item.slug: (item.name_en, item.area_ha) for item in HeritageItem.objects.all()}
    assert after == before


def test_an_older_xlsx_shape_with_other_headers_reads_the_same(tmp_path, archive_properties):
    book = Workbook()
    sheet = book.active
    sheet.append(["ID No.", "Name (EN)", "Date inscribed", "Area (ha)", "Criteria", "Country"])
    tanbaly = "Petroglyphs of the Archaeological Landscape of Tanbaly"
    sheet.append([1145.0, tanbaly, 2004.0, 900, "(iii)", "Kazakhstan"])  # Excel's numbers
    sheet.append(
        [1103, "Mausoleum of Khoja Ahmed Yasawi", "2003", 0.55, "(i)(iii)(iv)", "Kazakhstan"]
    )
    path = tmp_path / "whc-en.xlsx"
    book.save(path)
    report = run(path)
    assert "Differs: 1145 tamgaly name_en" in report
    assert "No longer listed: 1102 saryarka" in report
    assert "1103" not in report


def test_a_file_that_is_not_unesco_s_list_is_refused_clearly(tmp_path, archive_properties):
    path = csv_file(tmp_path, headers=["title", "year"], rows=[["x", "2000"]])
    with pytest.raises(CommandError, match="needs an id_no and a name_en column"):
        run(path)


def test_another_country_is_compared_when_asked(tmp_path, archive_properties):
    report = run(csv_file(tmp_path), "--country", "fr")
    assert "Missing: 80 Mont-Saint-Michel and its Bay" in report
    assert "Underground Mosques" not in report


RECONCILE = "/admin/heritage/heritageitem/reconcile-whc/"


def test_an_archivist_compares_in_the_admin_and_confirms_the_import(
    tmp_path, archive_properties, user_in
):
    client = user_in("Archivist")
    # Changing published properties is for whoever may publish, as in any import.
    get_user_model().objects.get(username="archivist").groups.add(
        Group.objects.get(name="Publisher")
    )
    assert (
        "Сравнить со списком ЮНЕСКО"
        in client.get("/admin/heritage/heritageitem/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    )
    data = csv_file(tmp_path).read_bytes()
    response = client.post(
        RECONCILE, {"file": SimpleUploadedFile("whc-sites-2023.csv", data), "country": "kz"}
    )
    html = response.content.decode()
    assert "Underground Mosques of Mangystau" in html and "Western Tien-Shan" in html
    preview_url = response.context["preview_url"]
    preview = client.get(preview_url)
    assert (preview.context["plan"].counts["new"], preview.context["plan"].counts["update"]) == (
        1,
        2,
    )
    assert not HeritageItem.objects.filter(unesco_reference="1999").exists()  # not yet
    client.post(preview_url, {"fingerprint": preview.context["plan"].fingerprint})
    record = ImportRecord.objects.get()
    assert record.file_name == "reconcile-whc-sites-2023.csv"
    assert HeritageItem.objects.get(unesco_reference="1999").status == Status.DRAFT


def test_an_archivist_who_may_not_publish_sees_the_changes_refused(
    tmp_path, archive_properties, user_in
):
    client = user_in("Archivist")
    data = csv_file(tmp_path).read_bytes()
    response = client.post(
        RECONCILE, {"file": SimpleUploadedFile("whc-sites-2023.csv", data), "country": "kz"}
    )
    counts = client.get(response.context["preview_url"]).context["plan"].counts
    assert (counts["new"], counts["update"], counts["invalid"]) == (1, 0, 2)


def test_an_editor_may_not_compare_in_the_admin(user_in):
    assert user_in("Editor").get(RECONCILE).status_code == 403


def test_a_new_property_never_takes_the_slug_of_a_record_the_archive_has(
    tmp_path, archive_properties
):
    entry = make_heritage_item(
        slug="underground-mosques-of-mangystau", kind="tentative", name_en="Tentative entry"
    )
    run(csv_file(tmp_path), "--apply")
    entry.refresh_from_db()
    assert (entry.kind, entry.name_en, entry.unesco_reference) == (
        "tentative",
        "Tentative entry",
        "",
    )
    created = HeritageItem.objects.get(unesco_reference="1999")
    assert created.slug == "underground-mosques-of-mangystau-2"
