"""Comparing the archive's World Heritage properties with UNESCO's own export of the World
Heritage List (the CSV or XLSX whc.unesco.org offers, in any of its yearly shapes), for one
country: what UNESCO lists that the archive lacks, what differs, and what the archive has
that UNESCO no longer lists for it. The differences come in through the ordinary import
(plan, ledger, undo), as a table in the archive's own columns."""

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from archive.mapping import EmptyCells, Mapping
from archive.readers import FileError, Table
from core.slugs import slug_from
from heritage.models import HeritageItem, HeritageKind

LABEL = "heritage.HeritageItem"
# UNESCO's columns over the years, as headers folded by _fold(): lower case, letters and
# digits only ("Name (EN)" and "name_en" are both "nameen").
COLUMNS = {
    "id_no": ("idno", "id", "idnumber", "number", "refno", "ref", "uniqueid"),
    "name_en": ("nameen", "name", "site", "sitename", "property", "nameenglish"),
    "name_ru": ("nameru", "namerussian"),
    "year": ("dateinscribed", "inscribed", "year", "yearinscribed", "dateofinscription"),
    "criteria": ("criteriatxt", "criteria"),
    "area": ("areahectares", "area", "areaha", "hectares"),
    "danger": ("danger", "indanger", "endangered", "dangerlist"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "long", "lng"),
    "iso_code": ("isocode", "iso", "iso2", "isocodes"),
    "states": ("statesnameen", "states", "state", "country", "countries", "statesparties"),
    "category": ("category", "categoryshort", "type"),
}
COUNTRY_NAMES = {"kz": "kazakhstan"}
CATEGORIES = {"cultural": "cultural", "natural": "natural", "mixed": "mixed", "c": "cultural",
              "n": "natural", "c/n": "mixed"}  # fmt: skip


@dataclass(frozen=True)
class UnescoProperty:
    row: int
    id_no: str
    values: dict  # the archive's field → UNESCO's value, for what the file gives


@dataclass(frozen=True)
class Difference:
    item: HeritageItem
    field: str
    archive: object
    unesco: object


@dataclass
class Reconciliation:
    country: str
    missing: list[UnescoProperty] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    gone: list[HeritageItem] = field(default_factory=list)
    danger: list[tuple[HeritageItem, bool]] = field(default_factory=list)

    @property
    def in_agreement(self) -> bool:
        return not (self.missing or self.differences or self.gone or self.danger)


def _fold(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", str(header).casefold())


def _columns(headers: list[str]) -> dict[str, int]:
    folded = [_fold(header) for header in headers]
    found = {}
    for name, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in folded:
                found[name] = folded.index(alias)
                break
    if "id_no" not in found or "name_en" not in found:
        raise FileError(
            _("This is not UNESCO's World Heritage List: it needs an id_no and a name_en column.")
        )
    return found


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _number(value) -> Decimal | None:
    try:
        return Decimal(_text(value).replace(",", ".")) if _text(value) else None
    except InvalidOperation:
        return None


def _year(value) -> int | None:
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", _text(value))
    return int(match.group(1)) if match else None


def _criteria(value) -> str:
    return "".join(f"({part})" for part in re.findall(r"[ivx]+", _text(value).casefold()))


def _in_country(cells: list, columns: dict[str, int], country: str) -> bool:
    code = country.casefold()
    if "iso_code" in columns:
        codes = re.split(r"[^a-z]+", _text(cells[columns["iso_code"]]).casefold())
        if code in codes:
            return True
    if "states" in columns:
        return COUNTRY_NAMES.get(code, code) in _text(cells[columns["states"]]).casefold()
    return False


def read_unesco_list(table: Table, *, country: str) -> list[UnescoProperty]:
    columns = _columns(table.headers)
    properties = []
    for number, cells in table.rows:
        if not _in_country(cells, columns, country):
            continue

        def cell(name, cells=cells):
            return cells[columns[name]] if name in columns else None

        values = {"name_en": _text(cell("name_en"))}
        if "name_ru" in columns and _text(cell("name_ru")):
            values["name_ru"] = _text(cell("name_ru"))
        if "year" in columns:
            values["year_inscribed"] = _year(cell("year"))
        if "criteria" in columns:
            values["criteria"] = _criteria(cell("criteria"))
        if "area" in columns:
            values["area_ha"] = _number(cell("area"))
        for name in ("latitude", "longitude"):
            if name in columns:
                values[name] = _number(cell(name))
        if "category" in columns:
            values["category"] = CATEGORIES.get(_text(cell("category")).casefold(), "")
        if "danger" in columns:
            values["in_danger"] = _text(cell("danger")).casefold() in ("1", "y", "yes", "true")
        properties.append(UnescoProperty(row=number, id_no=_text(cell("id_no")), values=values))
    return properties


def _differs(field_name: str, archive, unesco) -> bool:
    if unesco in (None, ""):
        return False  # the file does not say
    if field_name in ("latitude", "longitude"):
        return archive is None or abs(Decimal(archive) - unesco) > Decimal("0.01")
    if field_name == "area_ha":
        return archive is None or abs(Decimal(archive) - unesco) > Decimal("0.5")
    return archive != unesco


def _in_danger(item: HeritageItem) -> bool:
    steps = [s.kind for s in item.steps.all() if s.kind in ("danger_listed", "danger_removed")]
    return bool(steps) and steps[-1] == "danger_listed"


def reconcile(*, table: Table, country: str = "kz") -> Reconciliation:
    unesco = read_unesco_list(table, country=country)
    items = HeritageItem.objects.filter(kind=HeritageKind.WORLD_HERITAGE).prefetch_related("steps")
    by_reference = {item.unesco_reference: item for item in items if item.unesco_reference}
    result = Reconciliation(country=country)
    listed = set()
    for entry in unesco:
        listed.add(entry.id_no)
        item = by_reference.get(entry.id_no)
        if item is None:
            result.missing.append(entry)
            continue
        for field_name, value in entry.values.items():
            if field_name == "in_danger":
                if value != _in_danger(item):
                    result.danger.append((item, value))
            elif _differs(field_name, getattr(item, field_name), value):
                result.differences.append(
                    Difference(item, field_name, getattr(item, field_name), value)
                )
    result.gone = [item for reference, item in by_reference.items() if reference not in listed]
    return result


IMPORT_HEADERS = ["unesco_reference", "slug", "kind", "name_en", "name_ru", "year_inscribed",
                  "criteria", "area_ha", "latitude", "longitude", "category"]  # fmt: skip


def import_rows(result: Reconciliation) -> list[list[str]]:
    """The new properties (as drafts, for staff to review and publish) and the changed
    values, in the archive's columns (IMPORT_HEADERS), matched on the UNESCO reference."""
    rows = []
    taken = set(HeritageItem.objects.values_list("slug", flat=True))
    for entry in result.missing:
        values = {**entry.values, "unesco_reference": entry.id_no, "kind": "world"}
        name = entry.values["name_en"]
        values["slug"] = slug_from(name, taken=taken, fallback=f"whc-{entry.id_no}")
        rows.append(values)
    changed: dict[str, dict] = {}
    for difference in result.differences:
        row = changed.setdefault(
            difference.item.unesco_reference,
            {"unesco_reference": difference.item.unesco_reference, "slug": difference.item.slug},
        )
        row[difference.field] = difference.unesco
    rows += changed.values()
    return [[_cell(row.get(header)) for header in IMPORT_HEADERS] for row in rows]


def as_import(result: Reconciliation) -> tuple[Table, Mapping]:
    """The import of ``import_rows``: empty cells keep what the archive holds."""
    cells = import_rows(result)
    table = Table(
        headers=IMPORT_HEADERS,
        rows=iter(enumerate(cells, start=2)),
        format="csv",
        total=len(cells),
    )
    return table, Mapping(empty_cells=EmptyCells.KEEP)


def as_csv(result: Reconciliation) -> bytes:
    """``import_rows`` as a CSV file, for the import screens' preview."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([IMPORT_HEADERS, *import_rows(result)])
    return buffer.getvalue().encode("utf-8")


def _cell(value) -> str:
    return "" if value is None else str(value)


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
