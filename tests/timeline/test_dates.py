"""An event's date as running text writes it, to the precision it is known: "май 1992 г.",
"1992 жылғы мамыр", "May 1992"; a year alone is just the year."""

import datetime

import pytest
from django.utils import translation

from tests.factories import make_event

pytestmark = pytest.mark.django_db

RUSSIAN_MONTHS = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]


def time_element(html: str, iso: str) -> str:
    """The text of the page's <time> element for the date `iso`."""
    start = html.index(f'<time datetime="{iso}">') + len(f'<time datetime="{iso}">')
    return html[start : html.index("</time>", start)]


@pytest.mark.parametrize(
    ("language", "text"),
    [("ru", "май 1992 г."), ("kk", "1992 жылғы мамыр"), ("en", "May 1992")],
)
def test_a_date_known_to_the_month_is_written_as_running_text_writes_it(client, language, text):
    event = make_event(start_date=datetime.date(1992, 5, 1), precision="month")
    timeline = client.get(f"/{language}/timeline/?track=all").content.decode()
    assert time_element(timeline, "1992-05") == text
    detail = client.get(f"/{language}{event.get_absolute_url()[3:]}").content.decode()
    assert time_element(detail, "1992-05") == text
    home = client.get(f"/{language}/").content.decode()
    assert time_element(home, "1992-05") == text


def test_every_month_is_lowercase_and_nominative_in_russian():
    with translation.override("ru"):
        written = [
            make_event(start_date=datetime.date(1992, month, 1), precision="month").display_date
            for month in range(1, 13)
        ]
    assert written == [f"{month} 1992 г." for month in RUSSIAN_MONTHS]


def test_a_range_of_months_in_russian(client):
    make_event(
        start_date=datetime.date(1992, 5, 1), end_date=datetime.date(1993, 3, 1), precision="month"
    )
    html = client.get("/ru/timeline/?track=all").content.decode()
    assert time_element(html, "1992-05") == "май 1992 г. – март 1993 г."


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_a_date_known_to_the_year_is_the_year_alone(client, language):
    event = make_event(start_date=datetime.date(1894, 1, 1), precision="year")
    make_event(
        start_date=datetime.date(2013, 1, 1), end_date=datetime.date(2022, 1, 1), precision="year"
    )
    timeline = client.get(f"/{language}/timeline/?track=all").content.decode()
    assert time_element(timeline, "1894") == "1894"
    assert time_element(timeline, "2013") == "2013 – 2022"
    detail = client.get(f"/{language}{event.get_absolute_url()[3:]}").content.decode()
    assert time_element(detail, "1894") == "1894"


@pytest.mark.parametrize(
    ("language", "text"),
    [("ru", "16 ноября 1945 г."), ("kk", "1945 жылғы 16\xa0қараша"), ("en", "Nov. 16, 1945")],
)
def test_a_date_known_to_the_day_keeps_the_languages_date_format(client, language, text):
    make_event(start_date=datetime.date(1945, 11, 16), precision="day")
    html = client.get(f"/{language}/timeline/?track=all").content.decode()
    assert time_element(html, "1945-11-16") == text
