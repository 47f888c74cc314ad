"""Kazakh and Russian readers meet no silent English: a crawl of every public page the
sitemaps list, in kk and in ru, finds Latin-script words only where they are marked with
their language (a quotation, a work's own title, a source's own title) or are names and
codes every language writes the same way."""

import re
from html.parser import HTMLParser

import pytest

# Names and codes, not English: the site's and tools' names, file formats, criteria.
NAMES = {
    "kzunesco",
    "OpenStreetMap",
    "Natural Earth",
    "BibTeX",
    "CSL-JSON",
    "Scopus",
    "Atom",
    "TimelineJS",
    "GeoJSON",  # a file format, like CSV
    "Dublin Core",  # a metadata standard
    "PhD",
    "The Astana Times",  # newspapers' own names
    "Forbes Kazakhstan",
}
# Acronyms (UNESCO, CC BY), Roman numerals (criteria), codes and numbers (10.COM 10.b.20).
CODE = re.compile(r"^(?:[A-Z]+|[a-zA-Z]|[ivxIVX]+|\d[\w.]*)$")
LATIN_RUN = re.compile(
    r"(?<![\w.])[A-Za-zÀ-ÿĀ-ɏ][\wÀ-ÿĀ-ɏ'’.-]*(?:[ ,:–-]+[A-Za-zÀ-ÿĀ-ɏ0-9][\wÀ-ÿĀ-ɏ'’.-]*)*",
    re.ASCII,
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class UnmarkedLatin(HTMLParser):
    """Runs of Latin-script words in text whose nearest ``lang`` is the page's own."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, str, bool]] = []  # tag, language, hidden (script, style)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        parent_lang, parent_hidden = (self.open[-1][1:]) if self.open else ("", False)
        lang = dict(attrs).get("lang") or parent_lang
        # Not language: scripts, styles, the title (checked on the page), code and addresses.
        self.open.append((tag, lang, parent_hidden or tag in ("script", "style", "title", "code")))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not self.open:
            return
        _tag, lang, hidden = self.open[-1]
        if hidden or lang not in ("kk", "ru"):
            return
        for run in LATIN_RUN.findall(data):
            words = run.strip(" ,:–-")
            for part in words.split(", "):  # "The Astana Times, 2023"
                if part in NAMES or all(CODE.match(w) for w in re.split(r"[ ,:.–-]+", part) if w):
                    continue
                self.found.append(words)
                break


def public_pages(client) -> list[str]:
    index = client.get("/sitemap.xml").content.decode()
    pages = set()
    for sitemap in re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index):
        listed = client.get(sitemap).content.decode()
        pages.update(re.findall(r"<loc>http://testserver/en(/[^<]*)</loc>", listed))
    return sorted(pages)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_public_page_is_free_of_unmarked_english(client, source_data, language):
    pages = public_pages(client)
    assert len(pages) > 100  # the lists, every record's page, the timeline…
    unmarked = {}
    for page in pages:
        response = client.get(f"/{language}{page}")
        assert response.status_code == 200, page
        parser = UnmarkedLatin()
        parser.feed(response.content.decode())
        if parser.found:
            unmarked[page] = parser.found
    assert unmarked == {}


def test_the_crawl_notices_english_that_is_not_marked():
    parser = UnmarkedLatin()
    parser.feed(
        '<html lang="kk"><body><p>Дереккөзі: Tamgaly (Wikipedia copy) <span lang="en">'
        "Marked words</span> UNESCO 10.COM (iii) kzunesco</p></body></html>"
    )
    assert parser.found == ["Tamgaly", "Wikipedia copy"]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_search_results_mark_the_language_of_what_they_quote(client, source_data, language):
    """A snippet shown from another language (the dissertation's English abstract) and a
    French title inside a Kazakh one say so."""
    response = client.get(f"/{language}/search/", {"q": "ЮНЕСКО"})
    html = response.content.decode()
    assert html.count("<mark>") > 10
    parser = UnmarkedLatin()
    parser.feed(html)
    assert parser.found == []
