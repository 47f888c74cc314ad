"""Typo search on SQLite weighs every record of the archive, not only those a ranking
names first: what it gives is what comparing the query with every name would give."""

import random

import pytest
from django.db import connection

from core import search_index
from core.models import Status
from core.search_index import word_similarity
from heritage.models import HeritageItem
from timeline.models import Person

pytestmark = pytest.mark.django_db

SYLLABLES = ["ta", "mga", "ly", "ot", "let", "rar", "sau", "ran", "kha", "an", "ya", "sa", "wi"]


@pytest.fixture(autouse=True)
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's trigram index answers typos itself")


def every_name_compared(queryset, query: str, *, limit: int, threshold: float = 0.4):
    """The closest ``limit`` records, found by comparing the query with every name."""
    scored = []
    for record in queryset:
        names = " ".join(filter(None, (record.name_kk, record.name_ru, record.name_en)))
        score = word_similarity(query, names)
        if score >= threshold:
            scored.append(round(score, 9))
    return sorted(scored, reverse=True)[:limit]


def test_the_closest_names_are_found_among_a_thousand_alike():
    """1,000 names made of the same syllables: many share the query's rarer trigrams
    more than its closest names do. Ranked first on those, as before, the closest
    records fell outside the 200 compared."""
    chance = random.Random(26)
    HeritageItem.objects.bulk_create(
        HeritageItem(
            slug=f"alike-{n}",
            name_en=" ".join(
                "".join(chance.choices(SYLLABLES, k=chance.randint(2, 4)))
                for _word in range(chance.randint(1, 3))
            ),
            status=Status.PUBLISHED,
        )
        for n in range(1000)
    )
    published = HeritageItem.objects.published()
    for query in ["tamgaly", "otlet", "sauran", "yasawi", "khan", "tamgaly otrar"]:
        found = published.similar_to(query, limit=10)
        got = [round(word_similarity(query, record.name_en), 9) for record in found]
        assert got == every_name_compared(published, query, limit=10), query


def test_word_edges_count_wherever_names_are_punctuated():
    """ "Otlet" shares all its trigrams with "(Otlet," only if the names' table pads
    words at their punctuation as pg_trgm does; with fewer it could not be ranked
    first among names that hold the letters without the edges."""
    Person.objects.create(slug="otlet", name_en="«Paul (Otlet), 1868»", status=Status.PUBLISHED)
    Person.objects.bulk_create(
        Person(slug=f"decoy-{n}", name_en=f"Hotletto{n} motlets", status=Status.PUBLISHED)
        for n in range(300)
    )
    published = Person.objects.published()
    counts = dict(
        search_index._trigram_counts(published, sorted(search_index._trigrams("Otlet")), needed=1)
    )
    otlet = Person.objects.get(slug="otlet")
    assert counts[otlet.pk] == len(set(search_index._trigrams("Otlet")))
    assert [person.slug for person in published.similar_to("Otlet", limit=1)] == ["otlet"]


def test_a_typo_costs_a_bounded_number_of_queries_however_many_records_are_alike(
    django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(search_index, "SCORED_AT_MOST", 300)
    monkeypatch.setattr(search_index, "BATCH", 100)
    HeritageItem.objects.bulk_create(
        HeritageItem(slug=f"demo-{n}", name_en=f"Demo heritage item {n}", status=Status.PUBLISHED)
        for n in range(1000)
    )
    # Every record is as close to "heritge" as the next: a count, three batches, the records.
    with django_assert_max_num_queries(5):
        found = HeritageItem.objects.published().similar_to("heritge", limit=5)
    assert len(found) == 5


def test_drafts_and_edited_names_are_weighed_as_they_are_now():
    item = HeritageItem.objects.create(
        slug="sauran", name_en="Sauran fortress", status=Status.PUBLISHED
    )
    HeritageItem.objects.create(slug="draft", name_en="Sauran", status=Status.DRAFT)
    published = HeritageItem.objects.published()
    assert [record.slug for record in published.similar_to("Sauram", limit=5)] == ["sauran"]
    HeritageItem.objects.filter(pk=item.pk).update(name_en="Otrar oasis")
    assert published.similar_to("Sauram", limit=5) == []
    assert [record.slug for record in published.similar_to("Otrat", limit=5)] == ["sauran"]
