"""A story's page and the list of stories read the database a fixed number of times,
however many sections, photographs and embedded records there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    make_component,
    make_event,
    make_heritage_item,
    make_image,
    make_publication,
    make_region,
)
from tests.stories.factories import make_lead_image, make_section, make_story

pytestmark = pytest.mark.django_db

# The story with its lead image and source; its sections; in them the heritage items
# (regions, photographs, located component sites), the events (themes) and the
# publications (authors).
STORY_PAGE_QUERIES = 10
LIST_QUERIES = 2  # the count, the page of stories with their lead images


def story_with(sections: int):
    story = make_story()
    make_lead_image(story)
    region = make_region()
    for n in range(sections):
        item = make_heritage_item(regions=[region], latitude="43.2", longitude="76.9")
        make_image(item, width=400, height=300)
        make_component(item)
        make_section(
            story,
            heritage_items=[item, make_heritage_item()],
            events=[make_event(), make_event()],
            publications=[make_publication(), make_publication()],
            show_map=True,
            photo=n < 3,  # each photograph's renditions are files, not queries
        )
    return story


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_a_story_page_reads_the_same_whatever_its_length(client, django_assert_max_num_queries):
    short, long = story_with(1), story_with(20)
    client.get(short.get_absolute_url())  # renditions made once, outside the count
    client.get(long.get_absolute_url())
    assert queries(client, short.get_absolute_url()) == queries(client, long.get_absolute_url())
    with django_assert_max_num_queries(STORY_PAGE_QUERIES):
        html = client.get(long.get_absolute_url()).content.decode()
    assert html.count('class="story-section ') == 20
    assert html.count('<article class="card">') == 40


def test_the_list_reads_the_same_whatever_the_number_of_stories(
    client, django_assert_max_num_queries
):
    make_lead_image(make_story())
    one = queries(client, "/en/stories/")
    for _ in range(15):
        make_lead_image(make_story())
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get("/en/stories/")
    assert len(response.context["stories"]) == 12
    assert one == queries(client, "/en/stories/")
