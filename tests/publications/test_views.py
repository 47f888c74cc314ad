import pytest

from core.models import Status
from heritage.models import HeritageItem
from tests.factories import make_author, make_heritage_item, make_publication

pytestmark = pytest.mark.django_db


def test_list_filters_by_type_year_language_and_author(client):
    otlet = make_author(slug="otlet", name_en="Paul Otlet")
    make_publication(
        title_en="Book of 1916", kind="book", year=1916, language="fr", authors=[otlet]
    )
    make_publication(title_en="An article", kind="article", year=2019, language="en")

    def titles(query):
        return {p.title for p in client.get(f"/en/publications/?{query}").context["publications"]}

    assert titles("kind=book") == {"Book of 1916"}
    assert titles("year=2019") == {"An article"}
    assert titles("language=fr") == {"Book of 1916"}
    assert titles("author=otlet") == {"Book of 1916"}


def test_drafts_are_hidden(client):
    draft = make_publication(title_en="Unpublished thesis", status=Status.DRAFT)
    assert "Unpublished thesis" not in client.get("/en/publications/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_authors_are_listed_in_order(client):
    first, second = make_author(name_en="Zed First"), make_author(name_en="Amy Second")
    publication = make_publication(authors=[first, second])
    html = client.get(publication.get_absolute_url()).content.decode()
    assert html.index("Zed First") < html.index("Amy Second")
    listed = client.get("/en/publications/").content.decode()
    assert '<p class="meta">Zed First; Amy Second</p>' in listed


def test_detail_shows_every_abstract_with_its_language(client, source_data):
    html = client.get(
        "/en/publications/article-unesco-education-history-and-modernity/"
    ).content.decode()
    assert '<section class="abstract" lang="ru"' in html
    assert '<section class="abstract" lang="kk"' in html
    assert '<section class="abstract" lang="en"' in html
    assert "Ключевые слова:" in html and "Түйін сөздер:" in html
    assert "ЮНЕСКО-ның білім саласы ынтымақтастығының даму рөлі" in html


def test_a_dissertations_facts_and_details_are_in_the_readers_language(client, source_data):
    url = "/{}/publications/dissertation-kazakhstan-unesco-humanitarian-security/"
    kazakh = client.get(url.format("kk")).content.decode()
    assert '<dd>Философия докторы (<span lang="en">PhD</span>)</dd>' in kazakh
    assert "<dd>6D020200 – Халықаралық қатынастар</dd>" in kazakh
    assert "<dd>Әл-Фараби атындағы Қазақ ұлттық университеті," in kazakh
    assert "<p>Міндеттері: «гуманитарлық қауіпсіздік» ұғымын" in kazakh
    russian = client.get(url.format("ru")).content.decode()
    assert '<dd>Доктор философии (<span lang="en">PhD</span>)</dd>' in russian
    assert "<dd>Казахский национальный университет имени аль-Фараби," in russian
    # Only the citations (in the work's language) give the English.
    for page in (kazakh, russian):
        assert "Doctor of Philosophy" not in page.split('class="citation"')[0]
    # No file name is shown to readers.
    assert ".txt" not in kazakh + russian


def test_a_fact_without_a_translation_is_shown_marked_with_its_language(client):
    work = make_publication(kind="dissertation", degree_en="Doctor of Philosophy (PhD)")
    html = client.get(f"/ru{work.get_absolute_url()[3:]}").content.decode()
    assert '<dd><span lang="en" class="fallback">Doctor of Philosophy (PhD)</span>' in html
    assert "Перевода на русский пока нет; показан текст на языке: английский." in html


def test_list_query_count_does_not_grow(count_queries):
    make_publication(authors=[make_author()])
    few = count_queries("/en/publications/")
    for _ in range(10):
        make_publication(authors=[make_author(), make_author()])
    assert count_queries("/en/publications/") == few


def test_a_publications_sourced_records_are_read_by_their_index_not_by_walking_a_list(
    client, query_plan
):
    """Most records name no source document; the page of one that is a source finds its
    records through the index of those that do, on SQLite's statistics as on PostgreSQL's,
    instead of reading every record in the list's order to pick them out."""
    source = make_publication(title_en="The dissertation")
    make_heritage_item(name_en="Sourced item", source_document=source)
    HeritageItem.objects.bulk_create(
        HeritageItem(slug=f"unsourced-{n}", name_en=f"Item {n}", kind="world", status="published")
        for n in range(300)
    )
    html = []
    plan = query_plan(
        lambda: html.append(client.get(source.get_absolute_url()).content.decode()),
        table="heritage_heritageitem",
    )
    assert "Sourced item" in html[0]
    assert "heritage_heritageitem_src" in plan
    assert "heritage_item_order" not in plan


def test_the_home_page_names_the_sources_of_published_records_only(client):
    make_heritage_item(source_document=make_publication(title_en="Source of a public item"))
    make_heritage_item(
        source_document=make_publication(title_en="Source of a draft only"), status=Status.DRAFT
    )
    make_publication(title_en="Cited by nothing")
    html = client.get("/en/").content.decode()
    assert "Source of a public item" in html
    assert "Source of a draft only" not in html and "Cited by nothing" not in html


def test_with_many_authors_the_reader_types_a_name_instead_of_scrolling_a_list(client, monkeypatch):
    from publications import filters

    otlet = make_author(slug="otlet", name_en="Paul Otlet", name_ru="Поль Отле")
    lafontaine = make_author(slug="la-fontaine", name_en="Henri La Fontaine")
    make_publication(title_en="Traité", authors=[otlet])
    make_publication(title_en="Pacifism", authors=[lafontaine])
    make_publication(title_en="Together", authors=[otlet, lafontaine])

    def titles(query, lang="en"):
        response = client.get(f"/{lang}/publications/?{query}")
        return {p.title_en for p in response.context["publications"]}, response.content.decode()

    found, html = titles("")
    assert '<option value="otlet">Paul Otlet</option>' in html  # two authors: a list
    monkeypatch.setattr(filters, "AUTHORS_TO_CHOOSE_FROM", 1)
    found, html = titles("")
    assert '<option value="otlet">' not in html
    assert 'type="search" name="author"' in html
    assert titles("author=otlet")[0] == {"Traité", "Together"}  # a work's page links by slug
    make_publication(title_en="Motlet's", authors=[make_author(slug="m", name_en="Jo Motlet")])
    assert titles("author=otlet")[0] == {"Traité", "Together"}  # that author, not names like it
    assert titles("author=fontaine")[0] == {"Pacifism", "Together"}
    assert titles("author=%D0%BE%D1%82%D0%BB%D0%B5", "ru")[0] == {"Traité", "Together"}  # отле
    assert titles("author=nobody")[0] == set()
