"""Kazakh dates: "1994 жылғы 29 шілде", not Django's fallback "Шілде 29, 1994".

Django ships no Kazakh formats, so dates in Kazakh came out in the American order. The
month in a date is written in lowercase; "E" (the month's form used in dates) takes it
from this project's Kazakh catalogue, whose "alt. month" entries these calls keep.
"""

from django.utils.translation import pgettext_lazy

DATE_FORMAT = "Y жылғы j\u00a0E"  # a narrow column breaks after "жылғы", not in "29 шілде"
YEAR_MONTH_FORMAT = "Y жылғы E"
MONTH_DAY_FORMAT = "j\u00a0E"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y жылғы j\u00a0E, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

MONTHS_IN_DATES = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
