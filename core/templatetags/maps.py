"""Map helpers for templates: the server-drawn map thumbnail, the interactive map's
legend (the symbols come from ``core.map_thumbnails``, so the map, its legend and the
thumbnails share colours and shapes) and the borders' credits with their links."""

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language

from core.map_thumbnails import mark, render
from core.templatetags.kzunesco import mark_foreign

register = template.Library()

# Names in the credits that link to their source, whatever the language around them.
CREDIT_LINKS = {
    "Natural Earth": "https://www.naturalearthdata.com/",
    "geokz": "https://github.com/arodionoff/geokz",
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "COD-AB": "https://data.humdata.org/dataset/cod-ab-kaz",
    "OpenStreetMap": "https://www.openstreetmap.org/copyright",
}
CREDIT_NAMES = re.compile("|".join(re.escape(name) for name in CREDIT_LINKS))


@register.simple_tag
def map_thumbnail(points, title: str = "", width: int = 320, height: int = 200, region=None):
    """A small SVG map of ``points`` — heritage's map points, (lat, lon, label, kind)
    tuples, or one record with ``latitude``, ``longitude``, ``name`` and ``kind`` (and its
    component sites, when prefetched as ``located_sites``) — with ``title`` as its
    accessible name (by default "Map: " and the places' names). ``region`` — a region
    record, an ISO 3166-2 code or a name — is highlighted; else a single place's region.

        {% map_thumbnail points title=item.name width=320 height=200 %}
        {% map_thumbnail item region=item.region_list.0 %}
    """
    if hasattr(points, "latitude"):
        points = _record_points(points)
    if region is not None and not isinstance(region, str):
        region = [getattr(region, field, "") or "" for field in ("name_en", "name_ru", "name_kk")]
    svg = render(points or (), title=str(title), width=width, height=height, region=region)
    return mark_safe(svg)  # noqa: S308 (built by render, every text in it escaped)


def _record_points(record) -> list[tuple]:
    points = []
    if record.latitude is not None:
        points.append((record.latitude, record.longitude, str(record.name), record.kind))
    for site in getattr(record, "located_sites", ()):
        if site.latitude is not None:
            points.append((site.latitude, site.longitude, str(site.name), "component"))
    return points


def symbol(kind: str, size: int = 22) -> str:
    """The symbol of ``kind`` as a small SVG, decorative (the legend's text names it)."""
    half = size / 2
    return (
        f'<svg class="map-symbol" xmlns="http://www.w3.org/2000/svg" width="{size}" '
        f'height="{size}" viewBox="{-half:g} {-half:g} {size} {size}" aria-hidden="true" '
        f'focusable="false">{mark(kind, 0, 0, half * 0.68)}</svg>'
    )


@register.simple_tag
def map_legend(points, **labels) -> list[dict]:
    """The legend's entries for the kinds of ``points``, in the order of ``labels`` (kind
    = its translated name, e.g. ``world=_("World Heritage property")``): each a dict of
    ``kind``, ``label`` and ``symbol`` (marked-safe SVG, which the map's markers reuse).
    A kind with no label is shown under its own value."""
    present = {point["kind"] for point in points or ()}
    order = [kind for kind in labels if kind in present] + sorted(present - set(labels))
    return [
        {
            "kind": kind,
            "label": capfirst(str(labels.get(kind, kind))),
            "symbol": mark_safe(symbol(kind)),  # noqa: S308 (no text in it)
        }
        for kind in order
    ]


@register.filter
def credit_links(text) -> str:
    """``text`` escaped, with the sources it names (Natural Earth, geokz, CC BY 4.0,
    COD-AB, OpenStreetMap) linked."""
    parts, at = [], 0
    text = str(text)
    language = get_language() or "en"

    def marked(words: str) -> str:  # Latin-script names in a Kazakh or Russian credit
        return mark_foreign(words, shown_in=language, foreign="en")

    for found in CREDIT_NAMES.finditer(text):
        parts.append(marked(text[at : found.start()]))
        parts.append(format_html('<a href="{}">{}</a>', CREDIT_LINKS[found[0]], marked(found[0])))
        at = found.end()
    parts.append(marked(text[at:]))
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped)
