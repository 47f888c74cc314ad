import datetime

import pytest

from core.models import Status
from tests.factories import make_event, make_theme

pytestmark = pytest.mark.django_db


def test_timelinejs_json_with_precision_ranges_and_filters(client):
    education = make_theme(slug="education", name_en="Education")
    make_event(
        slug="decade",
        title_en="Decade",
        start_date=datetime.date(2013, 1, 1),
        end_date=datetime.date(2022, 1, 1),
        precision="year",
        themes=[education],
    )
    make_event(
        slug="day", start_date=datetime.date(1945, 11, 16), precision="day", themes=[education]
    )
    make_event(slug="other", title_en="Other")
    make_event(slug="draft", themes=[education], status=Status.DRAFT)
    data = client.get("/en/timeline/timelinejs.json?theme=education").json()
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    assert set(slides) == {"decade", "day"}
    assert slides["decade"]["start_date"] == {"year": 2013}
    assert slides["decade"]["end_date"] == {"year": 2022}
    assert slides["day"]["start_date"] == {"year": 1945, "month": 11, "day": 16}
    assert slides["decade"]["group"] == "Education"
    assert 'href="http://testserver/en/timeline/events/decade/"' in slides["decade"]["text"]["text"]


def test_timelinejs_text_is_escaped(client):
    make_event(slug="x", title_en="<img src=x onerror=alert(1)>", summary_en="<b>bold</b>")
    slide = client.get("/en/timeline/timelinejs.json").json()["events"][0]
    assert slide["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert slide["text"]["text"].startswith("&lt;b&gt;bold&lt;/b&gt;")
