"""Small factories: each makes a valid published record unless told otherwise."""

import datetime
import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.models import Status
from heritage.models import ComponentSite, HeritageImage, HeritageItem, Region
from images.renditions import make_renditions
from publications.models import Author, Authorship, Publication
from timeline.models import Event, Person, Theme

_sequence = itertools.count(1)


def _next() -> int:
    return next(_sequence)


def _default(fields: dict, field: str, value: str, code: str = "en") -> None:
    """``field_<code>`` = ``value`` unless the caller gave it, or gave the English one as
    plain ``field`` (modeltranslation writes that to the current language's column,
    English in tests): the caller's values win over the defaults."""
    given = f"{field}_{code}" in fields or (code == "en" and field in fields)
    if not given:
        fields[f"{field}_{code}"] = value


def make_region(**fields) -> Region:
    n = _next()
    fields.setdefault("slug", f"region-{n}")
    _default(fields, "name", f"Region {n}")
    return Region.objects.create(**fields)


def make_heritage_item(*, regions=(), **fields) -> HeritageItem:
    n = _next()
    fields.setdefault("slug", f"item-{n}")
    _default(fields, "name", f"Heritage item {n}")
    _default(fields, "summary", f"Summary of item {n}")
    fields.setdefault("kind", "world")
    fields.setdefault("category", "cultural")
    fields.setdefault("year_inscribed", 2000 + n % 20)
    fields.setdefault("status", Status.PUBLISHED)
    item = HeritageItem.objects.create(**fields)
    item.regions.set(regions)
    return item


def make_component(item: HeritageItem, **fields) -> ComponentSite:
    n = _next()
    fields.setdefault("slug", f"component-{n}")
    _default(fields, "name", f"Component {n}")
    fields.setdefault("latitude", "43.000000")
    fields.setdefault("longitude", "70.000000")
    return ComponentSite.objects.create(item=item, **fields)


def jpeg_upload(
    width: int = 1600, height: int = 1000, name: str = "photo.jpg"
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 110, 160)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_image(
    item: HeritageItem, *, width: int = 1600, height: int = 1000, **fields
) -> HeritageImage:
    n = _next()
    for code, text in (
        ("en", "Domes of the mausoleum"),
        ("ru", "Купола мавзолея"),
        ("kk", "Кесене күмбездері"),
    ):
        _default(fields, "alt_text", f"{text} {n}", code)
    fields.setdefault("author", f"Photographer {n}")
    fields.setdefault("licence", "CC-BY-4.0")
    fields.setdefault("source_url", f"https://commons.example.org/wiki/File:{n}.jpg")
    image = HeritageImage.objects.create(item=item, image=jpeg_upload(width, height), **fields)
    return with_renditions(image)


def with_renditions(photograph):
    """A photograph as it is once the worker has made its renditions (an upload asks
    for them: images/renditions.py)."""
    make_renditions.call(photograph._meta.label, photograph.pk)
    return photograph


def make_theme(**fields) -> Theme:
    n = _next()
    fields.setdefault("slug", f"theme-{n}")
    _default(fields, "name", f"Theme {n}")
    return Theme.objects.create(**fields)


def make_event(*, themes=(), heritage_items=(), publications=(), **fields) -> Event:
    n = _next()
    fields.setdefault("slug", f"event-{n}")
    _default(fields, "title", f"Event {n}")
    fields.setdefault("start_date", datetime.date(1990 + n % 30, 1, 1))
    fields.setdefault("precision", "year")
    fields.setdefault("status", Status.PUBLISHED)
    event = Event.objects.create(**fields)
    event.themes.set(themes or [make_theme()])
    event.heritage_items.set(heritage_items)
    event.publications.set(publications)
    return event


def make_person(**fields) -> Person:
    n = _next()
    fields.setdefault("slug", f"person-{n}")
    _default(fields, "name", f"Person {n}")
    fields.setdefault("status", Status.PUBLISHED)
    return Person.objects.create(**fields)


def make_author(**fields) -> Author:
    n = _next()
    fields.setdefault("slug", f"author-{n}")
    _default(fields, "name", f"Author {n}")
    return Author.objects.create(**fields)


def make_publication(*, authors=(), **fields) -> Publication:
    n = _next()
    fields.setdefault("slug", f"publication-{n}")
    _default(fields, "title", f"Publication {n}")
    fields.setdefault("kind", "article")
    fields.setdefault("year", 2000 + n % 20)
    fields.setdefault("status", Status.PUBLISHED)
    publication = Publication.objects.create(**fields)
    for order, author in enumerate(authors, 1):
        Authorship.objects.create(publication=publication, author=author, order=order)
    return publication
