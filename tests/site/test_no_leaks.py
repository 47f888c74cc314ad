"""Unpublished records linked from published ones: every public output leaves them out."""

import io
import zipfile

import pytest

from kzunesco_site.models import Status
from tests.factories import make_component, make_event, make_heritage_item, make_publication
from timeline.models import Anniversary, Figure, Person

pytestmark = pytest.mark.django_db

MARK = "secret"  # in every unpublished record's slug and names, and nowhere else
SHOWN = "tulpar"  # in the names of the published ones


def unpublished_links():
    """A published record of each kind, each linked to unpublished ones wherever it can be."""
    draft_paper = make_publication(
        slug="secret-paper", title_en="Secret paper", status=Status.DRAFT
    )
    draft_site = make_heritage_item(slug="secret-site", name_en="Secret site", status=Status.REVIEW)
    draft_person = Person.objects.create(
        slug="secret-person", name_en="Secret person", status=Status.DRAFT
    )
    paper = make_publication(slug="paper", title_en="Tulpar paper", source_document=draft_paper)
    site = make_heritage_item(slug="site", name_en="Tulpar site", source_document=draft_paper)
    make_component(site, slug="component", name_en="Tulpar component", source_document=draft_paper)
    person = Person.objects.create(
        slug="person",
        name_en="Tulpar person",
        source_document=draft_paper,
        status=Status.PUBLISHED,
    )
    event = make_event(
        slug="event",
        title_en="Tulpar event",
        heritage_items=[site, draft_site],
        publications=[paper, draft_paper],
        source_document=draft_paper,
    )
    event.people.set([person, draft_person])
    make_event(
        slug="secret-event", title_en="Secret event", heritage_items=[site], status=Status.DRAFT
    )
    Anniversary.objects.create(
        slug="secret-anniversary", subject_en="Secret anniversary", ordinal=100, status=Status.DRAFT
    )
    Figure.objects.create(
        slug="secret-figure", label_en="Secret figure", value=7, group="more", status=Status.DRAFT
    )
    return {"site": site, "event": event, "paper": paper, "person": person}


def public_urls(records) -> list[str]:
    urls = [
        "/en/",
        *(f"/en/search/?q={word}" for word in ("paper", "site", "person", "event", "anniversary")),
        "/en/heritage/",
        "/en/heritage/map/",
        "/en/timeline/",
        "/en/timeline/timelinejs.json",
        "/en/timeline/people/",
        "/en/timeline/kazakhstan-and-unesco/",
        "/en/publications/",
        "/sitemap.xml",
        "/api/v1/",
        *(
            f"/sitemap-{section}.xml"
            for section in ("pages", "heritage", "events", "people", "publications")
        ),
        *(record.get_absolute_url() for record in records.values()),
        *(f"/en/publications/paper/cite.{fmt}" for fmt in ("bib", "ris")),
    ]
    for app, api in (
        ("heritage", "heritage"),
        ("timeline", "events"),
        ("publications", "publications"),
    ):
        urls += [f"/en/{app}/feed/rss/", f"/en/{app}/feed/atom/", f"/api/v1/{api}/"]
        urls += [f"/en/{app}/download.{fmt}" for fmt in ("csv", "json", "xlsx")]
    urls += ["/api/v1/heritage/site/", "/api/v1/events/event/", "/api/v1/publications/paper/"]
    return urls


def text_of(response) -> str:
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(response.content)) as workbook:
            return " ".join(workbook.read(name).decode() for name in workbook.namelist())
    return response.content.decode("utf-8-sig")


def test_no_public_output_names_an_unpublished_record(client):
    records = unpublished_links()
    for url in public_urls(records):
        response = client.get(url)
        assert response.status_code == 200, url
        text = text_of(response).lower()
        assert MARK not in text, f"{url} names an unpublished record"
        if not url.endswith((".xml", "/api/v1/", "=anniversary")):
            assert SHOWN in text, f"{url} shows none of the published records"


@pytest.mark.parametrize(
    "url",
    [
        "/en/heritage/secret-site/",
        "/en/timeline/events/secret-event/",
        "/en/timeline/people/secret-person/",
        "/en/publications/secret-paper/",
        "/en/publications/secret-paper/cite.bib",
        "/api/v1/heritage/secret-site/",
        "/api/v1/publications/secret-paper/",
    ],
)
def test_unpublished_records_have_no_public_address(client, url):
    unpublished_links()
    assert client.get(url).status_code == 404
