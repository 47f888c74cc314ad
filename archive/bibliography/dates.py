"""Dates as bibliographies write them: ISO 8601 and biblatex's EDTF ranges
(``2019-05/2020``), RIS's ``2019/05/12/`` and ``2019///``, ``12.05.2019``, month names
in English, Russian and Kazakh, ``[2019]``, ``c1998``, ``2019 г.``. A range is read as
its start."""

import datetime
import re

from django.utils.translation import gettext as _

MONTHS = {
    1: ("jan", "january", "янв", "январь", "января", "қаң", "қаңтар"),
    2: ("feb", "february", "фев", "февр", "февраль", "февраля", "ақп", "ақпан"),
    3: ("mar", "march", "мар", "март", "марта", "нау", "наурыз"),
    4: ("apr", "april", "апр", "апрель", "апреля", "сәу", "сәуір"),
    5: ("may", "май", "мая", "мам", "мамыр"),
    6: ("jun", "june", "июн", "июнь", "июня", "мау", "маусым"),
    7: ("jul", "july", "июл", "июль", "июля", "шіл", "шілде"),
    8: ("aug", "august", "авг", "август", "августа", "там", "тамыз"),
    9: ("sep", "sept", "september", "сен", "сент", "сентябрь", "сентября", "қыр", "қыркүйек"),
    10: ("oct", "october", "окт", "октябрь", "октября", "қаз", "қазан"),
    11: ("nov", "november", "ноя", "нояб", "ноябрь", "ноября", "қар", "қараша"),
    12: ("dec", "december", "дек", "декабрь", "декабря", "жел", "желтоқсан"),
}
MONTH_NUMBERS = {name: number for number, names in MONTHS.items() for name in names}

# No date, said in words: not an error, and no year.
UNDATED = {
    "n.d.", "nd", "n. d.", "s.a.", "s. a.", "б.г.", "б. г.", "без года", "б.ж.", "б. ж.",
    "in press", "forthcoming", "в печати", "баспада", "undated",
}  # fmt: skip

ISO = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?[?~%]?"
EDTF_RANGE = re.compile(rf"(?:{ISO})?/(?:{ISO}|\.\.)?")
ISO_DATE = re.compile(ISO)
RIS_DATE = re.compile(r"(\d{4})/(\d{1,2})?/(\d{1,2})?(?:/.*)?")
DOTTED = re.compile(r"(?:(\d{1,2})\.)?(\d{1,2})\.(\d{4})")
YEAR_RANGE = re.compile(r"(\d{4})\s*(?:--?|–|—|/)\s*\d{2,4}\??")
WORDS = re.compile(r"[^\W\d_]+\.?|\d+", re.UNICODE)
A_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
NOISE = re.compile(r"^(?:c\.?|ca\.?|circa|©|\[)\s*|\s*(?:\]|г\.?|гг\.?|ж\.?|жж\.?|year)$")


def parse(text: str) -> tuple[int | None, datetime.date | None]:
    """(year, date): the date only when the day is known. Raises ``ValueError`` with
    a message a person can act on."""
    cleaned = " ".join(str(text).split()).strip(" ,;")
    if not cleaned or cleaned.lower() in UNDATED:
        return None, None
    bare = NOISE.sub("", cleaned).strip(" []?~")
    for attempt in (_iso, _ris, _dotted, _range, _words):
        result = attempt(bare)
        if result is not None:
            return _checked(*result, original=text)
    years = A_YEAR.findall(bare)
    if years:
        return _checked(int(years[0]), None, None, original=text)
    raise ValueError(
        _("“%(value)s” is not a date; write a year, or a date as 2019-05-12 or 12.05.2019.")
        % {"value": text}
    )


def from_parts(year, month=None, day=None, *, original) -> tuple[int | None, datetime.date | None]:
    """A date given in parts (BibTeX's year/month/day, CSL's date-parts)."""
    return _checked(_number(year, original), _number(month, original), _number(day, original),
                    original=original)  # fmt: skip


def month_number(text: str) -> int | None:
    cleaned = str(text).strip().strip(".").lower()
    if cleaned.isdigit():
        number = int(cleaned)
        return number if 1 <= number <= 12 else None
    return MONTH_NUMBERS.get(cleaned)


def _iso(text):
    if match := EDTF_RANGE.fullmatch(text):
        start, end = match.groups()[:3], match.groups()[3:]
        return _ints(*(start if start[0] else end))
    if match := ISO_DATE.fullmatch(text):
        return _ints(*match.groups())
    return None


def _ris(text):
    if match := RIS_DATE.fullmatch(text):
        return _ints(*match.groups())
    return None


def _dotted(text):
    if match := DOTTED.fullmatch(text):
        day, month, year = match.groups()
        return _ints(year, month, day)
    return None


def _range(text):
    if match := YEAR_RANGE.fullmatch(text):
        return int(match.group(1)), None, None
    return None


def _words(text):
    """'May 2019', '12 May 2019', 'May 12, 2019', '12 мая 2019', 'мамыр 2019'."""
    words = WORDS.findall(text.lower())
    months = [MONTH_NUMBERS[w.rstrip(".")] for w in words if w.rstrip(".") in MONTH_NUMBERS]
    numbers = [w for w in words if w.isdigit()]
    if len(months) != 1 or len(words) != len(numbers) + 1 or not 1 <= len(numbers) <= 2:
        return None
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(years) != 1 or len(days) != len(numbers) - 1:
        return None
    return int(years[0]), months[0], int(days[0]) if days else None


def _ints(*parts):
    return tuple(int(part) if part else None for part in parts)


def _number(value, original):
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValueError(_("“%(value)s” is not a date.") % {"value": original}) from None


def _checked(year, month, day, *, original):
    if year is None:
        return None, None
    if year < 1:
        raise ValueError(
            _("“%(value)s” is a year before the Common Era; the archive records years from 1.")
            % {"value": original}
        )
    if year > datetime.date.today().year + 5:
        raise ValueError(_("“%(value)s” is a year in the future.") % {"value": original})
    if month in (None, 0) or month > 12 or day in (None, 0):
        # 13–16 and 21–24 are seasons (EDTF, CSL): no day to give.
        if month is not None and not 0 <= month <= 24:
            raise ValueError(_("“%(value)s” is not a date.") % {"value": original})
        return year, None
    try:
        return year, datetime.date(year, month, day)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a date.") % {"value": original}) from None
