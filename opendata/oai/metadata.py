"""A record as unqualified Dublin Core (oai_dc): its texts in every language they are
filled in (kk, ru, en), each with xml:lang, and the facts the models hold. Nothing here
reads the database: the records come with what they show (records.fetch)."""

import html
import re
from collections.abc import Callable, Iterator

from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags

from core.dates import iso_at_precision
from heritage.models import HeritageItem
from publications.models import Publication
from stories.models import Story

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)  # kk, ru, en

# (element, text, language or None)
Element = tuple[str, str, str | None]


def dublin_core(record, absolute: Callable[[str], str]) -> list[Element]:
    """The oai_dc elements of a heritage item, an event, a publication or a story; ``absolute``
    makes a path an address on the request's host."""
    if isinstance(record, HeritageItem):
        elements = _heritage(record)
    elif isinstance(record, Publication):
        elements = _publication(record)
    elif isinstance(record, Story):
        elements = _story(record)
    else:
        elements = _event(record)
    pages = [("identifier", absolute(url), None) for url in _pages(record)]
    return [element for element in [*elements, *pages] if element[1]]


def _heritage(item) -> Iterator[Element]:
    yield from _translated("title", item, "name")
    yield from _translated("description", item, "summary")
    yield from _translated("description", item, "body", rich=True)
    yield from _labels("type", item.get_kind_display)
    for field in ("category", "inscription_list", "creative_field"):
        if getattr(item, field):
            yield from _labels("subject", getattr(item, f"get_{field}_display"))
    if item.year_inscribed:
        yield ("date", str(item.year_inscribed), None)
    if item.submitted_on:
        yield ("date", item.submitted_on.isoformat(), None)
    for region in item.region_list:
        yield from _translated("coverage", region, "name")
    yield from _translated("coverage", item, "city")
    yield from _translated("coverage", item, "partner_states")
    if item.latitude is not None and item.longitude is not None:
        # The DCMI Point encoding of a place.
        yield ("coverage", f"east={item.longitude}; north={item.latitude}", None)
    yield ("relation", item.unesco_url, None)
    if item.wikidata_id:
        yield ("relation", f"https://www.wikidata.org/wiki/{item.wikidata_id}", None)
    yield from _languages(item, "name")
    yield from _rights()


def _event(event) -> Iterator[Element]:
    yield from _translated("title", event, "title")
    yield from _translated("description", event, "summary")
    yield from _translated("description", event, "body", rich=True)
    yield ("type", "Event", None)  # the DCMI Type Vocabulary's
    for theme in event.theme_list:
        yield from _translated("subject", theme, "name")
    yield ("date", iso_at_precision(event.start_date, event.precision), None)
    if event.end_date:
        start = iso_at_precision(event.start_date, event.precision)
        end = iso_at_precision(event.end_date, event.precision)
        yield ("coverage", f"{start}/{end}", None)  # the period, as ISO 8601 writes one
    yield from _languages(event, "title")
    yield from _rights()


def _story(story) -> Iterator[Element]:
    yield from _translated("title", story, "title")
    yield from _translated("description", story, "summary")
    yield ("type", "Text", None)  # the DCMI Type Vocabulary's
    yield ("date", (story.publish_at or story.created_at).date().isoformat(), None)
    yield from _languages(story, "title")
    yield from _rights()


def _publication(publication) -> Iterator[Element]:
    yield from _translated("title", publication, "title")
    for author in publication.ordered_authors():
        yield from _translated("creator", author, "name")
    yield from _translated("description", publication, "abstract")
    for code in LANGUAGES:
        for keyword in (getattr(publication, f"keywords_{code}") or "").split(","):
            yield ("subject", keyword.strip(), code)
    yield ("type", "Text", None)  # the DCMI Type Vocabulary's
    yield from _labels("type", publication.get_kind_display)
    if publication.year:
        yield ("date", str(publication.year), None)
    yield ("publisher", publication.publisher, None)
    yield from _translated("publisher", publication, "institution")
    yield ("source", publication.venue, None)  # the journal or book it appeared in
    yield ("language", publication.language, None)
    yield ("identifier", publication.url, None)
    if publication.doi:  # as the DOI Handbook writes a DOI as a URI
        yield ("identifier", f"https://doi.org/{publication.doi}", None)
    if publication.isbn:
        yield ("identifier", f"urn:isbn:{publication.isbn}", None)


def _translated(element: str, record, field: str, *, rich: bool = False) -> Iterator[Element]:
    for code in LANGUAGES:
        text = getattr(record, f"{field}_{code}") or ""
        yield (element, _plain(text) if rich else text.strip(), code)


def _labels(element: str, display: Callable[[], str]) -> Iterator[Element]:
    """A choice's label in each language."""
    for code in LANGUAGES:
        with translation.override(code):
            yield (element, str(display()), code)


def _languages(record, field: str) -> Iterator[Element]:
    """The languages the record is written in: those its name or title is filled in."""
    for code in LANGUAGES:
        if getattr(record, f"{field}_{code}"):
            yield ("language", code, None)


def _rights() -> Iterator[Element]:
    """The portal's own texts are open data (the About page)."""
    yield ("rights", settings.OPEN_DATA_LICENCE, None)
    yield ("rights", settings.OPEN_DATA_LICENCE_URL, None)


def _pages(record) -> list[str]:
    """The record's page in each language."""
    urls = []
    for code in LANGUAGES:
        with translation.override(code):
            urls.append(record.get_absolute_url())
    return urls


_SPACES = re.compile(r"\s+")


def _plain(rich_text: str) -> str:
    """Rich text (sanitised HTML) as plain text."""
    text = re.sub(r"</(p|li|h[1-6]|blockquote)>|<br\s*/?>", "\n", rich_text)
    paragraphs = (
        _SPACES.sub(" ", line).strip() for line in html.unescape(strip_tags(text)).split("\n")
    )
    return "\n".join(line for line in paragraphs if line)
