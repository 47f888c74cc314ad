"""Bar charts drawn on the server (SVG in HTML, no JavaScript), each with a table."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | float | str
    percent: float
    key: str = ""
    highlight: bool = False


def bars(rows, *, highlight: str = "") -> list[Bar]:
    """``rows`` are (label, value, key); bar lengths are relative to the largest value."""
    rows = list(rows)
    top = max((float(value) for _label, value, _key in rows), default=0) or 1
    return [
        Bar(str(label), value, float(value) * 100 / top, key, bool(highlight) and key == highlight)
        for label, value, key in rows
    ]
