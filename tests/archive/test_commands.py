import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from archive.models import ImportRecord
from heritage.models import HeritageItem
from tests.factories import make_heritage_item
from tests.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_reports_a_summary_and_records_the_ledger(tmp_path, django_user_model):
    django_user_model.objects.create_user("archivist")
    path = tmp_path / "items.xlsx"
    path.write_bytes(
        xlsx_bytes([["slug", "kind", "name_en"], ["a", "world", "A"], ["b", "intangible", "B"]])
    )
    out, err = run("import_data", "heritage.HeritageItem", str(path), "--user", "archivist")
    assert "2 rows: 2 new, 0 updated, 0 unchanged, 0 invalid" in out
    assert "Checking rows" in err and "2/2" in err
    record = ImportRecord.objects.get()
    assert (record.new, record.file_name, record.user.username) == (2, "items.xlsx", "archivist")
    assert len(record.checksum) == 64


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_sees_a_bar_for_checking_and_for_writing_and_a_pipe_one_line_each(tmp_path):
    path = tmp_path / "items.csv"
    path.write_bytes(
        csv_bytes([["slug", "kind", "name_en"], *([f"i-{n}", "world", "I"] for n in range(2500))])
    )
    terminal = Terminal()
    call_command("import_data", "heritage.HeritageItem", str(path), stdout=io.StringIO(),
                 stderr=terminal)  # fmt: skip
    bars = terminal.getvalue()
    assert "\rChecking rows ████████████····" in bars and " 40% 1,000/2,500" in bars
    assert "\rWriting rows ██████████████████████████████ 100% 2,500/2,500\n" in bars
    assert "\x1b[" not in bars  # not in the red of errors
    HeritageItem.objects.all().delete()
    _out, piped = run("import_data", "heritage.HeritageItem", str(path))
    assert piped == "Checking rows: 2,500/2,500\nWriting rows: 2,500/2,500\n"


def test_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "items.csv"
    path.write_bytes(csv_bytes([["slug", "kind", "name_en"], ["a", "world", "A"]]))
    out, _err = run("import_data", "heritage.HeritageItem", str(path), "--dry-run")
    assert "1 new" in out and "Dry run: nothing was written." in out
    assert not HeritageItem.objects.exists()
    assert not ImportRecord.objects.exists()


def test_a_dry_run_names_the_values_empty_cells_would_take_away(tmp_path):
    make_heritage_item(slug="otrar", name_en="Otrar", name_ru="Отрар")
    path = tmp_path / "items.csv"
    path.write_bytes(csv_bytes([["slug", "name_en", "name_ru"], ["otrar", "Otrar", ""]]))
    out, _err = run("import_data", "heritage.HeritageItem", str(path), "--dry-run")
    assert (
        "Empty cells take away values the archive holds now: name_ru in 1 record "
        "(--empty-cells keep keeps them)\n"
    ) in out


def test_empty_cells_keep_the_archives_values_when_asked(tmp_path):
    make_heritage_item(slug="otrar", name_en="Otrar", name_ru="Отрар", summary_en="Oasis")
    make_heritage_item(slug="sauran", name_en="Sauran", name_ru="Сауран", summary_en="")
    path = tmp_path / "items.csv"
    path.write_bytes(
        csv_bytes(
            [
                ["slug", "name_en", "name_ru", "summary_en"],
                ["otrar", "Otrar oasis", "", ""],
                ["sauran", "", "", ""],
            ]
        )
    )
    out, _err = run("import_data", "heritage.HeritageItem", str(path), "--empty-cells", "keep")
    assert "2 rows: 0 new, 1 updated, 1 unchanged, 0 invalid" in out
    assert "Empty cells keep values the archive holds: name_en in 1 record, " in out
    assert "name_ru in 2 records, summary_en in 1 record\n" in out
    assert "take away" not in out
    otrar = HeritageItem.objects.get(slug="otrar")
    assert (otrar.name_en, otrar.name_ru, otrar.summary_en) == ("Otrar oasis", "Отрар", "Oasis")
    assert HeritageItem.objects.get(slug="sauran").name_en == "Sauran"
    assert ImportRecord.objects.get().mapping == {
        "columns": {},
        "filters": [],
        "empty_cells": "keep",
    }


def test_the_command_line_overrides_how_a_mapping_reads_empty_cells(tmp_path):
    make_heritage_item(slug="otrar", name_en="Otrar", name_ru="Отрар")
    path, mapping = tmp_path / "items.csv", tmp_path / "mapping.json"
    path.write_bytes(csv_bytes([["Slug", "Russian"], ["otrar", ""]]))
    mapping.write_text(
        json.dumps({"columns": {"Slug": "slug", "Russian": "name_ru"}, "empty_cells": "keep"})
    )
    out, _err = run("import_data", "heritage.HeritageItem", str(path), "--map", str(mapping))
    assert "0 updated, 1 unchanged" in out and HeritageItem.objects.get().name_ru == "Отрар"
    args = ("import_data", "heritage.HeritageItem", str(path), "--map", str(mapping))
    out, _err = run(*args, "--empty-cells", "clear")
    assert "1 updated, 0 unchanged" in out and not HeritageItem.objects.get().name_ru


def test_invalid_file_fails_names_the_errors_and_writes_an_error_file(tmp_path):
    make_heritage_item(slug="kept", name_en="Kept")
    path, errors = tmp_path / "items.csv", tmp_path / "errors.csv"
    path.write_bytes(
        csv_bytes(
            [["slug", "kind", "name_en"], ["kept", "world", "Changed"], ["bad", "castle", "Bad"]]
        )
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        run("import_data", "heritage.HeritageItem", str(path), "--errors", str(errors))
    assert HeritageItem.objects.get(slug="kept").name_en == "Kept"
    rows = list(csv.DictReader(io.StringIO(errors.read_text("utf-8-sig"))))
    assert rows == [
        {
            "row": "3",
            "column": "kind",
            "message": "kind: “castle” is not one of: world, tentative, intangible, memory, "
            "biosphere, geopark, creative_city.",
            "slug": "bad",
            "kind": "castle",
            "name_en": "Bad",
        }
    ]
    # Fixed and uploaded again, the error file imports (row/column/message are ignored).
    fixed = errors.read_text("utf-8-sig").replace(",castle,", ",world,")
    errors.write_text(fixed, "utf-8")
    out, _err = run("import_data", "heritage.HeritageItem", str(errors))
    assert "1 new" in out
    assert HeritageItem.objects.get(slug="bad").kind == "world"


def test_mapping_file(tmp_path):
    path, mapping = tmp_path / "whc.csv", tmp_path / "mapping.json"
    path.write_bytes(
        csv_bytes(
            [
                ["id_no", "Site", "States", "Type"],
                ["1103", "Yasawi", "Kazakhstan", "world"],
                ["999", "Elsewhere", "France", "world"],
            ]
        )
    )
    mapping.write_text(
        json.dumps(
            {
                "columns": {"id_no": "slug", "Site": "name_en", "Type": "kind", "States": None},
                "filters": [{"column": "States", "contains": "Kazakhstan"}],
            }
        )
    )
    out, _err = run("import_data", "heritage.HeritageItem", str(path), "--map", str(mapping))
    assert "1 new" in out and "1 left out by filters" in out
    assert list(HeritageItem.objects.values_list("slug", flat=True)) == ["1103"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuch.Model", "x.csv"], "Unknown model"),
        (["auth.User", "x.csv"], "cannot be imported"),
        (["heritage.HeritageItem", "missing.csv"], "Cannot read"),
    ],
)
def test_clear_errors_for_bad_arguments(tmp_path, args, message):
    (tmp_path / "x.csv").write_bytes(csv_bytes([["slug"], ["a"]]))
    args = [str(tmp_path / a) if a.endswith(".csv") else a for a in args]
    with pytest.raises(CommandError, match=message):
        run("import_data", *args)


def test_unsupported_and_damaged_files_are_refused(tmp_path):
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(CommandError, match="not a CSV, XLSX or JSON file"):
        run("import_data", "heritage.HeritageItem", str(tmp_path / "x.txt"))
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="not a valid XLSX workbook"):
        run("import_data", "heritage.HeritageItem", str(tmp_path / "x.xlsx"))
    (tmp_path / "x.json").write_text('{"slug": "a"}')
    with pytest.raises(CommandError, match="list of objects"):
        run("import_data", "heritage.HeritageItem", str(tmp_path / "x.json"))


def test_without_user_the_ledger_names_the_operating_system_account(tmp_path, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "archivist-on-server")
    path = tmp_path / "items.csv"
    path.write_bytes(csv_bytes([["slug", "kind", "name_en"], ["x", "world", "X"]]))
    call_command("import_data", "heritage.HeritageItem", str(path), stdout=io.StringIO())
    record = ImportRecord.objects.get()
    assert (record.user, record.system_user) == (None, "archivist-on-server")
