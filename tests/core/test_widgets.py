"""The public filter forms draw their selects and inputs with the project's own, faster
templates; what reaches the browser must be what Django's widget templates give."""

import pytest
from django import forms
from django.test.html import parse_html
from django.utils import translation
from django.utils.safestring import mark_safe

from core import widgets
from heritage.filters import HeritageItemFilter
from publications.filters import PublicationFilter
from tests.factories import make_heritage_item, make_publication, make_region
from timeline.filters import EventFilter

pytestmark = pytest.mark.django_db

CASES = [
    (HeritageItemFilter, {}),
    (HeritageItemFilter, {"kind": "world", "region": "almaty-region", "year_min": "2003"}),
    (HeritageItemFilter, {"kind": "nonsense", "year_min": "soon"}),  # errors shown
    (PublicationFilter, {"kind": "article", "language": "ru", "year": "2021"}),
    (EventFilter, {"era": "kazakhstan"}),
]


def fields_html(filterset_class, data) -> list[str]:
    filterset = filterset_class(data, queryset=filterset_class._meta.model.objects.all())
    filterset.is_valid()
    return [str(field) for field in filterset.form]


@pytest.fixture
def djangos_own_templates(monkeypatch):
    def use():
        monkeypatch.setattr(widgets.Select, "template_name", forms.Select.template_name)
        monkeypatch.setattr(widgets.Select, "get_context", forms.Select.get_context)
        monkeypatch.setattr(widgets.NumberInput, "template_name", forms.NumberInput.template_name)

    return use


@pytest.mark.parametrize(("filterset_class", "data"), CASES)
def test_the_filter_widgets_write_what_djangos_would(filterset_class, data, djangos_own_templates):
    make_heritage_item(regions=[make_region(slug="almaty-region", name_ru="Алматинская область")])
    make_publication()
    with translation.override("ru"):
        ours = fields_html(filterset_class, data)
        djangos_own_templates()
        theirs = fields_html(filterset_class, data)
    assert len(ours) == len(theirs) > 1
    for mine, reference in zip(ours, theirs, strict=True):
        assert parse_html(mine) == parse_html(reference), (mine, reference)
    assert any(" selected" in html for html in ours)


def test_a_chosen_option_stays_chosen_after_applying_the_filters(client):
    make_heritage_item(regions=[make_region(slug="almaty-region")])
    html = client.get("/en/heritage/", {"kind": "world", "region": "almaty-region"}).content
    assert b'<option value="world" selected>' in html
    assert b'<option value="almaty-region" selected>' in html


def test_groups_escaping_and_attributes_match_djangos_select():
    choices = [
        ("", "Any"),
        ("Letters <&>", [("a", 'A "quoted" <b>'), ("b&c", "B & C")]),
        ("Numbers", [(1, "One"), (2, "Two")]),
        (mark_safe("<i>Marked</i>"), [("m", mark_safe("<em>kept</em>"))]),  # noqa: S308
    ]
    attrs = {"class": "pick", "required": True, "disabled": False, "data-x": 'x"y'}
    for value in ("b&c", 2, "m", None):
        ours = widgets.Select(attrs=attrs, choices=choices).render("f", value)
        theirs = forms.Select(attrs=attrs, choices=choices).render("f", value)
        assert parse_html(ours) == parse_html(theirs), (ours, theirs)
        assert "&lt;b&gt;" in ours
        assert '<optgroup label="Letters &lt;&amp;&gt;">' in ours
