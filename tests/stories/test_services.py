"""The shipped story, "The Silk Roads in Kazakhstan": loaded once, published, in three
languages, embedding the records it was written from; a second load changes nothing and
staff's edits survive it."""

import re

import pytest
from django.conf import settings
from django.utils.html import strip_tags

from core.models import Status
from heritage.models import HeritageItem
from stories.models import Story, StorySection
from stories.services import MissingRecords, load_stories, read_story_files
from tests.stories.factories import make_story

STORIES = sorted((settings.BASE_DIR / "fixtures" / "stories").glob("*.json"))
SLUG = "silk-roads-in-kazakhstan"
LANGUAGES = ("kk", "ru", "en")


def load():
    return load_stories(stories=read_story_files(STORIES))


@pytest.fixture
def documents(source_data):
    """The records the story embeds, without the story: once load_documents loads the
    shipped stories too, each test here still starts before the first load."""
    Story.objects.all().delete()


def snapshot() -> list:
    stories = list(Story.objects.values())
    sections = list(StorySection.objects.values())
    links = [
        sorted(section.heritage_items.values_list("slug", flat=True))
        + sorted(section.events.values_list("slug", flat=True))
        + sorted(section.publications.values_list("slug", flat=True))
        for section in StorySection.objects.order_by("pk")
    ]
    revisions = Story.history.count() + StorySection.history.count()
    return [stories, sections, links, revisions]


def test_the_silk_roads_story_is_loaded_once_and_a_second_load_changes_nothing(documents):
    assert (load().created, Story.objects.count()) == (1, 1)
    story = Story.objects.get(slug=SLUG)
    assert story.status == Status.PUBLISHED and story.is_published
    assert (story.title_kk, story.title_ru, story.title_en) == (
        "Қазақстандағы Жібек жолы",
        "Шёлковый путь в Казахстане",
        "The Silk Roads in Kazakhstan",
    )
    assert [section.order for section in story.sections.all()] == [1, 2, 3, 4]
    before = snapshot()

    again = load()
    assert (again.created, again.kept) == (0, 1)
    assert snapshot() == before


def test_staff_edits_to_the_shipped_story_survive_the_next_load(documents):
    load()
    story = Story.objects.get(slug=SLUG)
    story.title_en = "The Silk Roads across Kazakhstan"
    story.save()
    first = story.sections.first()
    first.heading_en = "Three states, one property"
    first.save()
    first.events.clear()
    story.sections.last().delete()

    load()
    story.refresh_from_db()
    assert story.title_en == "The Silk Roads across Kazakhstan"
    assert story.sections.count() == 3
    assert story.sections.first().heading_en == "Three states, one property"


def test_it_embeds_the_records_it_was_written_from(documents, client):
    load()
    story = Story.objects.get(slug=SLUG)
    sections = list(story.sections.all())
    silk_roads = HeritageItem.objects.get(slug="silk-roads-chang-an-tianshan-corridor")
    assert list(sections[1].heritage_items.all()) == [silk_roads] and sections[1].show_map
    assert set(sections[2].events.values_list("slug", flat=True)) == {
        "kazakhstan-ratifies-world-heritage-convention",
        "inscription-mausoleum-of-khoja-ahmed-yasawi",
        "inscription-petroglyphs-of-tamgaly",
        "inscription-saryarka-steppe-and-lakes-of-northern-kazakhstan",
        "inscription-silk-roads-chang-an-tianshan-corridor",
        "inscription-western-tien-shan",
    }
    assert list(sections[3].publications.values_list("slug", flat=True)) == [
        "article-unesco-education-history-and-modernity"
    ]
    # Its provenance: written for the portal from these records.
    assert story.source_note_en.startswith("Written for the portal from the records it embeds")

    for lang in LANGUAGES:
        response = client.get(f"/{lang}/stories/{SLUG}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "fallback-note" not in html
        map_section = response.context["sections"][1]
        assert len(map_section.points) == 8  # the eight component sites in Kazakhstan
        assert html.count('class="event"') == 6


def test_every_text_is_in_kazakh_russian_and_english_and_names_only_facts_of_the_data(
    documents,
):
    load()
    story = Story.objects.get(slug=SLUG)
    for field in ("title", "summary", "source_note"):
        assert all(getattr(story, f"{field}_{code}") for code in LANGUAGES), field
    for section in story.sections.all():
        for field in ("heading", "body"):
            assert all(getattr(section, f"{field}_{code}") for code in LANGUAGES), field
    # The component sites' names, the year, the decision and the partner states are
    # those of the records the story embeds.
    item = HeritageItem.objects.get(slug="silk-roads-chang-an-tianshan-corridor")
    text = " ".join(strip_tags(section.body_en) for section in story.sections.all())
    assert str(item.year_inscribed) in text and item.criteria == "(ii)(iii)(v)(vi)"
    assert item.steps.filter(decision="38 COM 8B.24").exists() and "38 COM 8B.24" in text
    assert set(item.partnerships.values_list("state__name_en", flat=True)) == {
        "China",
        "Kyrgyzstan",
    }
    for component in item.components.all():
        place = re.sub(r"^Site of |\s*\(.*\)$| Palace Complex$", "", component.name_en)
        assert place in text, place


def test_a_story_naming_a_record_the_portal_lacks_writes_nothing(db):
    with pytest.raises(MissingRecords, match="silk-roads-chang-an-tianshan-corridor"):
        load()
    assert not Story.objects.exists() and not StorySection.objects.exists()


def test_a_story_whose_slug_is_taken_is_kept_as_it_is(db):
    make_story(slug=SLUG, title_en="Staff's own story")
    assert (load().kept, Story.objects.get().title_en) == (1, "Staff's own story")
