import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count

from heritage.models import ComponentSite, HeritageItem
from publications.models import Publication
from timeline.models import Anniversary, Event, Figure, Person

pytestmark = pytest.mark.django_db

FIXTURES = sorted((settings.BASE_DIR / "fixtures").glob("*.json"))


def fixture_records() -> int:
    return sum(len(json.loads(path.read_text(encoding="utf-8"))) for path in FIXTURES)


def test_loads_every_fixture_record_into_an_empty_database(capsys):
    assert [path.name for path in FIXTURES] == [
        "01_publications.json",
        "02_heritage.json",
        "03_timeline.json",
        "04_public_sources.json",  # figures the documents do not give, with their sources
    ]
    call_command("load_documents")
    assert f"{fixture_records()} created, 0 updated, 0 kept" in capsys.readouterr().out
    documents = HeritageItem.objects.filter(source_document__isnull=False)
    assert documents.filter(kind="world").count() == 5
    assert documents.filter(kind="intangible").count() == 8
    assert documents.filter(kind="memory").count() == 3
    assert Anniversary.objects.count() == 21
    # Then every current designation (fixtures/designations/), the documents' included.
    assert dict(HeritageItem.objects.values_list("kind").annotate(n=Count("pk")).order_by()) == {
        "world": 6,
        "tentative": 13,
        "intangible": 14,
        "memory": 4,
        "biosphere": 16,
        "creative_city": 1,
    }


def test_second_run_changes_nothing(capsys):
    call_command("load_documents")
    before = list(Event.objects.values_list("slug", "updated_at").order_by("slug"))
    assert len(before) == 50
    call_command("load_documents")
    assert f"0 created, 0 updated, {fixture_records()} kept" in capsys.readouterr().out
    assert list(Event.objects.values_list("slug", "updated_at").order_by("slug")) == before


def test_staff_edits_survive_a_reload_unless_update_is_asked_for():
    call_command("load_documents", verbosity=0)
    HeritageItem.objects.filter(slug="western-tien-shan").update(name_en="Edited by staff")
    call_command("load_documents", verbosity=0)
    assert HeritageItem.objects.get(slug="western-tien-shan").name_en == "Edited by staff"
    call_command("load_documents", update=True, verbosity=0)
    assert HeritageItem.objects.get(slug="western-tien-shan").name_en == "Western Tien-Shan"


def test_world_heritage_components_are_complete(source_data):
    def components(slug):
        return set(ComponentSite.objects.filter(item__slug=slug).values_list("name_en", flat=True))

    silk = components("silk-roads-chang-an-tianshan-corridor")
    assert len(silk) == 8
    for site in ["Kayalyk", "Karamergen", "Talgar", "Aktobe", "Akyrtas", "Kulan", "Kostobe"]:
        assert any(site in name for name in silk), site
    assert any("Ornek" in name for name in silk)
    assert len(components("western-tien-shan")) == 3
    assert components("saryarka-steppe-and-lakes-of-northern-kazakhstan") == {
        "Korgalzhyn State Nature Reserve",
        "Naurzum State Nature Reserve",
    }
    assert not ComponentSite.objects.filter(latitude=None).exists()


def test_inscription_years_follow_the_article(source_data):
    documented = HeritageItem.objects.filter(kind="world", source_document__isnull=False)
    years = dict(documented.values_list("slug", "year_inscribed"))
    assert years == {
        "mausoleum-of-khoja-ahmed-yasawi": 2003,
        "petroglyphs-of-tamgaly": 2004,
        "saryarka-steppe-and-lakes-of-northern-kazakhstan": 2008,
        "silk-roads-chang-an-tianshan-corridor": 2014,
        "western-tien-shan": 2016,
    }


def test_transcription_slips_are_corrected_and_kept_in_a_source_note(source_data):
    otlet = Person.objects.get(slug="paul-otlet")
    assert otlet.name_en == "Paul Otlet"
    assert "Paul Otler" in otlet.source_note
    maheu = Person.objects.get(slug="rene-maheu")
    assert maheu.name_en == "René Maheu"
    assert "K. Mahe" in maheu.source_note
    london = Event.objects.get(slug="london-conference-for-the-establishment-of-unesco")
    assert london.start_date.isoformat() == "1945-11-01"
    assert "1946" in london.source_note
    assert "November 1, 1946" in london.source_passage


# How many records of each model carry a source note in the fixtures (and so in every
# language): the loops below must meet every one of them.
NOTED = {
    HeritageItem: 15,
    ComponentSite: 2,
    Event: 14,
    Anniversary: 17,
    Figure: 8,  # three of the documents', five from public sources
    Person: 9,
    Publication: 5,
}


def test_every_source_note_is_in_kazakh_russian_and_english(source_data):
    checked = {}
    for model in NOTED:
        noted = [
            record
            for record in model.objects.all()
            if any(getattr(record, f"source_note_{code}") for code in ("kk", "ru", "en"))
        ]
        for record in noted:
            notes = [getattr(record, f"source_note_{code}") for code in ("kk", "ru", "en")]
            assert all(notes) and len(set(notes)) == 3, f"{record.slug} {notes}"
        checked[model] = len(noted)
    assert checked == NOTED
    otlet = Person.objects.get(slug="paul-otlet")
    assert otlet.source_note_ru == "В статье имя написано как «Paul Otler» и «P. Otler»."


def test_values_added_from_general_knowledge_are_marked(source_data):
    yasawi = HeritageItem.objects.get(slug="mausoleum-of-khoja-ahmed-yasawi")
    assert yasawi.unesco_reference == "1103"
    assert "unesco_reference" in yasawi.added_fields
    components = list(ComponentSite.objects.all())
    assert len(components) == 13  # 8 of the Silk Roads, 3 of Western Tien-Shan, 2 of Saryarka
    for component in components:
        assert {"latitude", "longitude"} <= set(component.added_fields), component.slug


def test_every_record_has_provenance(source_data):
    checked = {}
    for model in (HeritageItem, Event, Anniversary, Figure, Person, Publication):
        # The designations the documents do not name come from public pages instead.
        records = list(model.objects.exclude(source_document=None, source_passage=""))
        for record in records:
            assert record.source_document_id, f"{model.__name__} {record.slug}"
            assert record.source_passage, f"{model.__name__} {record.slug}"
        checked[model.__name__] = len(records)
    assert checked == {
        "HeritageItem": 16,
        "Event": 50,
        "Anniversary": 21,
        "Figure": 49,
        "Person": 12,
        "Publication": 6,
    }
    from_pages = HeritageItem.objects.filter(source_document=None)
    assert from_pages.count() == 38
    assert not from_pages.filter(fact_sources=None).exists()


def test_figures_of_the_documents(source_data):
    def value(slug):
        return int(Figure.objects.get(slug=slug).value)

    assert value("unesco-member-states") == 193
    assert value("unesco-associate-members") == 11
    assert value("unesco-chairs-total") == 735
    assert value("unesco-chairs-countries") == 113
    assert value("chairs-kazakhstan") == 5
    assert value("chairs-spain") == 64
    assert Figure.objects.filter(group="chairs").count() == 22


def test_the_article_has_russian_and_kazakh_titles_abstracts_and_keywords(source_data):
    article = Publication.objects.get(slug="article-unesco-education-history-and-modernity")
    assert article.title_ru.startswith("Роль ЮНЕСКО в развитии сотрудничества")
    assert article.title_kk.startswith("ЮНЕСКО-ның білім")
    assert "неграмотности" in article.abstract_ru
    assert "сауатсыздықтың" in article.abstract_kk
    assert article.keywords_kk == "ЮНЕСКО, ынтымақтастық, мәдениет, білім, пәнаралық, ғылым"
    dissertation = Publication.objects.get(
        slug="dissertation-kazakhstan-unesco-humanitarian-security"
    )
    assert dissertation.specialty_code.startswith("6D020200")
    assert [a.name_en for a in dissertation.ordered_authors()] == [
        "Assel Erkenovna Utegenova-Navarro"
    ]
