"""Turning spreadsheet cells into field values, and values back into safe cells.

Spreadsheets from elsewhere bring floats for years (2003.0), Excel serial dates,
HTML, non-breaking spaces and "да"/"иә" for booleans; each converter accepts those
and raises ``ValueError`` with a message a person can act on.
"""

import datetime
import decimal
import html
import json
import re

import nh3
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

EXCEL_EPOCH = datetime.date(1899, 12, 30)
TRUE = {"1", "true", "yes", "y", "on", "да", "иә", "x", "✓"}
FALSE = {"0", "false", "no", "n", "off", "нет", "жоқ", ""}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")
YEAR = re.compile(r"\d{1,4}")
BLOCK_TAGS = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6])\s*/?>", re.I)


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    """A cell as plain text: HTML converted to text, spaces normalised."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if "<" in value and ">" in value:
        value = BLOCK_TAGS.sub("\n", value)
        value = html.unescape(nh3.clean(value, tags=set()))
    return value.replace("\u00a0", " ").strip()


def integer(value) -> int:
    if isinstance(value, bool):
        raise ValueError(_("Enter a whole number."))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        return int(value)
    cleaned = text(value).replace(" ", "")
    try:
        number = decimal.Decimal(cleaned)
    except decimal.InvalidOperation:
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value}) from None
    if number != number.to_integral_value():
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
    return int(number)


def decimal_places(value) -> int:
    """How many decimal places a number cell was written with (0 for anything else)."""
    if isinstance(value, float):
        value = repr(value)
    cleaned = text(value).replace(" ", "").replace(",", ".")
    try:
        exponent = decimal.Decimal(cleaned).as_tuple().exponent
    except decimal.InvalidOperation:
        return 0
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def decimal_number(value, field: models.DecimalField, *, rounds: bool = False) -> decimal.Decimal:
    """The number as the field stores it. More decimal places than it keeps are an error,
    unless ``rounds`` (coordinates: UNESCO's lists give 8 to 10 places, a tenth of a
    millimetre, where 6 places are a tenth of a metre)."""
    if isinstance(value, float):
        value = repr(value)
    cleaned = text(value).replace(" ", "").replace(",", ".")
    try:
        number = decimal.Decimal(cleaned)
    except decimal.InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None
    if not number.is_finite():
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
    quantum = decimal.Decimal(1).scaleb(-field.decimal_places)
    rounded = number.quantize(quantum, rounding=decimal.ROUND_HALF_EVEN)
    if rounded != number and not rounds:
        raise ValueError(
            ngettext(
                "“%(value)s” has more than %(places)s decimal place.",
                "“%(value)s” has more than %(places)s decimal places.",
                field.decimal_places,
            )
            % {"value": value, "places": field.decimal_places}
        )
    if len(rounded.as_tuple().digits) > field.max_digits:
        raise ValueError(_("“%(value)s” is too large.") % {"value": value})
    return rounded


def date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if YEAR.fullmatch(text(value).removesuffix(".0")):
        # 1992 is a year, not Excel's day 1992 (14 June 1905): never read as a date.
        raise ValueError(
            _(
                "“%(value)s” is a year, not a date: write %(value)s-01-01 and give the year "
                "as its precision where the list has one."
            )
            % {"value": text(value).removesuffix(".0")}
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        return excel_serial(value)
    cleaned = text(value)
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    if NUMBER.fullmatch(cleaned):
        return excel_serial(float(cleaned))
    raise ValueError(
        _("“%(value)s” is not a date; use YYYY-MM-DD (for example 1945-11-16).") % {"value": value}
    )


def excel_serial(number: float) -> datetime.date:
    if not 1 <= number < 2958466:
        raise ValueError(_("“%(value)s” is not a date.") % {"value": number})
    return EXCEL_EPOCH + datetime.timedelta(days=int(number))


def boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    cleaned = text(value).lower()
    if cleaned in TRUE:
        return True
    if cleaned in FALSE:
        return False
    raise ValueError(_("“%(value)s” is not yes or no.") % {"value": value})


def string_list(value) -> list[str]:
    """A JSON list, or values separated by | ; or commas."""
    if isinstance(value, list):
        return [str(item) for item in value]
    cleaned = text(value)
    if cleaned.startswith("["):
        try:
            parsed = json.loads(cleaned)
        except json.JSONDecodeError:
            raise ValueError(_("“%(value)s” is not a valid list.") % {"value": value}) from None
        if not isinstance(parsed, list):
            raise ValueError(_("“%(value)s” is not a valid list.") % {"value": value})
        return [str(item) for item in parsed]
    separator = next((sep for sep in ("|", ";") if sep in cleaned), ",")
    return [item.strip() for item in cleaned.split(separator) if item.strip()]


def escape_formula(value):
    """Neutralise a cell a spreadsheet would run as a formula, reversibly:
    ``=1+1`` becomes ``'=1+1``; ``unescape_formula`` turns it back on import."""
    if not isinstance(value, str) or NUMBER.fullmatch(value):
        return value
    if value.startswith(FORMULA_START) or (
        value.startswith("'") and value[1:2] and value[1] in (*FORMULA_START, "'")
    ):
        return "'" + value
    return value


def is_guarded(value) -> bool:
    """A cell the export guarded with a ' (a formula, a leading TAB or CR): its text is
    taken exactly as it was exported, not tidied."""
    return isinstance(value, str) and value[:1] == "'" and value[1:2] in (*FORMULA_START, "'")


def unescape_formula(value):
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in (*FORMULA_START, "'"):
        return value[1:]
    return value
