"""A publication's volume, issue, pages, DOI and ISBN: kept, checked, shown on its page in
the reader's language, and given in every citation and record other software reads."""

import json
import re

import pytest
from django.core.exceptions import ValidationError

from publications import citations
from publications.models import Publication
from tests.factories import make_author, make_publication

pytestmark = pytest.mark.django_db
DASH = "\u2013"


@pytest.fixture
def article() -> Publication:
    author = make_author(name="Bulat Sultanov", family_name="Sultanov", given_names="Bulat")
    made = make_publication(
        slug="chairs",
        kind="article",
        title_en="UNESCO Chairs in Central Asia",
        venue="Bulletin of KazNU",
        year=2019,
        volume="12",
        issue="3",
        pages="45–67",
        doi="10.26577/jh.2019.v12.i3.05",
        authors=[author],
    )
    return Publication.objects.for_detail().get(pk=made.pk)


@pytest.mark.parametrize(
    ("language", "numbering"),
    [
        ("kk", "12-том, № 3, 45–67 б."),
        ("ru", "т. 12, № 3, с. 45–67"),
        ("en", "vol. 12, no. 3, pp. 45–67"),
    ],
)
def test_the_page_shows_the_numbering_in_the_readers_language(client, article, language, numbering):
    html = client.get(f"/{language}/publications/chairs/").content.decode()
    shown = re.sub(
        r"<[^>]+>", "", re.search(r"<dd>(.*?)</dd>", html[html.index("DOI") - 400 :], re.S).group(1)
    )
    assert " ".join(shown.split()) == numbering
    assert '<a href="https://doi.org/10.26577/jh.2019.v12.i3.05" rel="noopener">' in html
    # Google Scholar's tags.
    for name, value in [
        ("citation_volume", "12"),
        ("citation_issue", "3"),
        ("citation_firstpage", "45"),
        ("citation_lastpage", "67"),
        ("citation_doi", "10.26577/jh.2019.v12.i3.05"),
    ]:
        assert f'<meta name="{name}" content="{value}">' in html


def test_json_ld_names_the_doi_and_the_pages(client, article):
    html = client.get("/en/publications/chairs/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    assert data["sameAs"] == "https://doi.org/10.26577/jh.2019.v12.i3.05"
    assert data["identifier"]["value"] == "10.26577/jh.2019.v12.i3.05"
    assert data["pagination"] == "45–67"


def test_every_citation_carries_them(article):
    assert citations.gost(article).endswith(
        f"// Bulletin of KazNU. {DASH} 2019. {DASH} Vol. 12, No. 3, P. 45–67. "
        f"{DASH} DOI: 10.26577/jh.2019.v12.i3.05."
    )
    assert citations.apa(article) == (
        "Sultanov, B. (2019). UNESCO Chairs in Central Asia. Bulletin of KazNU, 12(3), 45–67."
        " https://doi.org/10.26577/jh.2019.v12.i3.05"
    )
    bib = citations.bibtex(article)
    for line in (
        "volume = {12}",
        "number = {3}",
        "pages = {45--67}",
        "doi = {10.26577/jh.2019.v12.i3.05}",
    ):
        assert f"  {line}" in bib
    ris = citations.ris(article).split("\r\n")
    for line in ("VL  - 12", "IS  - 3", "SP  - 45", "EP  - 67", "DO  - 10.26577/jh.2019.v12.i3.05"):
        assert line in ris
    (csl,) = json.loads(citations.csl_json(article))
    assert (csl["volume"], csl["issue"], csl["page"], csl["DOI"]) == (
        "12",
        "3",
        "45-67",
        "10.26577/jh.2019.v12.i3.05",
    )


def test_a_book_gives_its_isbn():
    book = make_publication(kind="book", isbn="9786010412345", pages="")
    assert "SN  - 9786010412345" in citations.ris(book)
    assert "  isbn = {9786010412345}" in citations.bibtex(book)
    assert json.loads(citations.csl_json(book))[0]["ISBN"] == "9786010412345"
    assert "SP  - " not in citations.ris(book)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("doi", "https://doi.org/10.1000/182", "Write the DOI as it begins, with 10."),
        ("isbn", "978-601-04-1234-5", "Write the ISBN-13 as its 13 digits, no hyphens."),
        ("isbn", "601041234X", "Write the ISBN-13 as its 13 digits, no hyphens."),
    ],
)
def test_a_doi_or_isbn_written_another_way_is_refused_in_words(field, value, message):
    publication = make_publication()
    setattr(publication, field, value)
    with pytest.raises(ValidationError) as refused:
        publication.full_clean()
    assert message in " ".join(refused.value.message_dict[field])
