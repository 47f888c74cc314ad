"""Translation coverage: what is left to translate into Kazakh, Russian and English."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial.coverage import (
    MissingLanguageFilter,
    complete_languages_column,
    coverage,
    coverage_view,
    languages_complete,
    missing_q,
    translated_fields,
)
from heritage.models import HeritageItem
from tests.factories import make_event, make_heritage_item

pytestmark = pytest.mark.django_db

EVERY_LANGUAGE = {
    f"{field}_{code}": f"{field} in {code}"
    for field in ("name", "summary")
    for code in ("kk", "ru", "en")
}


def only_russian_name(**fields) -> HeritageItem:
    """Named in Russian only; its summary in English only (the factory's default)."""
    return make_heritage_item(name_en="", name_ru="Только по-русски", **fields)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")


def request_by(user, path: str = "/admin/", **query):
    request = RequestFactory().get(path, query)
    request.user = user
    return request


def field(site_coverage, model_label: str, name: str):
    (model,) = [model for model in site_coverage if model.model_label == model_label]
    (found,) = [field for field in model.fields if field.field == name]
    return found


def missing(field_coverage) -> dict[str, int]:
    return {language.language: language.missing for language in field_coverage.languages}


def test_the_figures_count_each_field_missing_in_each_language():
    only_russian_name()
    only_russian_name(name_kk="   ")  # only whitespace: missing too
    make_heritage_item(**EVERY_LANGUAGE)

    site_coverage = coverage(admin_site=admin.site)

    name = field(site_coverage, "heritage.HeritageItem", "name")
    assert missing(name) == {"kk": 2, "ru": 0, "en": 2}
    assert name.with_text == 3
    assert name.verbose_name == "name" and name.model_verbose_name_plural == "heritage items"
    summary = field(site_coverage, "heritage.HeritageItem", "summary")
    assert missing(summary) == {"kk": 2, "ru": 2, "en": 0}
    body = field(site_coverage, "heritage.HeritageItem", "body")  # empty in every language
    assert missing(body) == {"kk": 0, "ru": 0, "en": 0} and body.with_text == 0
    (items,) = [model for model in site_coverage if model.model_label == "heritage.HeritageItem"]
    assert items.records == 3
    assert {language.language: language.missing for language in items.languages} == {
        "kk": 2,
        "ru": 2,
        "en": 2,
    }


def test_the_links_lead_to_the_list_of_records_missing_the_field():
    only_russian_name()

    name = field(coverage(admin_site=admin.site), "heritage.HeritageItem", "name")

    (kazakh,) = [language for language in name.languages if language.language == "kk"]
    url = urlsplit(kazakh.url)
    assert url.path == reverse("admin:heritage_heritageitem_changelist")
    assert parse_qs(url.query) == {"missing": ["kk"], "missing_field": ["name"]}


def test_only_models_the_admin_edits_are_covered_in_the_app_lists_order():
    labels = [model.model_label for model in coverage(admin_site=admin.site)]

    assert "heritage.HeritageItem" in labels and "timeline.Event" in labels
    # Translated, but edited only inline or not at all; and no revision models.
    assert "heritage.HeritageImage" not in labels and "heritage.DesignationStep" not in labels
    assert not [label for label in labels if "Historical" in label]
    assert labels.index("heritage.HeritageItem") < labels.index("publications.Publication")
    assert labels.index("publications.Publication") < labels.index("timeline.Event")


def test_missing_q_selects_exactly_the_records_missing_a_language():
    russian_name = only_russian_name()
    complete = make_heritage_item(**EVERY_LANGUAGE)
    no_kazakh_summary = make_heritage_item(**{**EVERY_LANGUAGE, "summary_kk": ""})
    nothing = make_heritage_item(name_en="", summary_en="")  # empty: no gap

    def selected(language: str, **kwargs) -> set[int]:
        records = HeritageItem.objects.filter(missing_q(HeritageItem, language, **kwargs))
        return set(records.values_list("pk", flat=True))

    assert selected("kk") == {russian_name.pk, no_kazakh_summary.pk}
    assert selected("kk", field="name") == {russian_name.pk}
    assert selected("ru") == {russian_name.pk}  # its summary, in English only
    assert selected("en") == {russian_name.pk}
    assert complete.pk not in selected("kk") | selected("ru") | selected("en")
    assert nothing.pk not in selected("kk") | selected("ru") | selected("en")


def test_languages_complete_reads_the_record_without_a_query():
    russian_name = only_russian_name()
    complete = make_heritage_item(**EVERY_LANGUAGE)
    no_kazakh_summary = make_heritage_item(**{**EVERY_LANGUAGE, "summary_kk": " \n"})
    records = {record.pk: record for record in HeritageItem.objects.all()}

    with CaptureQueriesContext(connection) as queries:
        assert languages_complete(records[russian_name.pk]) == []
        assert languages_complete(records[complete.pk]) == ["kk", "ru", "en"]
        assert languages_complete(records[no_kazakh_summary.pk]) == ["ru", "en"]
        column = complete_languages_column(records[no_kazakh_summary.pk])
    assert not queries.captured_queries
    assert column == '<abbr title="Russian">RU</abbr> <abbr title="English">EN</abbr>'
    assert complete_languages_column(records[russian_name.pk]) == "—"


def admin_with_the_filter() -> admin.ModelAdmin:
    """The heritage items' admin as the site has it, with the filter added to its list
    (as the integrator adds it)."""
    registered = type(admin.site._registry[HeritageItem])

    class WithTheFilter(registered):
        def get_list_filter(self, request):
            return [*super().get_list_filter(request), MissingLanguageFilter]

    return WithTheFilter(HeritageItem, admin.site)


def changelist_request(user, **query):
    return request_by(user, reverse("admin:heritage_heritageitem_changelist"), **query)


def filtered(user, **query) -> list[str]:
    """The names in the heritage items' admin list, as the filter narrows it."""
    request = changelist_request(user, **query)
    records = admin_with_the_filter().get_changelist_instance(request).queryset
    return sorted(record.name_en or record.name_ru for record in records)


def test_the_list_filter_narrows_the_admin_list(superuser):
    only_russian_name()
    make_heritage_item(**{**EVERY_LANGUAGE, "name_en": "Complete"})
    make_heritage_item(**{**EVERY_LANGUAGE, "name_en": "No Kazakh summary", "summary_kk": ""})

    assert filtered(superuser, missing="kk") == ["No Kazakh summary", "Только по-русски"]
    assert filtered(superuser, missing="kk", missing_field="name") == ["Только по-русски"]
    assert filtered(superuser, missing="ru") == ["Только по-русски"]
    assert filtered(superuser, missing="en", missing_field="summary") == []
    assert filtered(superuser) == ["Complete", "No Kazakh summary", "Только по-русски"]


def test_the_filter_alone_narrows_the_registered_admins_records(superuser):
    only_russian_name()
    make_heritage_item(**{**EVERY_LANGUAGE, "name_en": "Complete"})
    model_admin = admin.site._registry[HeritageItem]
    request = changelist_request(superuser, missing="en")
    params = {key: request.GET.getlist(key) for key in request.GET}

    missing_filter = MissingLanguageFilter(request, params, HeritageItem, model_admin)
    records = missing_filter.queryset(request, model_admin.get_queryset(request))

    assert [record.name_ru for record in records] == ["Только по-русски"]
    assert params == {}  # the filter takes its parameters: the list looks up no field


def test_a_field_that_is_not_translated_is_refused(superuser):
    request = changelist_request(superuser, missing="kk", missing_field="slug")

    with pytest.raises(IncorrectLookupParameters):
        admin_with_the_filter().get_changelist_instance(request)


def test_the_sidebar_offers_the_three_languages_and_all_forgets_the_field(superuser):
    only_russian_name()
    request = changelist_request(superuser, missing="kk", missing_field="name", _facets="1")

    page = admin_with_the_filter().changelist_view(request).render().content.decode()

    sidebar = re.search(r"By translation missing \(name\)(.*?)</details>", page, re.S)
    assert sidebar, "no filter in the sidebar"
    choices = re.findall(
        r'<li( class="selected")?>\s*<a href="([^"]+)"[^>]*>(.*?)</a>', sidebar.group(1)
    )
    assert [(bool(selected), html.unescape(name)) for selected, _link, name in choices] == [
        (False, "All"),
        (True, "Kazakh (1)"),
        (False, "Russian (0)"),
        (False, "English (1)"),
    ]
    every = parse_qs(urlsplit(html.unescape(choices[0][1])).query)
    assert "missing" not in every and "missing_field" not in every
    russian = parse_qs(urlsplit(html.unescape(choices[2][1])).query)
    assert russian["missing"] == ["ru"] and russian["missing_field"] == ["name"]


def test_coverage_makes_as_many_queries_for_many_records_as_for_one(superuser):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            coverage(admin_site=admin.site, request=request_by(superuser))
        return len(context.captured_queries)

    only_russian_name()
    make_event(title_kk="Оқиға")
    few = queries()
    for _ in range(19):
        only_russian_name()
        make_event(title_kk="Оқиға")
    assert queries() == few
    assert few <= len(translated_models()) + 2  # one per model (and the user's permissions)


def translated_models() -> list:
    return [model for model in admin.site._registry if translated_fields(model)]


def cells(page: str, model_id: str, row: str) -> list[str]:
    table = re.search(rf'<div class="module" id="coverage-{model_id}">(.*?)</table>', page, re.S)
    assert table, f"no table for {model_id}"
    found = re.search(rf'<th scope="row"[^>]*>{row}</th>(.*?)</tr>', table.group(1), re.S)
    assert found, f"no row {row} in {model_id}"
    return [
        html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)
    ]


def test_the_page_shows_the_counts_with_links_to_the_records(superuser):
    only_russian_name()
    only_russian_name()
    make_heritage_item(**EVERY_LANGUAGE)

    response = coverage_view(request_by(superuser), admin_site=admin.site)
    page = response.render().content.decode()

    assert response.status_code == 200
    assert "<title>Translation coverage" in page
    assert cells(page, "heritage-heritageitem", "Name") == [
        "3",
        "2 missing",
        "complete",
        "2 missing",
    ]
    assert cells(page, "heritage-heritageitem", "Description") == [
        "0",
        "complete",
        "complete",
        "complete",
    ]
    assert cells(page, "heritage-heritageitem", "Records missing any field") == [
        "2 records",
        "2 records",
        "2 records",
    ]
    changelist = reverse("admin:heritage_heritageitem_changelist")
    assert f'href="{changelist}?missing=kk&amp;missing_field=name"' in page
    assert f'href="{changelist}?missing=ru"' in page
    assert '<th scope="col">Kazakh</th>' in page


def test_the_page_shows_only_the_models_the_user_may_view(django_user_model):
    from django.contrib.auth.models import Permission

    only_russian_name()
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_heritageitem"))

    page = coverage_view(request_by(user), admin_site=admin.site).render().content.decode()

    assert 'id="coverage-heritage-heritageitem"' in page
    assert 'id="coverage-timeline-event"' not in page


def test_the_page_is_for_staff_only(django_user_model):
    from django.core.exceptions import PermissionDenied

    user = django_user_model.objects.create_user("visitor", password="pw")

    with pytest.raises(PermissionDenied):
        coverage_view(request_by(user), admin_site=admin.site)
