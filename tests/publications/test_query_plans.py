"""The publications' author filter at 100 times the data: the first 201 authors with a
published work are read in name order from an index, not by joining every authorship."""

import pytest
from django.utils import translation

from core.models import Status
from editorial.services import refresh_planner_statistics
from publications.filters import author_choices
from publications.models import Author, Authorship, Publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def authors():
    """300 authors, each with a work; every third work a draft."""
    Author.objects.bulk_create(
        Author(slug=f"author-{n:03}", name_en=f"Author {n:03}", name_ru=f"Автор {n:03}")
        for n in range(300)
    )
    Publication.objects.bulk_create(
        Publication(
            slug=f"work-{n:03}",
            title_en=f"Work {n:03}",
            kind="article",
            status=Status.DRAFT if n % 3 == 0 else Status.PUBLISHED,
        )
        for n in range(300)
    )
    works = dict(Publication.objects.values_list("slug", "pk"))
    Authorship.objects.bulk_create(
        Authorship(publication_id=works[f"work-{n:03}"], author=author, order=1)
        for n, author in enumerate(Author.objects.order_by("slug"))
    )
    refresh_planner_statistics()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_first_authors_are_read_in_name_order_from_the_index(authors, sqlite_plan, language):
    with translation.override(language):
        plan = sqlite_plan(lambda: list(author_choices()[:201]))
    assert f"INDEX publications_author_name_{language}" in plan
    assert "TEMP B-TREE" not in plan


def test_only_authors_with_a_published_work_are_offered(authors):
    with translation.override("ru"):
        choices = list(author_choices()[:3])
    assert choices == [
        ("author-001", "Автор 001"),
        ("author-002", "Автор 002"),
        ("author-004", "Автор 004"),
    ]
    assert author_choices().count() == 200
