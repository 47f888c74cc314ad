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


@pytest.fixture
def works():
    """90 works over a few years, every tenth undated, every seventh a draft."""
    Publication.objects.bulk_create(
        Publication(
            slug=f"dated-{n:03}",
            title_en=f"Work {n % 13:02}",
            title_kk=f"Еңбек {n % 11:02}",
            kind="article",
            year=None if n % 10 == 0 else 1995 + n % 6,
            status=Status.DRAFT if n % 7 == 0 else Status.PUBLISHED,
        )
        for n in range(90)
    )
    refresh_planner_statistics()


@pytest.mark.parametrize("language", ["kk", "en"])
def test_the_lists_pages_run_undated_first_then_from_the_newest_year(client, works, language):
    shown = []
    for page in (1, 2, 3, 4):
        response = client.get(f"/{language}/publications/?page={page}")
        assert response.status_code == 200
        shown += [(p.year, p.title) for p in response.context["publications"]]
    published = Publication.objects.published()
    assert len(shown) == published.count() == 77
    years = [year for year, _title in shown]
    assert years == [None] * 7 + sorted(y for y in years if y is not None)[::-1]
    with translation.override(language):
        assert shown == [(p.year, p.title) for p in published]  # within a year, by title


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_page_of_the_list_reads_its_ids_from_the_order_index_on_postgresql(
    works, postgres_plan, language
):
    from core.pagination import IdsFirstPaginator

    with translation.override(language):
        paginator = IdsFirstPaginator(Publication.objects.published(), 20)
        assert paginator.count == 77  # counted before
        plan = postgres_plan(
            lambda: list(paginator.page(3)),
            off=("seqscan", "bitmapscan", "sort", "incremental_sort"),
        )
    # An Index Only Scan once the table is vacuumed (benchmarks/scale.py).
    assert f'using publication_in_order_{language} on publications_publication "U0"' in plan
