"""Translation coverage of what is edited on another record's page: a designation's status
steps and the notes on its sources of facts, a story's sections. Their gaps are the
record's gaps: counted on the coverage page, found by the list filter, and shown in the
list's "complete in" column."""

import datetime
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib import admin
from django.urls import reverse

from editorial.coverage import coverage
from heritage.models import DesignationStep, FactSource
from tests.factories import make_heritage_item

pytestmark = pytest.mark.django_db

COMPLETE = {
    f"{field}_{code}": f"{field} in {code}"
    for field in ("name", "summary")
    for code in ("kk", "ru", "en")
}


@pytest.fixture
def items():
    """Three items complete in their own fields: one whose source's note is in English
    only, one whose step's note lacks Kazakh, one with everything translated."""
    english_note = make_heritage_item(**{**COMPLETE, "name_en": "English note"})
    FactSource.objects.create(
        item=english_note,
        url="https://example.org/a",
        facts_en="year of inscription",
        checked_on=datetime.date(2026, 12, 6),
    )
    no_kazakh_step = make_heritage_item(**{**COMPLETE, "name_en": "No Kazakh step"})
    DesignationStep.objects.create(
        item=no_kazakh_step,
        date=datetime.date(2004, 1, 1),
        kind="inscribed",
        note_ru="Включён.",
        note_en="Inscribed.",
    )
    complete = make_heritage_item(**{**COMPLETE, "name_en": "Complete"})
    FactSource.objects.create(
        item=complete,
        url="https://example.org/b",
        facts_kk="жылы",
        facts_ru="год",
        facts_en="year",
        checked_on=datetime.date(2026, 12, 6),
    )
    return english_note, no_kazakh_step, complete


def changelist() -> str:
    return reverse("admin:heritage_heritageitem_changelist")


def heritage_coverage():
    (items,) = [
        model for model in coverage(admin_site=admin.site) if model.model_label.endswith("Item")
    ]
    return items


def missing(languages) -> dict[str, int]:
    return {language.language: language.missing for language in languages}


def test_the_inlines_fields_are_rows_of_their_records_table(items):
    fields = {field.field: field for field in heritage_coverage().fields}

    facts = fields["fact_sources__facts"]
    assert facts.verbose_name == "Sources of facts: facts taken from it"
    assert facts.with_text == 2  # the records with a note in some language
    assert missing(facts.languages) == {"kk": 1, "ru": 1, "en": 0}
    note = fields["steps__note"]
    assert note.with_text == 1
    assert missing(note.languages) == {"kk": 1, "ru": 0, "en": 0}
    # Component sites and images are edited inline too; an area has no text to translate.
    assert {"components__name", "images__alt_text", "images__caption"} <= set(fields)
    assert not [path for path in fields if path.startswith("map_area")]
    assert missing(heritage_coverage().languages) == {"kk": 2, "ru": 1, "en": 0}


def test_a_rows_link_lists_the_records_with_that_gap(staff_client, items):
    facts = next(field for field in heritage_coverage().fields if field.field.startswith("fact"))
    (kazakh,) = [language for language in facts.languages if language.language == "kk"]
    assert parse_qs(urlsplit(kazakh.url).query) == {
        "missing": ["kk"],
        "missing_field": ["fact_sources__facts"],
    }

    page = staff_client.get(kazakh.url).content.decode()

    names = re.findall(r'class="field-name"><a [^>]*>([^<]+)</a>', page)
    assert names == ["English note"]
    assert "By translation missing (Sources of facts: facts taken from it)" in page


def test_the_missing_filter_without_a_field_counts_the_inlines_too(staff_client, items):
    page = staff_client.get(changelist(), {"missing": "kk"}).content.decode()

    names = sorted(re.findall(r'class="field-name"><a [^>]*>([^<]+)</a>', page))
    assert names == ["English note", "No Kazakh step"]


def test_the_complete_in_column_counts_the_inlines_gaps(staff_client, items):
    page = staff_client.get(changelist()).content.decode()

    rows = dict(
        re.findall(
            r'class="field-name"><a [^>]*>([^<]+)</a>.*?class="field-complete_languages_column">'
            r"(.*?)</td>",
            page,
            re.S,
        )
    )
    codes = {name: re.findall(r">(KK|RU|EN)</abbr>", cell) for name, cell in rows.items()}
    assert codes == {
        "English note": ["EN"],
        "No Kazakh step": ["RU", "EN"],
        "Complete": ["KK", "RU", "EN"],
    }


def test_the_list_reads_the_inlines_gaps_in_its_own_query(staff_client, items, count_queries):
    few = count_queries(changelist())
    for number in range(10):
        item = make_heritage_item(**{**COMPLETE, "name_en": f"More {number}"})
        FactSource.objects.create(
            item=item, url="https://example.org/c", facts_en="x", checked_on=datetime.date.today()
        )
    assert count_queries(changelist()) == few


def test_an_unknown_inline_path_is_refused(staff_client, items):
    response = staff_client.get(changelist(), {"missing": "kk", "missing_field": "steps__date"})

    # The admin's answer to a lookup it does not know: the list without it, flagged.
    assert response.status_code == 302 and "e=1" in response["Location"]


def test_the_coverage_page_names_the_inline_rows_in_russian(staff_client, items):
    page = staff_client.get(reverse("admin:coverage"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    assert '<th scope="row">Источники фактов: какие факты взяты</th>' in html.unescape(page)
