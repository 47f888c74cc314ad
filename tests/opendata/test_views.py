import csv
import io

import openpyxl
import pytest
from django.core.management import call_command

from archive.exporting import export_dataset
from core.models import Status
from tests.factories import make_component, make_event, make_heritage_item, make_publication

pytestmark = pytest.mark.django_db


def test_api_lists_published_records_with_filters_pagination_and_licence(client):
    for index in range(3):
        make_heritage_item(
            slug=f"world-{index}", name_en=f"World {index}", kind="world", year_inscribed=2001
        )
    make_heritage_item(slug="intangible", kind="intangible", category="")
    make_heritage_item(slug="draft", kind="world", status=Status.DRAFT)
    first = client.get("/api/v1/heritage/", {"kind": "world", "page_size": 2}).json()
    assert first["licence"] == "CC BY 4.0"
    assert first["count"] == 3
    assert [r["slug"] for r in first["results"]] == ["world-0", "world-1"]
    assert first["next"] == "http://testserver/api/v1/heritage/?kind=world&page_size=2&page=2"
    second = client.get(first["next"]).json()
    assert [r["slug"] for r in second["results"]] == ["world-2"]
    assert second["next"] is None
    assert client.get("/api/v1/heritage/", {"page": 9}).status_code == 404
    assert client.get("/api/v1/heritage/", {"page": "x"}).status_code == 404


def test_api_detail_hides_drafts(client):
    make_event(slug="public", title_en="Public")
    make_event(slug="secret", status=Status.DRAFT)
    record = client.get("/api/v1/events/public/").json()
    assert record["record"]["title_en"] == "Public"
    assert record["url"] == "http://testserver/en/timeline/events/public/"
    assert client.get("/api/v1/events/secret/").status_code == 404


def test_api_index(client, db):
    index = client.get("/api/v1/").json()
    assert set(index["lists"]) == {"heritage", "events", "publications"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_list_downloads_follow_the_filters_and_skip_drafts(client, fmt):
    make_publication(slug="thesis", kind="dissertation")
    make_publication(slug="paper", kind="article")
    make_publication(slug="draft-thesis", kind="dissertation", status=Status.DRAFT)
    response = client.get(f"/ru/publications/download.{fmt}", {"kind": "dissertation"})
    assert response["Content-Disposition"] == f'attachment; filename="publication.{fmt}"'
    assert 'rel="license"' in response["Link"]
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
        text = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    else:
        text = response.getvalue().decode("utf-8-sig")
    assert "thesis" in text and "paper" not in text and "draft-thesis" not in text


def test_open_data_does_not_name_unpublished_related_records(client):
    public_paper = make_publication(slug="public-paper")
    draft_paper = make_publication(slug="draft-paper", status=Status.DRAFT)
    draft_item = make_heritage_item(slug="draft-nomination", status=Status.DRAFT)
    public_item = make_heritage_item(slug="public-site", source_document=draft_paper)
    make_event(
        slug="event",
        heritage_items=[public_item, draft_item],
        publications=[public_paper, draft_paper],
        source_document=draft_paper,
    )
    for url in (
        "/en/timeline/download.csv",
        "/en/heritage/download.json",
        "/api/v1/events/",
        "/api/v1/events/event/",
        "/api/v1/heritage/public-site/",
    ):
        text = client.get(url).getvalue().decode("utf-8-sig")
        assert "draft-" not in text, url
    record = client.get("/api/v1/events/event/").json()["record"]
    assert record["heritage_items"] == "public-site"
    assert record["publications"] == "public-paper"
    assert record["source_document"] == ""


def test_archive_exports_keep_relations_to_drafts(db):
    draft_item = make_heritage_item(slug="draft-nomination", status=Status.DRAFT)
    make_event(
        slug="event",
        heritage_items=[draft_item],
        source_document=make_publication(slug="draft-paper", status=Status.DRAFT),
    )
    row = export_dataset(label="timeline.Event").dict[0]
    assert row["heritage_items"] == "draft-nomination"
    assert row["source_document"] == "draft-paper"


def test_published_only_export_leaves_out_what_belongs_to_unpublished_records(tmp_path):
    draft_paper = make_publication(slug="draft-paper", status=Status.DRAFT)
    make_component(make_heritage_item(slug="public-site"), slug="public-component")
    make_component(
        make_heritage_item(slug="draft-site", status=Status.DRAFT),
        slug="draft-component",
        source_document=draft_paper,
    )
    make_component(
        make_heritage_item(slug="site-citing-a-draft", source_document=draft_paper),
        slug="component-citing-a-draft",
        source_document=draft_paper,
    )
    out = tmp_path / "components.csv"
    call_command(
        "export_data", "heritage.ComponentSite", str(out), "--published-only", stdout=io.StringIO()
    )
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))}
    assert set(rows) == {"public-component", "component-citing-a-draft"}
    assert rows["component-citing-a-draft"]["source_document"] == ""
    call_command("export_data", "heritage.ComponentSite", str(out), stdout=io.StringIO())
    assert "draft-component" in out.read_text("utf-8-sig")


def test_list_pages_link_their_downloads(client, db):
    html = client.get("/en/heritage/", {"kind": "world"}).content.decode()
    assert 'href="/en/heritage/download.csv?kind=world"' in html
    assert "open data, CC BY 4.0" in html
