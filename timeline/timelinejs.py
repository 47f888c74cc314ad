"""The timeline in TimelineJS3's JSON format (https://timeline.knightlab.com/docs/json-format.html)."""

from django.utils.html import escape, format_html

from core.dates import Precision


def date_parts(date, precision: str) -> dict:
    parts = {"year": date.year}
    if precision in (Precision.MONTH, Precision.DAY):
        parts["month"] = date.month
    if precision == Precision.DAY:
        parts["day"] = date.day
    return parts


def document(*, title: str, events, request) -> dict:
    slides = []
    for event in events:
        slide = {
            "unique_id": event.slug,
            "start_date": date_parts(event.start_date, event.precision),
            # TimelineJS renders these as HTML.
            "text": {"headline": escape(event.title), "text": escape(event.summary or "")},
            "group": escape(", ".join(theme.name for theme in event.theme_list)),
            "display_date": event.display_date,
        }
        if event.end_date:
            slide["end_date"] = date_parts(event.end_date, event.precision)
        slide["text"]["text"] += format_html(
            ' <a href="{}">→</a>', request.build_absolute_uri(event.get_absolute_url())
        )
        slides.append(slide)
    return {"title": {"text": {"headline": escape(title), "text": ""}}, "events": slides}
