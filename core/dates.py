"""Dates known to the year, the month or the day, written in the reader's language at
that precision."""

import datetime
import functools

from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    YEAR = "year", _("Year")
    MONTH = "month", _("Month")
    DAY = "day", _("Day")


# Languages whose running text writes a month's name in lowercase where Django's
# YEAR_MONTH_FORMAT capitalises it, as the heading of a calendar does: Russian writes
# "май 1992 г.", Django "Май 1992 г.". Kazakh's own formats (core.formats.kk)
# write "1992 жылғы мамыр" already; English capitalises a month anyway.
LOWERCASE_MONTHS = frozenset({"ru"})


def iso_at_precision(date: datetime.date, precision: str) -> str:
    """ISO 8601 cut to the precision, for <time datetime>: "1894", "1994-07", "1994-07-29"."""
    length = {Precision.YEAR: 4, Precision.MONTH: 7}.get(precision, 10)
    return date.isoformat()[:length]


def format_at_precision(date: datetime.date, precision: str) -> str:
    """The date as precisely as it is known, in the reader's language: "1894",
    "1994 жылғы шілде", "29 July 1994"."""
    return _format_in(date, precision, translation.get_language())


@functools.lru_cache(maxsize=10_000)
def _format_in(date: datetime.date, precision: str, language: str | None) -> str:
    # 25–30 µs a date through Django's localised formats, and the timeline shows fifty a
    # page; the result depends on these arguments alone.
    if precision == Precision.YEAR:
        return str(date.year)  # "1894" in every language, never "1 января 1894 г."
    if precision == Precision.MONTH:
        text = formats.date_format(date, "YEAR_MONTH_FORMAT")
        if language in LOWERCASE_MONTHS:
            month = formats.date_format(date, "F")  # the nominative, "Май"
            text = text.replace(month, month.lower(), 1)
        return text
    return formats.date_format(date, "DATE_FORMAT")
