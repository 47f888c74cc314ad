import io

import openpyxl
import pytest
from django.apps import apps
from django.core.management import call_command

from archive import readers
from archive.cells import escape_formula, unescape_formula
from archive.exporting import export_dataset, render
from heritage.models import HeritageItem
from tests.factories import make_heritage_item

pytestmark = pytest.mark.django_db

# Dependency order: what a record refers to is imported before it.
ORDER = [
    "heritage.Region",
    "publications.Author",
    "timeline.Theme",
    "publications.Publication",
    "publications.Authorship",
    "timeline.Person",
    "heritage.HeritageItem",
    "heritage.ComponentSite",
    "timeline.Event",
    "timeline.Anniversary",
    "timeline.Figure",
]


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("http://x")', "+1", "-cmd", "@SUM(A1)", "\tx", "\rx", "'=x", "''x"]
)
def test_formula_escaping_is_reversible(value):
    escaped = escape_formula(value)
    assert escaped.startswith("'")
    assert unescape_formula(escaped) == value


@pytest.mark.parametrize("value", ["plain", "-12.5", "2003", "'quoted", ""])
def test_harmless_values_are_left_alone(value):
    assert escape_formula(value) == value
    assert unescape_formula(value) == value


def test_xlsx_export_neutralises_formulas(tmp_path):
    make_heritage_item(slug="evil", name_en="=cmd|' /C calc'!A0", summary_en="@SUM(1)")
    data = render(export_dataset(label="heritage.HeritageItem"), "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = {cell.value for row in sheet.iter_rows() for cell in row}
    assert "'=cmd|' /C calc'!A0" in values and "'@SUM(1)" in values
    assert not any(isinstance(v, str) and v.startswith(("=", "@")) for v in values)


def snapshot() -> dict:
    """Every record of every importable model, by natural key, without ids or timestamps."""
    return {label: _records(apps.get_model(label)) for label in ORDER}


def _records(model) -> list:
    skip = {"id", "created_at", "updated_at"}
    rows = []
    for obj in model._default_manager.all():
        record = {}
        for field in model._meta.concrete_fields:
            if field.name in skip:
                continue
            value = getattr(obj, field.name)
            record[field.name] = value.natural_key() if hasattr(value, "natural_key") else value
        for field in model._meta.many_to_many:
            record[field.name] = sorted(r.natural_key() for r in getattr(obj, field.name).all())
        rows.append(record)
    return sorted(rows, key=repr)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_everything_and_import_into_an_empty_database_reproduces_it(
    source_data, tmp_path, fmt
):
    make_heritage_item(slug="formula", name_en="=1+1", summary_en='line 1\nline 2, with "quotes"')
    before = snapshot()
    for label in ORDER:
        call_command("export_data", label, str(tmp_path / f"{label}.{fmt}"), stdout=io.StringIO())
    for label in reversed(ORDER):
        apps.get_model(label)._default_manager.all().delete()
    assert not any(snapshot().values())
    for label in ORDER:
        call_command(
            "import_data",
            label,
            str(tmp_path / f"{label}.{fmt}"),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert snapshot() == before


def test_export_is_a_valid_import_template(source_data):
    dataset = export_dataset(label="timeline.Event")
    table = readers.read(render(dataset, "csv"), name="events.csv")
    assert table.headers[0] == "slug"
    assert "title_kk" in table.headers and "themes" in table.headers


def test_export_queries_do_not_grow_with_rows(django_assert_max_num_queries):
    from tests.factories import make_component, make_event, make_region, make_theme

    region, theme = make_region(), make_theme()
    for _ in range(30):
        item = make_heritage_item(regions=[region, make_region()])
        make_component(item, region=region)
        make_event(themes=[theme], heritage_items=[item])
    for label, budget in [
        ("heritage.HeritageItem", 4),
        ("heritage.ComponentSite", 2),
        ("timeline.Event", 6),
    ]:
        with django_assert_max_num_queries(budget):
            export_dataset(label=label)


ODD_CELLS = {
    "name_en": "\tTabbed in",
    "name_ru": "\rCarriage return first",
    "name_kk": "=1+1",
    "summary_en": "+7 727 000 00 00",
    "summary_ru": "-minus first ",
    "summary_kk": "@handle",
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_every_text_cell_survives_export_then_import_unchanged(tmp_path, fmt):
    """Cells the export guards (a formula's first character, a leading TAB or CR) come
    back exactly: the round trip changes nothing."""
    make_heritage_item(slug="odd", **ODD_CELLS)
    path = tmp_path / f"items.{fmt}"
    call_command("export_data", "heritage.HeritageItem", str(path), stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_data", "heritage.HeritageItem", str(path), stdout=out)
    assert "0 new, 0 updated, 1 unchanged" in out.getvalue()
    item = HeritageItem.objects.get(slug="odd")
    assert {name: getattr(item, name) for name in ODD_CELLS} == ODD_CELLS
