import json

import pytest

from publications import citations
from publications.models import Publication

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


def test_apa(source_data):
    assert citations.apa(get(DISSERTATION)).startswith(
        "Utegenova-Navarro, A. E. (n.d.). Cooperation"
    )
    assert citations.apa(get("otlet-1916-problemes-internationaux-et-la-guerre")).startswith(
        "Otlet, P. (1916). Les Problèmes internationaux et la Guerre"
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
    assert "KW  - ЮНЕСКО" in ris or "KW  - UNESCO" in ris
    assert ris.endswith("ER  - \r\n")
    csl = json.loads(citations.csl_json(thesis))[0]
    assert csl["type"] == "thesis"
    assert csl["author"] == [{"family": "Utegenova-Navarro", "given": "Assel Erkenovna"}]
    assert "issued" not in csl  # the year is not stated, so none is invented


def test_detail_page_cites_and_offers_downloads(client, source_data):
    html = client.get(f"/en/publications/{DISSERTATION}/").content.decode()
    assert "GOST R 7.0.100-2018" in html and "Utegenova-Navarro, A. E. Cooperation" in html
    assert '<meta name="citation_author" content="Utegenova-Navarro, Assel Erkenovna">' in html
    assert '<meta name="citation_dissertation_institution"' in html
    assert '<script type="application/ld+json"' in html and '"@type": "Thesis"' in html
    response = client.get(f"/en/publications/{DISSERTATION}/cite.bib")
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert response["Content-Disposition"] == f'attachment; filename="{DISSERTATION}.bib"'
    assert client.get(f"/en/publications/{DISSERTATION}/cite.ris").status_code == 200
    assert client.get(f"/en/publications/{DISSERTATION}/cite.json").status_code == 200
    assert client.get(f"/en/publications/{DISSERTATION}/cite.doc").status_code == 404


def test_json_ld_cannot_break_out_of_its_script(client, source_data):
    Publication.objects.filter(slug=ARTICLE).update(title_en="</script><script>alert(1)</script>")
    html = client.get(f"/en/publications/{ARTICLE}/").content.decode()
    assert "</script><script>alert(1)" not in html
    assert "\\u003C/script\\u003E" in html
