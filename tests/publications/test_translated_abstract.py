"""The dissertation's abstract in Russian and Kazakh reaches a database loaded before the
translations were shipped (publications/migrations/0015), and its readers."""

import importlib

import pytest
from django.apps import apps

from core.migration_ops import shipped_records
from tests.factories import make_publication

migration = importlib.import_module("publications.migrations.0015_translated_dissertation_abstract")
pytestmark = pytest.mark.django_db
SHIPPED = shipped_records("publications")[("publication", migration.SLUG)]


def _loaded_before(**fields):
    values = {
        "slug": migration.SLUG,
        "kind": "dissertation",
        "title_en": SHIPPED["title_en"],
        "abstract_en": SHIPPED["abstract_en"],
        "added_fields": ["title_ru", "title_kk"],
        **{f"source_note_{code}": note for code, note in migration.NOTES_BEFORE.items()},
    }
    return make_publication(**(values | fields))


def test_the_shipped_translations_fill_an_untouched_record():
    record = _loaded_before()
    migration.translate_abstract(apps, None)
    record.refresh_from_db()
    assert record.abstract_ru.startswith("Работа посвящена исследованию сотрудничества")
    assert record.abstract_kk.startswith("Жұмыс бейбітшілікті нығайту")
    assert record.added_fields == ["title_ru", "title_kk", "abstract_ru", "abstract_kk"]
    assert record.source_note_ru.endswith(
        "Название и аннотация на русском и казахском языках — переводы, сделанные для этого"
        " портала."
    )


def test_what_staff_wrote_stays():
    record = _loaded_before(
        abstract_ru="Аннотация сотрудников.", source_note_en="Staff's own note.", abstract_kk=""
    )
    migration.translate_abstract(apps, None)
    record.refresh_from_db()
    assert record.abstract_ru == "Аннотация сотрудников."
    assert record.abstract_kk == SHIPPED["abstract_kk"]
    assert record.added_fields == ["title_ru", "title_kk", "abstract_kk"]
    assert record.source_note_en == "Staff's own note."


def test_an_abstract_staff_rewrote_in_english_gets_no_shipped_translation():
    record = _loaded_before(abstract_en="Staff's rewritten abstract.")
    migration.translate_abstract(apps, None)
    record.refresh_from_db()
    assert not record.abstract_ru and not record.abstract_kk


def test_the_page_gives_each_abstract_in_its_language_and_says_which_are_translations(
    client, source_data
):
    html = client.get(f"/kk/publications/{migration.SLUG}/").content.decode()
    sections = {
        code: html.split(f'<section class="abstract" lang="{code}"')[1].split("</section>")[0]
        for code in ("en", "ru", "kk")
    }
    assert html.index('lang="en" aria-label') < html.index('lang="ru" aria-label')  # its own first
    assert "The work is devoted to the study of cooperation" in sections["en"]
    assert "Translated" not in sections["en"]
    assert "Работа посвящена исследованию сотрудничества" in sections["ru"]
    assert "Переведено для этого портала" in sections["ru"]
    assert "Жұмыс бейбітшілікті нығайту" in sections["kk"]
    assert "Осы портал үшін аударылған" in sections["kk"]


def test_an_english_work_whose_own_abstracts_are_russian_and_kazakh_gives_those_first(
    client, source_data
):
    """The article is written in English; its abstracts are Russian and Kazakh, and the
    English one is the portal's translation: the article's own come first."""
    html = client.get("/en/publications/article-unesco-education-history-and-modernity/")
    html = html.content.decode()
    order = sorted(("kk", "ru", "en"), key=lambda code: html.index(f'lang="{code}" aria-label'))
    assert order == ["kk", "ru", "en"]
    english = html.split('<section class="abstract" lang="en"')[1].split("</section>")[0]
    assert "Translated for this portal from the work&#x27;s own abstract." in english
