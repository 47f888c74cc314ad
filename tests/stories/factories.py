"""Small factories for stories: each makes a valid published story unless told otherwise."""

from core.models import Status
from stories.models import SectionKind, Story, StoryLeadImage, StorySection
from tests.factories import _default, _next, jpeg_upload, with_renditions

PHOTO_CREDIT = {
    "alt_text_en": "Ruins of a medieval town on the steppe",
    "alt_text_ru": "Руины средневекового городища в степи",
    "alt_text_kk": "Даладағы ортағасырлық қалашықтың қирандылары",
    "author": "Aigerim Nurlanqyzy",
    "licence": "CC-BY-4.0",
    "source_url": "https://commons.example.org/wiki/File:Town.jpg",
}


def make_story(**fields) -> Story:
    n = _next()
    fields.setdefault("slug", f"story-{n}")
    _default(fields, "title", f"Story {n}")
    _default(fields, "summary", f"Summary of story {n}")
    fields.setdefault("status", Status.PUBLISHED)
    return Story.objects.create(**fields)


def make_section(
    story: Story, *, heritage_items=(), events=(), publications=(), photo=False, **fields
) -> StorySection:
    n = _next()
    fields.setdefault("order", n)
    fields.setdefault("kind", SectionKind.RECORDS if heritage_items else SectionKind.TEXT)
    _default(fields, "heading", f"Section {n}")
    _default(fields, "body", f"<p>Text of section {n}.</p>")
    if photo:
        fields = {**PHOTO_CREDIT, "image": jpeg_upload(1200, 800), **fields}
    section = StorySection.objects.create(story=story, **fields)
    section.heritage_items.set(heritage_items)
    section.events.set(events)
    section.publications.set(publications)
    return with_renditions(section) if photo else section


def make_lead_image(story: Story, **fields) -> StoryLeadImage:
    lead = StoryLeadImage.objects.create(
        story=story, **{**PHOTO_CREDIT, "image": jpeg_upload(1600, 900), **fields}
    )
    return with_renditions(lead) if lead.image else lead
