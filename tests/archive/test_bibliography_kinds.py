"""Each BibTeX/biblatex entry type as a kind of publication (archive/bibliography/kinds.py),
or a row error where the archive has no kind for it; a thesis's type as its degree."""

import pytest

from archive.bibliography import read_bibliography


@pytest.mark.parametrize(
    ("entry_type", "kind"),
    [
        ("Article", "article"),
        ("MVBook", "book"),
        ("Collection", "book"),
        ("Proceedings", "book"),
        ("InCollection", "chapter"),
        ("InProceedings", "chapter"),
        ("InBook", "chapter"),
        ("Conference", "chapter"),
        ("Thesis", "dissertation"),
        ("PhDThesis", "dissertation"),
        ("MastersThesis", "dissertation"),
        ("Report", "document"),
        ("TechReport", "document"),
        ("Online", "document"),
        ("Misc", "document"),
        ("Software", ""),
        ("Dataset", ""),
    ],
)
def test_every_biblatex_type_maps_to_a_kind_or_to_an_error(entry_type, kind):
    data = f"@{entry_type}{{k, title = {{T}}, year = 2000}}".encode()
    (record,) = read_bibliography(data, name="f.bib").records
    assert record.kind == kind
    assert record.is_valid == bool(kind)


@pytest.mark.parametrize(
    ("entry", "degree"),
    [
        ("@PhDThesis{k, title = {T}}", "PhD"),
        ("@MastersThesis{k, title = {T}}", "Master's"),
        ("@Thesis{k, title = {T}, type = {mathesis}}", "Master's"),
        ("@Thesis{k, title = {T}, type = {candthesis}}", "Candidate of Sciences"),
        ("@Thesis{k, title = {T}, type = {Дис. ... канд. ист. наук}}", "Дис. ... канд. ист. наук"),
    ],
)
def test_a_thesis_s_type_is_its_degree(entry, degree):
    (record,) = read_bibliography(entry.encode(), name="f.bib").records
    assert (record.kind, record.degree) == ("dissertation", degree)
