"""Loading the shipped stories (fixtures/stories/*.json), written for the portal from the
records they embed, which they name by slug.

A story the portal lacks is created, published, with its sections; a story it has (matched
by slug) is kept as it is, sections and all, so running this on every start changes
nothing the second time and never overwrites what staff wrote. All files load in one
transaction: a story naming a record the portal lacks leaves everything as it was."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction

from core.models import Status

from .models import Story, StorySection, kind_lacks

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
# A section's embedded records: the file's key → the model the slugs name.
EMBEDDED = {
    "heritage_items": "heritage.HeritageItem",
    "events": "timeline.Event",
    "publications": "publications.Publication",
}


@dataclass(frozen=True)
class StoriesLoaded:
    created: int
    kept: int


class MissingRecords(LookupError):
    """A shipped story names records the portal does not have."""


def read_story_files(paths: list[Path]) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in paths]


def load_stories(*, stories: list[dict]) -> StoriesLoaded:
    """Create the stories of ``stories`` (read_story_files) that the portal lacks."""
    created = kept = 0
    with transaction.atomic():
        existing = set(
            Story.objects.filter(slug__in=[data["slug"] for data in stories]).values_list(
                "slug", flat=True
            )
        )
        for data in stories:
            if data["slug"] in existing:
                kept += 1
                continue
            _create(data)
            existing.add(data["slug"])
            created += 1
    return StoriesLoaded(created=created, kept=kept)


def _create(data: dict) -> Story:
    story = Story(
        slug=data["slug"],
        status=Status.PUBLISHED,
        source_passage=data.get("source_passage", ""),
        added_fields=data.get("added_fields", []),
        **_translated(data, ("title", "summary", "source_note")),
    )
    if data.get("source_document"):
        Publication = apps.get_model("publications", "Publication")
        story.source_document = _records(Publication, [data["source_document"]])[0]
    story.full_clean()
    story.save()
    for order, section_data in enumerate(data["sections"], 1):
        _section(story, section_data, order=order)
    return story


def _section(story: Story, data: dict, *, order: int) -> StorySection:
    section = StorySection(
        story=story,
        order=order,
        kind=data["kind"],
        show_map=data.get("show_map", False),
        **_translated(data, ("heading", "body", "caption", "alt_text")),
    )
    links = {
        name: _records(apps.get_model(label), data.get(name, []))
        for name, label in EMBEDDED.items()
    }
    need, why = kind_lacks(
        section.kind,
        text=any(getattr(section, f"body_{code}") for code in LANGUAGES),
        photograph=bool(section.image),
        records=any(links.values()),
    )
    if need:
        raise ValueError(f"{story.slug}, section {order}: {why}")
    section.full_clean(exclude=["story"])
    section.save()
    for name, records in links.items():
        getattr(section, name).set(records)
    return section


def _translated(data: dict, fields: tuple[str, ...]) -> dict[str, str]:
    return {
        f"{field}_{code}": text
        for field in fields
        for code, text in (data.get(field) or {}).items()
        if code in LANGUAGES and text
    }


def _records(model, slugs: list[str]) -> list:
    """The records ``slugs`` name, in that order; MissingRecords for any not here."""
    found = model._default_manager.in_bulk(slugs, field_name="slug")
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise MissingRecords(f"No {model._meta.verbose_name} with the slug: {', '.join(missing)}")
    return [found[slug] for slug in slugs]
