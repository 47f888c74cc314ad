import datetime
from decimal import Decimal

import pytest

from archive import readers
from archive.applying import apply_plan
from archive.mapping import Mapping
from archive.models import ImportRecord
from archive.services import ImportRefused, plan_import
from heritage.models import ComponentSite, HeritageItem
from tests.factories import make_heritage_item, make_publication, make_region, make_theme
from tests.files import csv_bytes, json_bytes, xlsx_bytes
from timeline.models import Event

pytestmark = pytest.mark.django_db

HEADER = ["slug", "kind", "name_en", "name_ru", "year_inscribed", "regions"]


def plan(rows, *, label="heritage.HeritageItem", name="file.csv", data=None, mapping=None):
    table = readers.read(data if data is not None else csv_bytes(rows), name=name)
    return plan_import(label=label, table=table, mapping=mapping)


def apply(import_plan):
    return apply_plan(plan=import_plan, file_name="file.csv", checksum="0" * 64)


@pytest.mark.parametrize(
    "builder, name", [(csv_bytes, "a.csv"), (xlsx_bytes, "a.xlsx"), (json_bytes, "a.json")]
)
def test_creates_records_from_each_format(builder, name):
    make_region(slug="zhambyl-region")
    rows = [HEADER, ["silk", "world", "Silk Roads", "Шёлковый путь", 2014, "zhambyl-region"]]
    result = plan(None, data=builder(rows), name=name)
    assert result.counts == {"new": 1, "update": 0, "unchanged": 0, "invalid": 0}
    apply(result)
    item = HeritageItem.objects.get(slug="silk")
    assert (item.name_en, item.name_ru, item.year_inscribed) == (
        "Silk Roads",
        "Шёлковый путь",
        2014,
    )
    assert [r.slug for r in item.regions.all()] == ["zhambyl-region"]


def test_reimport_updates_and_never_duplicates():
    apply(plan([HEADER, ["silk", "world", "Silk Roads", "", 2014, ""]]))
    second = plan([HEADER, ["silk", "world", "Silk Roads (corrected)", "", 2014, ""]])
    assert second.counts["update"] == 1
    assert second.rows[0].diff == {"name_en": ("Silk Roads", "Silk Roads (corrected)")}
    apply(second)
    assert HeritageItem.objects.filter(slug="silk").count() == 1
    assert HeritageItem.objects.get(slug="silk").name_en == "Silk Roads (corrected)"
    assert (
        plan([HEADER, ["silk", "world", "Silk Roads (corrected)", "", 2014, ""]]).counts[
            "unchanged"
        ]
        == 1
    )


def test_messy_cells_from_other_spreadsheets():
    """Floats for years, HTML, non-breaking spaces, labels for choices, Excel serial dates."""
    make_theme(slug="heritage")
    data = xlsx_bytes(
        [
            ["slug", "title_en", "start_date", "precision", "themes", "summary_en"],
            [
                "a",
                "<b>Founded</b>&nbsp;in London",
                16757,
                "Day",
                "heritage",
                "<p>One</p><p>Two</p>",
            ],
            ["b", "Second\u00a0event ", "16.11.1945", "year", "heritage", "plain"],
            [None, None, None, None, None, None],
        ]
    )
    result = plan(None, label="timeline.Event", data=data, name="events.xlsx")
    assert result.is_valid, result.errors
    assert len(result.rows) == 2  # the empty trailing row is dropped
    apply(result)
    first = Event.objects.get(slug="a")
    assert first.title_en == "Founded in London"
    assert first.start_date == datetime.date(1945, 11, 16)
    assert first.precision == "day"
    assert first.summary_en == "One\nTwo"
    assert Event.objects.get(slug="b").title_en == "Second event"


def test_year_written_as_float_is_accepted_but_fraction_is_not():
    ok = plan([HEADER, ["a", "world", "A", "", "2003.0", ""]])
    assert ok.is_valid
    bad = plan([HEADER, ["a", "world", "A", "", "2003.5", ""]])
    assert [(e.row, e.column) for e in bad.errors] == [(2, "year_inscribed")]
    assert "not a whole number" in bad.errors[0].message


def test_cp1251_bom_semicolons_and_line_breaks_in_cells():
    rows = [
        ["slug", "kind", "name_ru", "name_en", "summary_ru"],
        ["a", "world", "Мавзолей", "Mausoleum", "строка 1\nстрока 2"],
    ]
    for data in (
        csv_bytes(rows, encoding="cp1251", delimiter=";"),
        csv_bytes(rows, bom=True),
        csv_bytes(rows, crlf=False),
    ):
        result = plan(None, data=data)
        assert result.is_valid, result.errors
        assert result.rows[0].values["name_ru"] == "Мавзолей"
        assert result.rows[0].values["summary_ru"] == "строка 1\nстрока 2"


def test_errors_name_row_column_and_reason_and_nothing_is_written():
    make_heritage_item(slug="existing", name_en="Before")
    result = plan(
        [
            HEADER,
            ["existing", "world", "After", "", 2000, ""],
            ["new-one", "castle", "New", "", 2000, ""],
            ["new-two", "world", "", "", 1800, "nowhere"],
        ]
    )
    assert not result.is_valid
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (3, "kind"),
        (4, "name_ru, name_en"),  # no name in any language the file gives
        (4, "year_inscribed"),
        (4, "regions"),
    }
    messages = " ".join(e.message for e in result.errors)
    assert "“castle” is not one of" in messages
    assert "Give this in at least one language (name_ru, name_en)." in messages
    assert "Not found: nowhere." in messages
    with pytest.raises(ImportRefused):
        apply(result)
    assert HeritageItem.objects.get(slug="existing").name_en == "Before"
    assert not HeritageItem.objects.filter(slug__startswith="new-").exists()
    assert not ImportRecord.objects.exists()


def test_failure_while_writing_rolls_everything_back(monkeypatch):
    result = plan([HEADER, ["a", "world", "A", "", 2000, ""], ["b", "world", "B", "", 2001, ""]])

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("archive.applying._write_m2m", explode)
    with pytest.raises(RuntimeError):
        apply(result)
    assert not HeritageItem.objects.exists()
    assert not ImportRecord.objects.exists()


def test_duplicate_keys_name_both_rows():
    result = plan(
        [
            HEADER,
            ["a", "world", "A", "", 2000, ""],
            ["b", "world", "B", "", 2000, ""],
            ["a", "world", "A2", "", 2000, ""],
        ]
    )
    messages = {(e.row, e.message) for e in result.errors}
    assert (2, "Duplicate key “a”: rows 2 and 4.") in messages
    assert (4, "Duplicate key “a”: rows 2 and 4.") in messages


def test_mapping_and_multi_valued_row_filter():
    unesco = [
        ["id_no", "name_en", "states_name_en", "date_inscribed", "category"],
        ["1103", "Mausoleum of Khoja Ahmed Yasawi", "Kazakhstan", "2003.0", "Cultural"],
        ["1442", "Silk Roads", "China,Kazakhstan,Kyrgyzstan", "2014", "Cultural"],
        ["1", "Galápagos Islands", "Ecuador", "1978", "Natural"],
    ]
    mapping = Mapping.from_dict(
        {
            "columns": {
                "id_no": "slug",
                "states_name_en": None,
                "date_inscribed": "year_inscribed",
            },
            "filters": [{"column": "states_name_en", "contains": "kazakhstan"}],
        }
    )
    # A UNESCO list has no "kind" column: the mapping may not add one, so new rows need it.
    result = plan(unesco, mapping=mapping)
    assert result.filtered_out == 1
    assert [row.key for row in result.rows] == [("1103",), ("1442",)]
    assert any("kind" in message for message in result.file_errors)
    unesco_with_kind = [
        row + [kind] for row, kind in zip(unesco, ["kind", "world", "world", "world"], strict=True)
    ]
    result = plan(unesco_with_kind, mapping=mapping)
    assert result.is_valid, (result.file_errors, result.errors)
    assert result.rows[0].values["category"] == "cultural"
    assert result.rows[1].values["year_inscribed"] == 2014


def test_self_reference_inside_one_file_is_resolved():
    rows = [
        ["slug", "kind", "title_en", "source_document"],
        ["thesis", "dissertation", "A thesis", "thesis"],
        ["paper", "article", "A paper", "thesis"],
    ]
    result = plan(rows, label="publications.Publication")
    assert result.is_valid, result.errors
    apply(result)
    from publications.models import Publication

    thesis = Publication.objects.get(slug="thesis")
    assert thesis.source_document_id == thesis.pk
    assert Publication.objects.get(slug="paper").source_document_id == thesis.pk


def test_decimal_coordinates_and_foreign_keys_by_natural_key():
    item = make_heritage_item(slug="silk")
    make_region(slug="almaty-region")
    rows = [
        ["slug", "item", "name_en", "region", "latitude", "longitude"],
        ["talgar", "silk", "Talgar", "almaty-region", "43,293611", 77.246111],
    ]
    result = plan(rows, label="heritage.ComponentSite")
    assert result.is_valid, result.errors
    apply(result)
    site = ComponentSite.objects.get(slug="talgar")
    assert site.item == item
    assert site.latitude == Decimal("43.293611")
    assert site.longitude == Decimal("77.246111")
    # UNESCO's lists give 8 to 10 places: rounded to the 6 stored (a tenth of a metre).
    precise = plan(
        [rows[0], ["x", "silk", "X", "", "43.12345678", "77.0000005"]],
        label="heritage.ComponentSite",
    )
    assert precise.is_valid, precise.errors
    # The preview says how many cells of each column were rounded (talgar's 6 places were not).
    assert precise.rounded == {"latitude": 1, "longitude": 1}
    assert plan(rows, label="heritage.ComponentSite").rounded == {}
    apply(precise)
    rounded = ComponentSite.objects.get(slug="x")
    assert (rounded.latitude, rounded.longitude) == (Decimal("43.123457"), Decimal("77.000000"))


def test_coordinates_off_the_globe_are_refused():
    make_heritage_item(slug="silk")
    rows = [
        ["slug", "item", "name_en", "latitude", "longitude"],
        ["north", "silk", "North of the pole", "91", "43.293611"],
        ["far-east", "silk", "Far east", "43.29", "200"],
        ["pole", "silk", "Pole", "-90", "-180"],
    ]
    result = plan(rows, label="heritage.ComponentSite")
    assert [(e.row, e.column) for e in result.errors] == [(2, "latitude"), (3, "longitude")]
    assert "less than or equal to 90" in result.errors[0].message
    assert "less than or equal to 180" in result.errors[1].message


def test_model_rules_are_checked():
    make_theme(slug="t")
    rows = [
        ["slug", "title_en", "start_date", "end_date", "themes"],
        ["e", "E", "2022-01-01", "2013-01-01", "t"],
    ]
    result = plan(rows, label="timeline.Event")
    assert [(e.row, e.column) for e in result.errors] == [(2, "end_date")]


def test_a_unesco_list_updates_by_reference_number():
    make_heritage_item(slug="yasawi", unesco_reference="1103", name_en="Old", year_inscribed=2000)
    result = plan(
        [["unesco_reference", "name_en", "year_inscribed"], ["1103", "Mausoleum", "2003.0"]]
    )
    assert result.is_valid, (result.file_errors, result.errors)
    assert result.counts["update"] == 1
    apply(result)
    item = HeritageItem.objects.get(slug="yasawi")
    assert (item.name_en, item.year_inscribed) == ("Mausoleum", 2003)
    new = plan([["unesco_reference", "name_en", "kind"], ["9999", "Unknown", "world"]])
    assert any("Missing required column: slug" in message for message in new.file_errors)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "«199x» — не целое число."), ("kk", "«199x» — бүтін сан емес.")],
)
def test_errors_are_in_the_users_language(language, expected):
    from django.utils import translation

    with translation.override(language):
        result = plan([["slug", "kind", "name_en", "year_inscribed"], ["a", "world", "A", "199x"]])
    assert result.errors[0].message == expected


def test_rich_text_cells_keep_their_formatting_and_lose_scripts():
    rows = [
        ["slug", "kind", "name_en", "body_en"],
        [
            "otrar",
            "world",
            "Otrar",
            "<p>An <em>oasis</em> city<script>alert(1)</script></p><img src=x onerror=alert(2)>",
        ],
    ]
    apply(plan(rows))
    assert HeritageItem.objects.get(slug="otrar").body_en == "<p>An <em>oasis</em> city</p>"


KEEP = Mapping.from_dict({"columns": {}, "empty_cells": "keep"})


def test_empty_cells_can_keep_the_values_the_archive_holds():
    zhambyl = make_region(slug="zhambyl-region")
    make_region(slug="almaty-region")
    make_heritage_item(
        slug="otrar", name_en="Otrar", name_ru="Отрар", year_inscribed=2014, regions=[zhambyl]
    )
    make_heritage_item(slug="taraz", name_en="Taraz", name_ru="", year_inscribed=None)
    rows = [
        HEADER,
        ["otrar", "", "Otrar (corrected)", " ", "", ""],
        ["taraz", "", "", "Тараз", "", "almaty-region"],
        ["new-site", "world", "New site", "", "", ""],
    ]

    # Read as "take the value away", the gaps leave records without what they must have.
    cleared = plan(rows)
    # (Taraz keeps a name: its Russian one, as the admin saves a record in one language.)
    assert sorted((e.row, e.column) for e in cleared.errors) == [(2, "kind"), (3, "kind")]

    kept = plan(rows, mapping=KEEP)
    assert kept.is_valid, kept.errors
    assert kept.cleared == {}
    assert kept.kept == {"kind": 2, "name_en": 1, "name_ru": 1, "regions": 1, "year_inscribed": 1}
    assert [row.action for row in kept.rows] == ["update", "update", "new"]
    assert kept.rows[0].diff == {"name_en": ("Otrar", "Otrar (corrected)")}
    apply(kept)

    otrar = HeritageItem.objects.get(slug="otrar")
    assert (otrar.kind, otrar.name_en, otrar.name_ru, otrar.year_inscribed) == (
        "world",
        "Otrar (corrected)",
        "Отрар",
        2014,
    )
    assert [region.slug for region in otrar.regions.all()] == ["zhambyl-region"]
    taraz = HeritageItem.objects.get(slug="taraz")
    assert (taraz.name_en, taraz.name_ru) == ("Taraz", "Тараз")
    assert [region.slug for region in taraz.regions.all()] == ["almaty-region"]
    # A new record has no value to keep: its empty cells are read as they always are.
    new = HeritageItem.objects.get(slug="new-site")
    assert not new.name_ru and new.year_inscribed is None and not new.regions.exists()


def test_with_empty_cells_kept_a_row_of_nothing_but_its_key_changes_nothing():
    make_heritage_item(slug="otrar", name_en="Otrar")
    result = plan([HEADER, ["otrar", "", "", "", "", ""]], mapping=KEEP)
    assert result.counts == {"new": 0, "update": 0, "unchanged": 1, "invalid": 0}
    assert result.kept == {"kind": 1, "name_en": 1, "year_inscribed": 1}


def test_the_cleared_warning_names_a_reference_by_its_column():
    thesis = make_publication(slug="thesis")
    make_publication(slug="paper", source_document=thesis)
    rows = [["slug", "source_document"], ["paper", ""]]
    assert plan(rows, label="publications.Publication").cleared == {"source_document": 1}
    kept = plan(rows, label="publications.Publication", mapping=KEEP)
    assert (kept.cleared, kept.kept, kept.counts["unchanged"]) == ({}, {"source_document": 1}, 1)


@pytest.mark.parametrize("value", ["Keep", "", None, ["keep"]])
def test_a_mapping_with_an_unknown_way_of_reading_empty_cells_is_refused(value):
    with pytest.raises(readers.FileError, match='"empty_cells" is "clear" or "keep"'):
        Mapping.from_dict({"columns": {}, "empty_cells": value})


def test_a_mapping_remembers_how_it_reads_empty_cells():
    assert Mapping.from_dict({"columns": {"Name": "name_en"}}).empty_cells == "clear"
    saved = Mapping.from_dict(Mapping.from_dict({"columns": {}, "empty_cells": "keep"}).to_dict())
    assert saved.keeps_values_of_empty_cells and saved.to_dict()["empty_cells"] == "keep"
