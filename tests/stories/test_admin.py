"""The story editor in the admin: a story with its sections, a photograph and embedded
records, written in one language and published; what a section's photograph and each kind
of section require; the workflow's rules for Editors."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.models import Status
from stories.models import Story, StorySection
from tests.factories import jpeg_upload, make_event, make_heritage_item, make_publication
from tests.forms import form_data
from tests.stories.factories import make_section, make_story

pytestmark = pytest.mark.django_db

ADD = "/admin/stories/story/add/"
ALT = {
    "sections-0-alt_text_kk": "Қалашықтың орны",
    "sections-0-alt_text_ru": "Место городища",
    "sections-0-alt_text_en": "The site of the town",
}
CREDIT = {
    "sections-0-author": "Aigerim Nurlanqyzy",
    "sections-0-licence": "CC-BY-SA-4.0",
    "sections-0-source_url": "https://commons.example.org/wiki/File:Town.jpg",
}


def add_form(client, language: str = "ru") -> dict:
    page = client.get(ADD, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return form_data(page, "story_form")


def section(number: int, **values) -> dict:
    fields = {"order": str(number + 1), "kind": "text", **values}
    return {f"sections-{number}-{name}": value for name, value in fields.items()}


def test_a_superuser_writes_a_story_in_russian_alone_and_publishes_it(staff_client):
    item = make_heritage_item(name_en="Silk Roads", latitude="43.3", longitude="77.2")
    event = make_event(title_en="Inscription")
    publication = make_publication(title_en="The article")
    data = {
        **add_form(staff_client),
        "status": "published",
        "title_ru": "Шёлковый путь в Казахстане",
        "summary_ru": "Восемь памятников.",
        "slug": "",
        "lead_image-TOTAL_FORMS": "1",
        "lead_image-0-image": jpeg_upload(1600, 900),
        **{key.replace("sections-0", "lead_image-0"): value for key, value in ALT.items()},
        **{key.replace("sections-0", "lead_image-0"): value for key, value in CREDIT.items()},
        "sections-TOTAL_FORMS": "2",
        **section(0, heading_ru="Городища", body_ru="<p>Текст раздела.</p>"),
        "sections-0-image": jpeg_upload(1400, 900, "IMG_0001.jpg"),
        **ALT,
        **CREDIT,
        **section(
            1,
            kind="records",
            heading_ru="Записи",
            heritage_items=[str(item.pk)],
            show_map="on",
            events=[str(event.pk)],
            publications=[str(publication.pk)],
        ),
    }
    response = staff_client.post(ADD, data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302, response.content.decode()[-4000:]

    story = Story.objects.get()
    assert (story.slug, story.status, story.title_en) == (
        "shyolkovyy-put-v-kazakhstane",
        Status.PUBLISHED,
        None,
    )
    first, second = story.sections.all()
    assert (first.heading_ru, first.heading_en, first.order) == ("Городища", None, 1)
    # Accepted as uploads are: re-encoded under a new name, the uploader's name gone.
    assert first.image.name.startswith("stories/") and "IMG_0001" not in first.image.name
    assert (first.width, first.height, first.author) == (1400, 900, "Aigerim Nurlanqyzy")
    assert list(second.heritage_items.all()) == [item] and second.show_map
    assert list(second.events.all()) == [event]
    assert list(second.publications.all()) == [publication]
    assert story.lead_photo.image.name.startswith("stories/")
    assert story.history.count() == 1
    assert set(StorySection.history.values_list("id", flat=True)) == {first.pk, second.pk}

    page = staff_client.get(f"/ru/stories/{story.slug}/").content.decode()
    assert "Шёлковый путь в Казахстане" in page and "Текст раздела." in page
    assert page.count('alt="Место городища"') == 2 and "Aigerim Nurlanqyzy" in page
    assert "Silk Roads" in page and "Inscription" in page and "The article" in page
    assert 'class="preview-banner"' not in page  # public
    history = reverse("admin:stories_story_history", args=[story.pk])
    assert staff_client.get(history).status_code == 200


def test_a_section_photograph_needs_its_alternative_text_photographer_licence_and_source(
    staff_client,
):
    data = {
        **add_form(staff_client, "en"),
        "title_en": "A story",
        "sections-TOTAL_FORMS": "1",
        **section(0, body_en="<p>Text</p>", alt_text_en="The site of the town"),
        "sections-0-image": jpeg_upload(),
    }
    page = staff_client.post(ADD, data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert not Story.objects.exists()
    for field in ("alt_text_kk", "alt_text_ru", "author", "licence", "source_url"):
        assert f'id="id_sections-0-{field}_error"' in page, field
    assert 'id="id_sections-0-alt_text_en_error"' not in page
    assert "Required with a photograph, as its licence asks." in page
    assert 'name="sections-0-image-kept"' in page  # the photograph waits for the next try

    corrected = {**form_data(page, "story_form"), **ALT, **CREDIT}
    assert staff_client.post(ADD, corrected).status_code == 302
    assert StorySection.objects.get().image.name.startswith("stories/")


def test_alternative_text_must_describe_the_photograph(staff_client):
    data = {
        **add_form(staff_client, "en"),
        "title_en": "A story",
        "sections-TOTAL_FORMS": "1",
        **section(0, body_en="<p>Text</p>"),
        **ALT,
        "sections-0-alt_text_en": "IMG_0001.jpg",
        **CREDIT,
        "sections-0-image": jpeg_upload(),
    }
    page = staff_client.post(ADD, data).content.decode()
    assert 'id="id_sections-0-alt_text_en_error"' in page
    assert not Story.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(staff_client, tmp_path):
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"%PDF-1.4 not an image")
    data = {
        **add_form(staff_client, "en"),
        "title_en": "A story",
        "sections-TOTAL_FORMS": "1",
        **section(0, body_en="<p>Text</p>"),
        **ALT,
        **CREDIT,
    }
    with fake.open("rb") as upload:
        page = staff_client.post(ADD, {**data, "sections-0-image": upload}).content.decode()
    assert 'id="id_sections-0-image_error"' in page
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    ("kind", "values", "field", "message"),
    [
        ("text", {}, "body_en", "A text section needs its text"),
        ("photograph", {"body_en": "<p>Text</p>"}, "image", "A photograph section needs"),
        ("records", {"body_en": "<p>Text</p>"}, "heritage_items", "A records section needs"),
        ("text", {"body_en": "<p>Text</p>", "show_map": "on"}, "show_map", "Choose the heritage"),
    ],
)
def test_each_kind_of_section_needs_what_it_shows(staff_client, kind, values, field, message):
    data = {
        **add_form(staff_client, "en"),
        "title_en": "A story",
        "sections-TOTAL_FORMS": "1",
        **section(0, kind=kind, **values),
    }
    page = staff_client.post(ADD, data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'id="id_sections-0-{field}_error"' in page
    assert message in page
    assert not Story.objects.exists()


def test_rich_text_is_sanitised_when_saved(staff_client):
    data = {
        **add_form(staff_client, "en"),
        "title_en": "A story",
        "sections-TOTAL_FORMS": "1",
        **section(0, body_en='<p onclick="x()">Text<script>alert(1)</script></p>'),
    }
    assert staff_client.post(ADD, data).status_code == 302
    assert StorySection.objects.get().body_en == "<p>Text</p>"


def test_the_embedded_records_are_chosen_by_autocomplete(staff_client):
    make_heritage_item(name_en="Silk Roads corridor")
    make_heritage_item(name_en="Western Tien-Shan")
    for field, model in (("heritage_items", "Silk"), ("events", ""), ("publications", "")):
        response = staff_client.get(
            "/admin/autocomplete/",
            {
                "app_label": "stories",
                "model_name": "storysection",
                "field_name": field,
                "term": model,
            },
        )
        assert response.status_code == 200, field
    results = response.json()["results"]
    assert results == []  # no publication yet
    found = staff_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "stories",
            "model_name": "storysection",
            "field_name": "heritage_items",
            "term": "Silk",
        },
    ).json()["results"]
    assert [result["text"] for result in found] == ["Silk Roads corridor"]
    page = staff_client.get(ADD).content.decode()
    assert 'data-ajax--url="/admin/autocomplete/"' in page


def test_an_editor_writes_a_draft_but_cannot_publish_or_change_a_published_story(user_in):
    editor = user_in("Editor")
    page = editor.get(ADD).content.decode()
    assert 'value="published"' not in page
    data = {
        **form_data(page, "story_form"),
        "title_en": "A draft",
        "status": "review",
        "sections-TOTAL_FORMS": "1",
        **section(0, body_en="<p>Text</p>"),
    }
    assert editor.post(ADD, data).status_code == 302
    draft = Story.objects.get()
    assert draft.status == Status.REVIEW and draft.sections.count() == 1

    published = make_story()
    make_section(published, heading_en="Public section")
    change = reverse("admin:stories_story_change", args=[published.pk])
    page = editor.get(change).content.decode()
    assert "Public section" in page
    assert 'name="sections-0-heading_en"' not in page  # read-only, sections too
    assert editor.post(change, {"title_en": "Changed"}).status_code == 403


def test_the_roles_have_stories_as_they_have_the_other_public_records(db):
    def codenames(group: str) -> set[str]:
        permissions = Group.objects.get(name=group).permissions
        return set(
            permissions.filter(content_type__app_label="stories").values_list("codename", flat=True)
        )

    editing = {"add_story", "change_story", "view_story", "delete_storysection"}
    assert editing <= codenames("Editor") and editing <= codenames("Archivist")
    for group in ("Editor", "Archivist"):
        assert not {"publish_story", "delete_story"} & codenames(group)
    for group in ("Publisher", "Administrator"):
        assert {"publish_story", "delete_story", "change_storysection"} <= codenames(group)


def test_a_new_section_left_at_order_0_goes_after_the_others(staff_client):
    story = make_story()
    make_section(story, order=7)
    change = reverse("admin:stories_story_change", args=[story.pk])
    page = staff_client.get(change).content.decode()
    data = {
        **form_data(page, "story_form"),
        "sections-TOTAL_FORMS": "3",
        **section(1, order="0", heading_en="Eighth"),
        **section(2, order="0", heading_en="Ninth", body_en="<p>Text</p>"),
    }
    data["sections-1-body_en"] = "<p>Text</p>"
    assert staff_client.post(change, data).status_code == 302
    assert [(s.order, s.heading_en) for s in story.sections.all()][1:] == [
        (8, "Eighth"),
        (9, "Ninth"),
    ]


def test_an_editor_removes_a_section_of_a_draft(user_in):
    editor = user_in("Editor")
    draft = make_story(status=Status.DRAFT)
    make_section(draft)
    kept = make_section(draft)
    change = reverse("admin:stories_story_change", args=[draft.pk])
    data = {**form_data(editor.get(change).content.decode(), "story_form")}
    data["sections-0-DELETE"] = "on"
    assert editor.post(change, data).status_code == 302
    assert list(draft.sections.all()) == [kept]
