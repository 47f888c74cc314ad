"""Records the public may not see — drafts, records in review, and published records
scheduled for later — linked from published ones: every public output, in every
language, leaves them out (lists, detail pages and their related blocks, search, feeds,
sitemaps, the API, downloads, citations, counts), and they have no public address."""

import datetime
import io
import json
import re
import zipfile

import pytest
from django.utils import timezone

from core.models import Status
from tests.conftest import LANGUAGES
from tests.factories import (
    make_author,
    make_component,
    make_event,
    make_heritage_item,
    make_image,
    make_publication,
    make_region,
    make_theme,
)
from timeline.models import Anniversary, Figure, Person

pytestmark = pytest.mark.django_db

MARK = "secret"  # in every hidden record's slug and names, and nowhere else
SHOWN = "tulpar"  # in the names of the published ones

HIDDEN = {
    "draft": {"status": Status.DRAFT},
    "review": {"status": Status.REVIEW},
    "scheduled": {
        "status": Status.PUBLISHED,
        "publish_at": timezone.now() + datetime.timedelta(days=2),
    },
}
STATES = list(HIDDEN)


def named(field: str, text: str) -> dict[str, str]:
    """``text`` in every language, so that each language's pages show it."""
    return {f"{field}_{code}": f"{text} ({code})" for code in LANGUAGES}


def hidden_links(state: str):
    """A published record of each kind, linked to hidden ones wherever it can be, and
    hidden ones that would be counted with the published (same kind, same year of
    inscription, same decade). Returns the hidden site's image."""
    hidden = HIDDEN[state]
    region = make_region(slug="region", **named("name", "Tulpar region"))
    theme = make_theme(slug="kazakhstan-unesco", **named("name", "Tulpar theme"))
    secret_paper = make_publication(
        slug="secret-paper",
        **named("title", "Secret paper"),
        authors=[make_author(slug="secret-author", **named("name", "Secret author"))],
        **hidden,
    )
    paper = make_publication(
        slug="paper",
        **named("title", "Tulpar paper"),
        authors=[make_author(slug="author", **named("name", "Tulpar author"))],
        source_document=secret_paper,
    )
    site = make_heritage_item(
        slug="site",
        **named("name", "Tulpar site"),
        year_inscribed=2003,
        featured=True,
        regions=[region],
        source_document=secret_paper,
    )
    make_component(site, slug="component", **named("name", "Tulpar component"))
    secret_site = make_heritage_item(
        slug="secret-site",
        **named("name", "Secret site"),
        year_inscribed=2003,
        featured=True,
        regions=[region],
        source_document=paper,
        **hidden,
    )
    make_component(secret_site, slug="secret-component", **named("name", "Secret component"))
    image = make_image(secret_site, width=40, height=30)
    person = Person.objects.create(
        slug="person",
        **named("name", "Tulpar person"),
        source_document=secret_paper,
        status=Status.PUBLISHED,
    )
    secret_person = Person.objects.create(
        slug="secret-person", **named("name", "Secret person"), **hidden
    )
    for slug, text, extra in (
        ("event", "Tulpar event", {}),
        ("milestone", "Tulpar milestone event", {"heritage_items": []}),
        ("secret-event", "Secret event", hidden),
        ("secret-milestone", "Secret milestone event", {"heritage_items": [], **hidden}),
    ):
        linked = {
            "heritage_items": [site, secret_site],
            "publications": [paper, secret_paper],
        }
        event = make_event(
            slug=slug,
            **named("title", text),
            themes=[theme],
            start_date=datetime.date(1995, 8, 9),
            source_document=secret_paper,
            **(linked | extra),
        )
        event.people.set([person, secret_person])
    for prefix, text, state_fields in (
        ("", "Tulpar", {"status": Status.PUBLISHED}),
        ("secret-", "Secret", hidden),
    ):
        Anniversary.objects.create(
            slug=f"{prefix}anniversary",
            **named("subject", f"{text} anniversary"),
            ordinal=100,
            year_celebrated=2020,
            **state_fields,
        )
        for group in ("membership", "chairs", "kazakhstan"):
            Figure.objects.create(
                slug=f"{prefix}figure-{group}",
                **named("label", f"{text} {group} figure"),
                value=7,
                group=group,
                **state_fields,
            )
    return image


SEARCHED = {"site": "heritage", "event": "events", "paper": "publications", "person": "people"}


def language_urls(lang: str) -> list[str]:
    """The public pages of one language, and the files of its lists."""
    urls = [
        f"/{lang}/",
        *(f"/{lang}/search/?q={word}" for word in (*SEARCHED, "anniversary", "figure")),
        f"/{lang}/heritage/",
        f"/{lang}/heritage/?region=region",
        f"/{lang}/heritage/map/",
        f"/{lang}/timeline/",
        f"/{lang}/timeline/?track=all",
        f"/{lang}/timeline/?track=history",
        f"/{lang}/timeline/?theme=kazakhstan-unesco",
        f"/{lang}/timeline/timelinejs.json",
        f"/{lang}/timeline/people/",
        f"/{lang}/timeline/kazakhstan-and-unesco/",
        f"/{lang}/publications/",
        f"/{lang}/heritage/site/",
        f"/{lang}/timeline/events/event/",
        f"/{lang}/timeline/events/milestone/",
        f"/{lang}/timeline/people/person/",
        f"/{lang}/publications/paper/",
        *(f"/{lang}/publications/paper/cite.{fmt}" for fmt in ("bib", "ris", "json")),
    ]
    for app in ("heritage", "timeline", "publications"):
        urls += [f"/{lang}/{app}/feed/rss/", f"/{lang}/{app}/feed/atom/"]
        urls += [f"/{lang}/{app}/download.{fmt}" for fmt in ("csv", "json", "xlsx")]
    return urls


# Sitemaps list every language's addresses; the API speaks no language.
NEUTRAL_URLS = [
    "/sitemap.xml",
    *(f"/sitemap-{s}.xml" for s in ("pages", "heritage", "events", "people", "publications")),
    "/api/v1/",
    "/api/v1/heritage/",
    "/api/v1/events/",
    "/api/v1/publications/",
    "/api/v1/heritage/site/",
    "/api/v1/events/event/",
    "/api/v1/publications/paper/",
]


def text_of(response) -> str:
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(response.getvalue())) as workbook:
            return " ".join(workbook.read(name).decode() for name in workbook.namelist())
    return response.getvalue().decode("utf-8-sig")


def assert_no_hidden_record(client, urls: list[str]) -> None:
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        text = text_of(response).lower()
        assert MARK not in text, f"{url} names a hidden record"
        if not url.endswith((".xml", "/api/v1/", "=anniversary", "=figure")):
            assert SHOWN in text, f"{url} shows none of the published records"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("state", STATES)
def test_no_page_in_any_language_names_a_hidden_record(client, state, lang):
    hidden_links(state)
    assert_no_hidden_record(client, language_urls(lang))


@pytest.mark.parametrize("state", STATES)
def test_no_sitemap_or_api_names_a_hidden_record(client, state):
    hidden_links(state)
    assert_no_hidden_record(client, NEUTRAL_URLS)
    sitemap = client.get("/sitemap-heritage.xml").content.decode()
    # The published site's address in each language, each with the others as alternates.
    assert sitemap.count("<url>") == len(LANGUAGES)
    for api, published in (("heritage", 1), ("events", 2), ("publications", 1)):
        assert client.get(f"/api/v1/{api}/").json()["count"] == published, api


def number_in(pattern: str, html: str) -> int:
    found = re.search(pattern, html, re.S)
    assert found, pattern
    return int(found.group(1))


def chart_rows(html: str, chart: str) -> dict[str, str]:
    """A chart's table on the facts-and-figures page: the value of each row, by row id."""
    section = re.search(rf'<section aria-labelledby="{chart}-title">(.*?)</section>', html, re.S)
    assert section, chart
    row = r'<tr id="([^"]+)"><th scope="row">[^<]*</th><td>([^<]*)</td></tr>'
    return dict(re.findall(row, section.group(1)))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("state", STATES)
def test_counts_in_any_language_leave_out_hidden_records(client, state, lang):
    hidden_links(state)
    home = client.get(f"/{lang}/").content.decode()
    block = re.search(r'<ul class="counts">(.*?)</ul>', home, re.S).group(1)
    counts = dict(re.findall(r'<a href="([^"]+)">.*?<strong>(\d+)</strong>', block, re.S))
    assert counts == {
        f"/{lang}/heritage/?kind=world": "1",
        f"/{lang}/heritage/?kind=intangible": "0",
        f"/{lang}/heritage/?kind=memory": "0",
        f"/{lang}/timeline/?track=all": "2",
        f"/{lang}/publications/": "1",
    }
    for url, published in (("heritage/", 1), ("timeline/?track=all", 2), ("publications/", 1)):
        html = client.get(f"/{lang}/{url}").content.decode()
        assert number_in(r'<h2 class="result-count" id="results">(\d+)\D', html) == published
    for word, group in SEARCHED.items():
        html = client.get(f"/{lang}/search/", {"q": word}).content.decode()
        found = rf'<h2 id="group-{group}">[^<]*<span class="meta">\((\d+)\)</span>'
        assert number_in(found, html) == (2 if word == "event" else 1), word
        assert number_in(r'<p class="result-count" role="status">\D*(\d+)\D', html) == (
            2 if word == "event" else 1
        ), word
    facts = client.get(f"/{lang}/timeline/kazakhstan-and-unesco/").content.decode()
    assert chart_rows(facts, "inscriptions") == {"inscriptions-2003": "1"}
    assert chart_rows(facts, "decades") == {"decade-1990": "2"}
    assert chart_rows(facts, "chairs") == {"figure-chairs": "7"}
    downloads = json.loads(client.get(f"/{lang}/heritage/download.json").getvalue())
    assert [row["slug"] for row in downloads] == ["site"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("state", STATES)
def test_hidden_records_have_no_public_address(client, state, lang):
    image = hidden_links(state)
    urls = [
        f"/{lang}/heritage/secret-site/",
        f"/{lang}/timeline/events/secret-event/",
        f"/{lang}/timeline/people/secret-person/",
        f"/{lang}/publications/secret-paper/",
        *(f"/{lang}/publications/secret-paper/cite.{fmt}" for fmt in ("bib", "ris", "json")),
        "/api/v1/heritage/secret-site/",
        "/api/v1/events/secret-event/",
        "/api/v1/publications/secret-paper/",
        image.image.url,
    ]
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)
