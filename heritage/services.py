"""Loading the designations' data (fixtures/designations/*.json): every current UNESCO
designation of Kazakhstan with the public pages its facts come from.

A record the portal lacks is created, published. A record it has (matched by slug, such
as those the source documents name) keeps what it holds: only its empty fields are
filled, and its status history, partner states and sources are added when it has none,
so that running this on every start changes nothing the second time and never overwrites
what staff or the documents wrote."""

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction

from core.dates import Precision
from core.models import Status
from images.renditions import request_renditions
from images.uploads import accept_image

from .models import (
    DesignationStep,
    FactSource,
    HeritageImage,
    HeritageItem,
    Partnership,
    Region,
    State,
)

LANGUAGES = ("kk", "ru", "en")
# Plain values: the file's key → the record's field.
PLAIN_FIELDS = {
    "category": "category",
    "unesco_reference": "unesco_reference",
    "unesco_url": "unesco_url",
    "wikidata_id": "wikidata_id",
    "year": "year_inscribed",
    "list": "inscription_list",
    "criteria": "criteria",
    "creative_field": "creative_field",
    "latitude": "latitude",
    "longitude": "longitude",
    "featured": "featured",  # on the home page's World Heritage
}


@dataclass(frozen=True)
class DesignationsLoaded:
    created: int
    completed: int
    unchanged: int


@dataclass(frozen=True)
class RegionNames:
    """The names of the first-level units (shared/geodata, 2024 division) by slug."""

    names: dict[str, dict[str, str]]


def read_designation_files(paths: list[Path]) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in paths]


def load_designations(*, files: list[dict], regions: RegionNames) -> DesignationsLoaded:
    """All files in one transaction: a mistake in one leaves the archive as it was."""
    created = completed = unchanged = 0
    with transaction.atomic():
        states = _states(files)
        slugs = {record["slug"] for data in files for record in data["records"]}
        existing = {item.slug: item for item in HeritageItem.objects.filter(slug__in=slugs)}
        items = {}
        for data in files:
            checked_on = datetime.date.fromisoformat(data["checked_on"])
            for record in data["records"]:
                item = existing.get(record["slug"])
                if item is None:
                    item = _create(record, checked_on=checked_on)
                    created += 1
                elif _complete(item, record, checked_on=checked_on):
                    completed += 1
                else:
                    unchanged += 1
                items[record["slug"]] = (item, record, checked_on)
        for item, record, checked_on in items.values():
            _link(item, record, items=items, states=states, regions=regions)
            _history(item, record, states=states, checked_on=checked_on)
    return DesignationsLoaded(created=created, completed=completed, unchanged=unchanged)


def _states(files: list[dict]) -> dict[str, State]:
    wanted = {slug: names for data in files for slug, names in data.get("states", {}).items()}
    states = {state.slug: state for state in State.objects.filter(slug__in=wanted)}
    for slug, names in wanted.items():
        if slug not in states:
            states[slug] = State.objects.create(
                slug=slug, **{f"name_{code}": names[code] for code in LANGUAGES}
            )
    return states


def _values(record: dict) -> dict:
    values = {
        field: record[key]
        for key, field in PLAIN_FIELDS.items()
        if record.get(key) not in (None, "")
    }
    for key in ("area_ha", "buffer_zone_ha"):
        if record.get(key) is not None:
            values[key] = Decimal(str(record[key]))
    if record.get("submitted_on"):
        values["submitted_on"] = datetime.date.fromisoformat(record["submitted_on"])
    for key, field in (("name", "name"), ("summary", "summary"), ("city", "city")):
        for code, text in (record.get(key) or {}).items():
            if text:
                values[f"{field}_{code}"] = text
    return values


def _create(record: dict, *, checked_on: datetime.date) -> HeritageItem:
    return HeritageItem.objects.create(
        slug=record["slug"],
        kind=record["kind"],
        status=Status.PUBLISHED,
        data_checked_on=checked_on,
        **_values(record),
    )


def _complete(item: HeritageItem, record: dict, *, checked_on: datetime.date) -> bool:
    """Fills the empty fields of a record the portal has; True if any was empty."""
    missing = {
        field: value
        for field, value in _values(record).items()
        if getattr(item, field) in (None, "")
    }
    if not missing:
        return False
    for field, value in missing.items():
        setattr(item, field, value)
    if item.data_checked_on is None:
        item.data_checked_on = checked_on
    item.save()
    return True


def _link(item, record, *, items, states, regions: RegionNames) -> None:
    entry = items.get(record.get("tentative_entry") or "")
    if entry is not None and item.tentative_entry_id is None:
        item.tentative_entry = entry[0]
        item.save(update_fields=["tentative_entry"])
    if record.get("regions") and not item.regions.exists():
        item.regions.set([_region(slug, regions) for slug in record["regions"]])


def _region(slug: str, regions: RegionNames) -> Region:
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        names = regions.names[slug]
        region = Region.objects.create(
            slug=slug, **{f"name_{code}": names[code] for code in LANGUAGES}
        )
    return region


def _history(item, record, *, states, checked_on: datetime.date) -> None:
    if record.get("partners") and not item.partnerships.exists():
        Partnership.objects.bulk_create(
            Partnership(item=item, state=states[partner["state"]], joined=partner.get("joined"))
            for partner in record["partners"]
        )
    if record.get("steps") and not item.steps.exists():
        DesignationStep.objects.bulk_create(_step(item, step) for step in record["steps"])
    if record.get("sources") and not item.fact_sources.exists():
        FactSource.objects.bulk_create(
            FactSource(
                item=item,
                url=source["url"],
                title=source.get("title", "")[:300],
                language=source.get("language", ""),
                checked_on=checked_on,
                **_facts(source.get("facts")),
            )
            for source in record["sources"]
        )


def _facts(facts: str | dict | None) -> dict[str, str]:
    """The note on what a page gave, in each language the fixture has it in (a plain
    string is English)."""
    if isinstance(facts, str):
        facts = {"en": facts}
    return {f"facts_{code}": (facts or {}).get(code, "")[:500] for code in LANGUAGES}


def _step(item, step: dict) -> DesignationStep:
    parts = [int(part) for part in step["date"].split("-")]
    year, month, day = (parts + [1, 1])[:3]
    known = (Precision.YEAR, Precision.MONTH, Precision.DAY)[len(parts) - 1]
    precision = step.get("precision") or known
    notes = {f"note_{code}": text for code, text in (step.get("note") or {}).items() if text}
    return DesignationStep(
        item=item,
        date=datetime.date(year, month, day),
        precision=precision,
        kind=step["kind"],
        decision=step.get("decision", ""),
        source_url=step.get("source", ""),
        **notes,
    )


@dataclass(frozen=True)
class PhotosLoaded:
    added: int
    kept: int  # the record has this photograph already, or the record is not here


def load_photos(*, listing: dict, folder: Path) -> PhotosLoaded:
    """The shipped photographs (fixtures/photos/photos.json), each added to its record
    once: a record that has a photograph from the same source keeps what it has, so
    staff's changes to its text survive every start. The file is accepted like an
    upload (re-encoded, metadata dropped) and stored where uploads go."""
    added = kept = 0
    with transaction.atomic():
        items = HeritageItem.objects.in_bulk(
            [photo["item"] for photo in listing["photos"]], field_name="slug"
        )
        for photo in listing["photos"]:
            item = items.get(photo["item"])
            if item is None or item.images.filter(source_url=photo["source_url"]).exists():
                kept += 1
                continue
            upload = ContentFile((folder / photo["file"]).read_bytes(), name=photo["file"])
            image = HeritageImage(
                item=item,
                author=photo["author"],
                licence=photo["licence"],
                source_url=photo["source_url"],
                order=item.images.count(),
                **{f"alt_text_{code}": photo["alt_text"][code] for code in LANGUAGES},
                **{f"caption_{code}": text for code, text in photo.get("caption", {}).items()},
            )
            accepted = accept_image(upload)
            image.image.save(accepted.name, accepted, save=False)
            image.full_clean()
            image.save()
            request_renditions(image)  # made by the worker, not by the first page view
            added += 1
    return PhotosLoaded(added=added, kept=kept)
