import json

import pytest

from publications import citations
from publications.models import Publication
from tests.factories import make_author, make_publication

pytestmark = pytest.mark.django_db

DISSERTATION = "dissertation-kazakhstan-unesco-humanitarian-security"
ARTICLE = "article-unesco-education-history-and-modernity"


def get(slug):
    return Publication.objects.for_detail().get(slug=slug)


def test_gost_for_the_dissertation(source_data):
    assert citations.gost(get(DISSERTATION)) == (
        "Utegenova-Navarro, A. E. Cooperation between Kazakhstan and UNESCO in the framework "
        "of promoting peace and the humanitarian dimension of security : specialty 6D020200 – "
        "International Relations : abstract of the dissertation for the degree of Doctor of "
        "Philosophy (PhD) / Utegenova-Navarro Assel Erkenovna ; Al-Farabi Kazakh National "
        "University, Department of International Relations and World Economy. – [S. l.], [s. a.]."
    )


def test_gost_for_the_article_marks_what_the_document_does_not_give(source_data):
    assert citations.gost(get(ARTICLE)) == (
        "The role of UNESCO in the development of cooperation in education: history and "
        "modernity. – [S. l.] : [s. n.], [s. a.]."
    )


DASH = "\u2013"


def journal_article(*, authors: int = 2) -> Publication:
    people = [
        ("Assel Erkenovna", "Utegenova-Navarro"),
        ("Bulat", "Sultanov"),
        ("Marat Tazhibaevich", "Kim"),
        ("Jean-Paul", "Dubois"),
    ][:authors]
    article = make_publication(
        kind="article",
        title_en="UNESCO Chairs in Central Asia",
        venue="Bulletin of KazNU. International Relations Series",
        year=2019,
        authors=[
            make_author(name=f"{given} {family}", family_name=family, given_names=given)
            for given, family in people
        ],
    )
    return Publication.objects.for_detail().get(pk=article.pk)


def test_gost_for_a_journal_article():
    """GOST R 7.0.100-2018, a part of a serial: the first author's heading (family name,
    initials), the title, after " / " every author (initials first), after " // " the
    journal, then ". – " and the year; no place or publisher of its own. (This one has no
    volume, issue, pages or DOI, so none follow the year.)"""
    assert citations.gost(journal_article()) == (
        "Utegenova-Navarro, A. E. UNESCO Chairs in Central Asia / A. E. Utegenova-Navarro, "
        f"B. Sultanov // Bulletin of KazNU. International Relations Series. {DASH} 2019."
    )


def test_gost_describes_a_work_of_four_authors_under_its_title():
    """Up to three authors the first is the heading; with four the record starts with the
    title, and the statement of responsibility names all four."""
    three = citations.gost(journal_article(authors=3))
    assert three.startswith("Utegenova-Navarro, A. E. UNESCO Chairs in Central Asia / ")
    assert citations.gost(journal_article(authors=4)) == (
        "UNESCO Chairs in Central Asia / A. E. Utegenova-Navarro, B. Sultanov, M. T. Kim, "
        f"J.-P. Dubois // Bulletin of KazNU. International Relations Series. {DASH} 2019."
    )


def test_journal_article_page_shows_its_gost_citation(client):
    article = journal_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<dt>GOST R 7.0.100-2018</dt><dd><p class="citation" lang="en">'
        f"{citations.gost(article)}</p></dd>"
    ) in html
    assert " // Bulletin of KazNU. International Relations Series. – 2019." in html


def test_apa(source_data):
    assert citations.apa(get(DISSERTATION)) == (
        "Utegenova-Navarro, A. E. (n.d.). Cooperation between Kazakhstan and UNESCO in the "
        "framework of promoting peace and the humanitarian dimension of security [Doctoral "
        "dissertation abstract, Al-Farabi Kazakh National University, Department of "
        "International Relations and World Economy]."
    )
    assert citations.apa(get("otlet-1916-problemes-internationaux-et-la-guerre")) == (
        "Otlet, P. (1916). Les Problèmes internationaux et la Guerre (International Problems "
        "and the War)."
    )


def test_reference_manager_formats(source_data):
    thesis = get(DISSERTATION)
    bib = citations.bibtex(thesis)
    assert bib.startswith("@phdthesis{dissertation-kazakhstan-unesco-humanitarian-security,")
    assert "author = {Utegenova-Navarro, Assel Erkenovna}" in bib
    assert "school = {Al-Farabi Kazakh National University" in bib
    ris = citations.ris(get(ARTICLE))
    assert ris.startswith("TY  - JOUR\r\n")
    assert "TT  - Роль ЮНЕСКО в развитии сотрудничества" in ris
    keywords = [line for line in ris.split("\r\n") if line.startswith("KW  - ")]
    words = ["UNESCO", "cooperation", "culture", "education", "interdisciplinarity", "science"]
    assert keywords == [f"KW  - {word}" for word in words]
    assert ris.endswith("ER  - \r\n")
    csl = json.loads(citations.csl_json(thesis))[0]
    assert csl["type"] == "thesis"
    assert csl["author"] == [{"family": "Utegenova-Navarro", "given": "Assel Erkenovna"}]
    assert "issued" not in csl  # the year is not stated, so none is invented


def test_detail_page_cites_and_offers_downloads(client, source_data):
    html = client.get(f"/en/publications/{DISSERTATION}/").content.decode()
    gost = citations.gost(get(DISSERTATION))
    assert f'<dt>GOST R 7.0.100-2018</dt><dd><p class="citation" lang="en">{gost}</p>' in html
    assert '<meta name="citation_author" content="Utegenova-Navarro, Assel Erkenovna">' in html
    assert '<meta name="citation_dissertation_institution"' in html
    assert '<script type="application/ld+json"' in html and '"@type": "Thesis"' in html
    response = client.get(f"/en/publications/{DISSERTATION}/cite.bib")
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert response["Content-Disposition"] == f'attachment; filename="{DISSERTATION}.bib"'
    ris = client.get(f"/en/publications/{DISSERTATION}/cite.ris")
    assert ris["Content-Type"].startswith("application/x-research-info-systems")
    assert ris.content.decode().startswith("TY  - THES\r\n")
    csl = client.get(f"/en/publications/{DISSERTATION}/cite.json")
    assert csl["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    assert json.loads(csl.content)[0]["id"] == DISSERTATION
    assert client.get(f"/en/publications/{DISSERTATION}/cite.doc").status_code == 404


def test_json_ld_cannot_break_out_of_its_script(client, source_data):
    Publication.objects.filter(slug=ARTICLE).update(title_en="</script><script>alert(1)</script>")
    html = client.get(f"/en/publications/{ARTICLE}/").content.decode()
    assert "</script><script>alert(1)" not in html
    assert "\\u003C/script\\u003E" in html
