"""Figures of the UNESCO networks in Kazakhstan (Associated Schools, clubs), which the
source documents do not give: each on the facts-and-figures page with its public source
and the date it was checked, in the reader's language."""

import pytest

from timeline.models import Figure, FigureGroup

ASTANA_TIMES = (
    "https://astanatimes.com/2020/11/"
    "kazakh-national-commission-for-unesco-and-isesco-summarizes-2020-achievements/"
)
PAGE = {
    "kk": ("Қазақстандағы ЮНЕСКО желілері", "Дереккөз:", "тексерілді: 2026 жылғы 6\xa0желтоқсан"),
    "ru": ("Сети ЮНЕСКО в Казахстане", "Источник:", "проверено 6 декабря 2026 г."),
    "en": ("UNESCO networks in Kazakhstan", "Source:", "checked Dec. 6, 2026"),
}


def test_the_shipped_figures_name_their_public_source_and_when_it_was_checked(source_data):
    figures = Figure.objects.in_group(FigureGroup.NETWORKS)
    assert [(f.slug, int(f.value)) for f in figures] == [
        ("aspnet-schools-1996", 6),
        ("aspnet-schools-2016", 25),
        ("aspnet-schools-2020", 26),
        ("aspnet-candidate-schools-2020", 11),
        ("unesco-clubs-2020", 155),
    ]
    assert all(f.source_url and f.checked_on and f.source_document_id is None for f in figures)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_page_shows_each_figure_with_its_source_in_the_readers_language(
    client, source_data, language
):
    html = client.get(f"/{language}/timeline/kazakhstan-and-unesco/").content.decode()
    heading, source, checked = PAGE[language]
    section = html[html.index(heading) :].split("</section>")[0]
    figure = section[section.index('id="aspnet-schools-2020"') :].split("</li>")[0]
    assert "<strong>26</strong>" in figure
    assert (
        f'{source} <a href="{ASTANA_TIMES}" rel="noopener" hreflang="en" lang="en">'
        "astanatimes.com</a>"
    ) in figure
    assert checked in figure


def test_an_unpublished_figure_stays_off_the_page(client, source_data):
    Figure.objects.filter(slug="unesco-clubs-2020").update(status="draft")
    html = client.get("/en/timeline/kazakhstan-and-unesco/").content.decode()
    assert 'id="unesco-clubs-2020"' not in html
    assert 'id="aspnet-schools-2020"' in html
