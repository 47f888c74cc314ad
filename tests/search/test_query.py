import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Status
from core.search_index import word_similarity
from heritage.models import HeritageItem
from publications.models import Publication
from tests.factories import make_event, make_heritage_item, make_publication
from timeline.models import Event, Person

pytestmark = pytest.mark.django_db


def results(client, query, lang="en"):
    response = client.get(f"/{lang}/search/", {"q": query})
    assert response.status_code == 200
    return {group.key: [r.slug for r in group.results] for group in response.context["groups"]}


@pytest.mark.parametrize(
    "query",
    ["ЖІБЕК", "жібек", "ЖіБеК ЖоЛы", "ШЁЛКОВЫЙ", "шёлковый", "ҚАЙАЛЫҚ", "қайалық", "SILK"],
)
def test_case_folding_for_cyrillic_and_kazakh_letters(client, query):
    make_heritage_item(
        slug="silk",
        name_en="Silk Roads",
        name_ru="Шёлковый путь",
        name_kk="Жібек жолы",
        summary_kk="Қайалық, Қарамерген, Талғар",
    )
    make_heritage_item(slug="other", name_en="Other")
    assert results(client, query)["heritage"] == ["silk"]


def test_all_kazakh_letters_fold(client):
    make_heritage_item(slug="letters", name_kk="әғқңөұүһі")
    assert results(client, "ӘҒҚҢӨҰҮҺІ", "kk")["heritage"] == ["letters"]


def test_every_text_in_every_language_is_searched_and_a_match_stays_inside_one(client):
    make_heritage_item(
        slug="texts",
        name_kk="Алғашқы",
        name_ru="Второе",
        name_en="Third",
        summary_en="Fourth",
        body_ru="<p>Пятое</p>",
        partner_states_en="Kyrgyzstan",
    )
    for word in ("алғашқы", "второе", "third", "fourth", "пятое", "kyrgyz"):
        assert results(client, word)["heritage"] == ["texts"]
    for across in ("алғашқывторое", "hirdfour", "third fourth"):
        assert not HeritageItem.objects.search(across).exists()


def test_results_are_grouped_by_type_and_drafts_never_appear(client):
    make_heritage_item(slug="site", name_en="Yasawi mausoleum")
    make_heritage_item(slug="draft-site", name_en="Yasawi draft", status=Status.DRAFT)
    make_event(slug="event", title_en="Yasawi inscribed")
    make_event(slug="draft-event", title_en="Yasawi secret", status=Status.DRAFT)
    make_publication(slug="paper", title_en="On Yasawi")
    found = results(client, "yasawi")
    assert found == {
        "heritage": ["site"],
        "events": ["event"],
        "publications": ["paper"],
        "people": [],
    }


def test_matches_are_highlighted_and_escaped(client):
    make_heritage_item(slug="x", name_en="<script>alert(1)</script> Tamgaly petroglyphs")
    html = client.get("/en/search/", {"q": "tamgaly"}).content.decode()
    assert "<mark>Tamgaly</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_control_characters_in_a_query_are_spaces(client):
    make_heritage_item(slug="tamgaly", name_en="Petroglyphs of Tamgaly")
    assert results(client, "\x00Tamgaly\x07")["heritage"] == ["tamgaly"]
    assert results(client, "Petroglyphs\x00of")["heritage"] == ["tamgaly"]


def test_short_and_empty_queries(client):
    assert "Type at least two letters." in client.get("/en/search/", {"q": "a"}).content.decode()
    assert client.get("/en/search/").status_code == 200


def test_typos_find_close_matches(client):
    make_heritage_item(slug="tamgaly", name_en="Petroglyphs of Tamgaly")
    make_heritage_item(slug="otrar", name_en="Otrar oasis")
    response = client.get("/en/search/", {"q": "Tamgali"})
    group = next(g for g in response.context["groups"] if g.key == "heritage")
    assert [r.slug for r in group.results] == ["tamgaly"]
    assert group.approximate
    assert "No exact match; these are close to what you typed." in response.content.decode()


def test_the_documents_own_misspellings_find_the_people_they_mean(client):
    """The article writes "Paul Otler" for Paul Otlet; readers type what they read."""
    Person.objects.create(slug="otlet", name_en="Paul Otlet", status=Status.PUBLISHED)
    Person.objects.create(
        slug="suleimenov",
        name_en="Olzhas Suleimenov",
        name_ru="Олжас Сулейменов",
        status=Status.PUBLISHED,
    )
    Person.objects.create(slug="draft", name_en="Paul Otlett", status=Status.DRAFT)
    make_heritage_item(slug="otrar", name_en="Otrar oasis")
    assert results(client, "Otler") == {
        "heritage": [],
        "events": [],
        "publications": [],
        "people": ["otlet"],
    }
    assert results(client, "Suleymenov")["people"] == ["suleimenov"]
    assert results(client, "Сулейменав", "ru")["people"] == ["suleimenov"]


def test_closer_names_come_first_and_unrelated_ones_not_at_all(client):
    # In the list's order (year inscribed) the farther name comes first.
    make_heritage_item(slug="far", name_en="Paul Otler", year_inscribed=2001)
    make_heritage_item(slug="near", name_en="Paul Otlet", year_inscribed=2004)
    make_heritage_item(slug="unrelated", name_en="Otrar oasis", year_inscribed=2000)
    assert results(client, "Otlett")["heritage"] == ["near", "far"]


def test_a_close_name_is_found_among_many_records_whose_texts_share_its_letters(client):
    # Biographies that say "motlets settle" share every trigram of "Otlett" (but hold no
    # "otlett"): ranked on whole texts, 400 of them hid the one close name on SQLite.
    Person.objects.bulk_create(
        Person(
            slug=f"decoy-{n}",
            name_en=f"Decoy {n}",
            biography_en="<p>" + "motlets settle " * 40 + "</p>",
            status=Status.PUBLISHED,
        )
        for n in range(400)
    )
    Person.objects.create(slug="otlet", name_en="Paul Otlet", status=Status.PUBLISHED)
    assert results(client, "Otlett")["people"] == ["otlet"]


# word_similarity() as PostgreSQL's pg_trgm printed it, for the same pairs.
PG_TRGM_WORD_SIMILARITY = [
    ("Tamgalu", "Tamgaly", 0.75),
    ("Tamgalu", "Tangaly", 0.27272728),
    ("Tamgalu", "Tamgaluk", 0.875),
    ("Otlett", "Paul Otlet", 0.71428573),
    ("Otlett", "Paul Otler", 0.5714286),
    ("Otlett", "Otrar oasis", 0.2857143),
]


@pytest.mark.parametrize(("query", "text", "expected"), PG_TRGM_WORD_SIMILARITY)
def test_sqlite_typos_are_measured_as_pg_trgm_measures_them(query, text, expected):
    assert word_similarity(query, text) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Suleymenov", "Olzhas Suleimenov"),
        ("Сулейменав", "Олжас Сулейменов"),
        ("Ясави", "Мавзолей Ходжи Ахмеда Яссауи"),
        ("Қожа Ахмет", "Қожа Ахмет Ясауи кесенесі"),
        ("heritge", "Demo heritage item 12, Demo heritage"),
        ("Paul Otler", "Otlet, Paul (1868–1944)"),
        ("ab", "A b c"),
        ("x", "xx xxx"),
    ],
)
def test_sqlite_typo_measure_agrees_with_postgresql(query, text):
    if connection.vendor != "postgresql":
        pytest.skip("compares with pg_trgm")
    with connection.cursor() as cursor:
        cursor.execute("SELECT word_similarity(%s, %s)", [query, text])
        (expected,) = cursor.fetchone()
    assert word_similarity(query, text) == pytest.approx(expected, abs=1e-6)


def test_typos_find_names_less_close_than_postgresqls_default_threshold(client):
    """ "Tamgli" is 0.57 close to "Tamgaly": found only with the threshold similar_to()
    sets (0.4) for the index's operator, whose default is 0.6."""
    if connection.vendor != "postgresql":
        pytest.skip("trigram similarity is a PostgreSQL feature")
    make_heritage_item(slug="tamgaly", name_en="Petroglyphs of Tamgaly")
    make_heritage_item(slug="otrar", name_en="Otrar oasis")
    assert results(client, "Tamgli")["heritage"] == ["tamgaly"]
    assert HeritageItem.objects.published().similar_to("Tamgli", limit=20, threshold=0.6) == []


@pytest.mark.parametrize(
    ("model", "index"),
    [
        (HeritageItem, "heritage_item_similar"),
        (Event, "timeline_event_similar"),
        (Person, "timeline_person_similar"),
        (Publication, "publications_pub_similar"),
    ],
)
def test_typo_search_reads_the_names_trigram_index_on_postgresql(model, index, postgres_plan):
    """Without it a typo read every name of every record (110 ms for 10,000 items)."""
    plan = postgres_plan(
        lambda: model.objects.similar_to("Tamgli", limit=20), off=("seqscan", "indexscan")
    )
    assert f"Bitmap Index Scan on {index}" in plan


@pytest.mark.parametrize(
    ("model", "index"),
    [
        (HeritageItem, "heritage_item_search"),
        (Event, "timeline_event_search"),
        (Person, "timeline_person_search"),
        (Publication, "publications_publication_search"),
    ],
)
def test_search_reads_its_trigram_index_on_postgresql(model, index):
    """The index's expression must stay the one search() filters on, or every search
    reads every text of every record again (45 ms instead of 0.2 for 10,000 items)."""
    if connection.vendor != "postgresql":
        pytest.skip("the search indexes are PostgreSQL's (pg_trgm)")
    with connection.cursor() as cursor:
        # The test tables are tiny: only the bitmap scans an expression index allows.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
    plan = model.objects.search("Жібек").explain()
    assert f"Bitmap Index Scan on {index}" in plan


def test_edited_and_deleted_records_are_searched_as_they_are_now(client):
    """The SQLite trigram table follows every insert, edit and delete (its triggers)."""
    item = make_heritage_item(slug="renamed", name_en="Otrar oasis")
    event = make_event(slug="gone", title_en="Otrar excavations")
    assert results(client, "otrar") == {
        "heritage": ["renamed"],
        "events": ["gone"],
        "publications": [],
        "people": [],
    }
    item.name_en = "Sauran"
    item.save()
    HeritageItem.objects.filter(pk=item.pk).update(summary_ru="Крепость Сауран")
    event.delete()
    assert not any(results(client, "otrar").values())
    assert results(client, "sauran")["heritage"] == ["renamed"]
    assert results(client, "крепость", "ru")["heritage"] == ["renamed"]
    # So does the table of names that typos are looked up in.
    assert results(client, "Sauram")["heritage"] == ["renamed"]
    assert not any(results(client, "Otrat").values())


def test_sqlite_tests_only_the_candidates_its_trigram_table_names(client, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 trigram table is SQLite's")
    from core import search_index

    for n in range(3):
        make_heritage_item(slug=f"khan-{n}", name_en=f"Khan mausoleum {n}", year_inscribed=2001)
    make_heritage_item(slug="other", name_en="Petroglyphs")
    with CaptureQueriesContext(connection) as queries:
        assert HeritageItem.objects.search("KHAN").count() == 3
    assert "MATCH" in queries[0]["sql"]
    assert '"heritage_heritageitem"."id" IN (' in queries[1]["sql"]
    # A query found in more records than MAX_CANDIDATES reads the records themselves.
    monkeypatch.setattr(search_index, "MAX_CANDIDATES", 2)
    assert results(client, "mausoleum")["heritage"] == ["khan-0", "khan-1", "khan-2"]
    assert HeritageItem.objects.search("mau").count() == 3


def test_search_inside_a_subquery_reads_the_subquery_table():
    """The compiled search expression follows the alias a query gives its table, so a
    search used as a subquery tests the subquery's records, not the outer query's."""
    otrar = make_heritage_item(slug="otrar", name_en="Otrar oasis")
    turkistan = make_heritage_item(slug="turkistan", name_en="Mausoleum of Khoja Ahmed Yasawi")
    make_event(slug="otrar-survey", title_en="Survey", heritage_items=[otrar])
    make_event(slug="yasawi-repair", title_en="Repair", heritage_items=[turkistan])
    found = HeritageItem.objects.published().search("otrar")
    events = Event.objects.filter(heritage_items__in=found)
    assert [event.slug for event in events] == ["otrar-survey"]
    items = HeritageItem.objects.filter(pk__in=found.values("pk"))
    assert [item.slug for item in items] == ["otrar"]
