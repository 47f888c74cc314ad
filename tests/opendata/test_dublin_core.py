"""Each public record as a Dublin Core document (issue 25), linked from its page: the
elements OAI-PMH gives, valid against oai_dc.xsd, every text in each language with
xml:lang; nothing for a record that is not public."""

import xml.etree.ElementTree as ET

import pytest

from core.models import Status
from tests.factories import make_event, make_heritage_item, make_publication
from tests.opendata.oai.helpers import DC, DC_SCHEMA_LOCATION, OAI_DC, XSI, dc_schema
from tests.stories.factories import make_story

pytestmark = pytest.mark.django_db

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _document(client, page_url: str, lang: str = "ru") -> ET.Element:
    page = client.get(page_url.replace("/en/", f"/{lang}/")).content.decode()
    link = page.split('class="meta record-formats"')[1].split('href="')[1].split('"')[0]
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert 'rel="license"' in response["Link"]
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{OAI_DC}}}dc"
    assert root.get(f"{{{XSI}}}schemaLocation") == DC_SCHEMA_LOCATION
    dc_schema().validate(root, use_location_hints=False)
    return root


def _values(root, element: str) -> list[tuple]:
    return [(e.text, e.get(XML_LANG)) for e in root.iter(f"{{{DC}}}{element}")]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_heritage_record_in_dublin_core_from_its_page_in_any_language(client, lang):
    item = make_heritage_item(name_en="Tamgaly", name_ru="Тамгалы", name_kk="Таңбалы")
    root = _document(client, item.get_absolute_url(), lang)
    assert _values(root, "title") == [("Таңбалы", "kk"), ("Тамгалы", "ru"), ("Tamgaly", "en")]
    pages = [text for text, _lang in _values(root, "identifier")]
    assert f"http://testserver/kk/heritage/{item.slug}/" in pages


def test_events_publications_and_stories_have_theirs(client):
    event = make_event(title_en="Kazakhstan joins UNESCO")
    publication = make_publication(title_en="UNESCO and education")
    story = make_story(title_en="The Silk Roads in Kazakhstan")
    for record, title, kind in (
        (event, "Kazakhstan joins UNESCO", "Event"),
        (publication, "UNESCO and education", "Text"),
        (story, "The Silk Roads in Kazakhstan", "Text"),
    ):
        root = _document(client, record.get_absolute_url(), "en")
        assert (title, "en") in _values(root, "title")
        assert (kind, None) in _values(root, "type")


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW])
def test_a_record_that_is_not_public_has_none(client, status):
    item = make_heritage_item(status=status)
    assert client.get(f"/en/heritage/{item.slug}/dublin-core.xml").status_code == 404
    story = make_story(status=status)
    assert client.get(f"/en/stories/{story.slug}/dublin-core.xml").status_code == 404
