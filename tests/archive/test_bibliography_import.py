"""Publications imported from the bibliographies reference managers write (issue 25): the
same file imported as authors, publications and authorships, each through the preview,
the ledger and undo; matched on DOI, ISBN or key; an entry's errors are its row's errors,
naming the line and the file's own field; nothing is written from a file with errors."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from archive import uploads
from archive.applying import apply_plan
from archive.jobs import Job, JobStatus
from archive.services import ImportRefused, plan_import
from archive.shapes import read_for
from archive.undo import undo_import
from publications.models import Author, Publication
from tests.factories import make_publication
from tests.files import csv_bytes
from tests.imports import map_columns

pytestmark = pytest.mark.django_db

FILES = settings.BASE_DIR / "tests" / "files" / "bibliography"
ORDER = ("publications.Author", "publications.Publication", "publications.Authorship")


def plan(name: str, label: str, language: str = "en"):
    with translation.override(language):
        table = read_for((FILES / name).read_bytes(), name=name, label=label)
        return plan_import(label=label, table=table)


def import_all(name: str) -> dict[str, dict]:
    """The file imported as an archivist does it: authors, publications, authorships."""
    counts = {}
    for label in ORDER:
        made = plan(name, label)
        assert made.is_valid, made.errors
        counts[label] = made.counts
        apply_plan(plan=made, file_name=name, checksum="0" * 64)
    return counts


def test_a_zotero_bibtex_export_becomes_publications_with_their_authors_in_order():
    counts = import_all("zotero-ru.bib")

    assert [counts[label]["new"] for label in ORDER] == [4, 4, 5]
    article = Publication.objects.get(doi="10.26577/jh.2019.v94.i3.02")
    assert article.slug == "ivanov_sotrudnichestvo_2019"  # the key the person chose
    assert article.title_ru == (
        "Сотрудничество Казахстана и ЮНЕСКО в сфере образования: история и современность"
    )
    assert (article.language, article.status, article.title_en) == ("ru", "draft", None)
    assert (article.volume, article.issue, article.pages, article.year) == (
        "94",
        "3",
        "12–20",
        2019,
    )
    assert article.venue == "Вестник КазНУ. Серия историческая"
    assert [author.name_ru for author in article.ordered_authors()] == [
        "Иван Иванович Иванов",
        "Айгерим Бахытовна Сейткалиева",
    ]
    # One author of two works is one record; a Kazakh name is in the Kazakh field.
    assert Author.objects.filter(family_name="Сейткалиева").count() == 1
    book = Publication.objects.get(isbn="9786010412347")
    assert book.title_kk.startswith("Мәдени мұра")
    assert book.ordered_authors()[0].name_kk == "Ерлан Қайратұлы Нұрпейісов"


@pytest.mark.parametrize("name", ["zotero-ru.bib", "zotero-kk.csl.json", "jabref-cp1251.bib"])
def test_importing_the_same_file_again_changes_nothing(name):
    import_all(name)
    publications, authors = Publication.objects.count(), Author.objects.count()

    for label in ORDER:
        again = plan(name, label)
        assert again.counts["new"] == again.counts["update"] == 0, (label, again.counts)
    assert (Publication.objects.count(), Author.objects.count()) == (publications, authors)


def test_a_publication_the_archive_has_is_found_by_its_doi_and_keeps_what_the_file_lacks():
    held = make_publication(
        slug="kaznu-cooperation",
        doi="10.26577/jh.2019.v94.i3.02",
        title_en="Cooperation of Kazakhstan and UNESCO in education",
        abstract_en="Written by the Commission.",
        status="draft",
    )

    made = plan("zotero-ru.bib", "publications.Publication")

    (row,) = [row for row in made.rows if row.key == ("kaznu-cooperation",)]
    assert row.action == "update"
    apply_plan(plan=made, file_name="zotero-ru.bib", checksum="0" * 64)
    held.refresh_from_db()
    assert held.abstract_en == "Written by the Commission."  # not in the file: kept
    assert held.title_en == "Cooperation of Kazakhstan and UNESCO in education"
    assert (held.volume, held.pages) == ("94", "12–20")
    assert Publication.objects.filter(doi=held.doi).count() == 1


def test_a_book_the_archive_has_is_found_by_its_isbn():
    make_publication(slug="madeni-mura", kind="book", isbn="9786010412347", status="draft")

    made = plan("zotero-ru.bib", "publications.Publication")

    assert ("madeni-mura",) in [row.key for row in made.rows]
    assert not Publication.objects.filter(slug="nurpeisov_madeni_2015").exists()


def test_the_same_work_twice_in_a_file_is_a_duplicate_not_two_records():
    entry = "@article{%s, title={Heritage}, doi={10.1000/182}, year={2020}}\n"
    data = (entry % "first" + entry % "second").encode()
    table = read_for(data, name="twice.bib", label="publications.Publication")
    made = plan_import(label="publications.Publication", table=table)
    assert [row.key for row in made.rows] == [("first",), ("first",)]
    assert {error.message for error in made.errors} == {"Duplicate key “first”: rows 1 and 2."}


def test_an_entrys_errors_name_its_line_and_field_and_nothing_is_written():
    made = plan("endnote-ru.ris", "publications.Publication")

    assert [(e.row, e.column) for e in made.errors] == [(39, "PY")]
    assert "“20l9” is not a date" in made.errors[0].message
    assert made.counts["new"] == 2
    with pytest.raises(ImportRefused):
        apply_plan(plan=made, file_name="endnote-ru.ris", checksum="0" * 64)
    assert not Publication.objects.exists()
    # What was done about a doubtful value is listed, with its line.
    assert "Line 39, ER: " in made.shape_warnings[0]


def test_the_errors_speak_the_archivists_language():
    made = plan("endnote-ru.ris", "publications.Publication", language="ru")
    assert "«20l9» — не дата" in made.errors[0].message


def test_an_import_of_a_bibliography_is_undone_like_any_other():
    made = plan("zotero-kk.ris", "publications.Author")
    record = apply_plan(plan=made, file_name="zotero-kk.ris", checksum="0" * 64)
    assert Author.objects.count() == 5

    undo_import(record=record)

    assert not Author.objects.exists()


def test_a_json_export_of_the_archive_is_still_a_spreadsheet():
    data = b'[{"slug": "p", "kind": "article", "title_en": "T", "year": 2020}]'
    table = read_for(data, name="publications.json", label="publications.Publication")
    assert table.headers == ["slug", "kind", "title_en", "year"]
    assert table.notes.shape == ""


def test_the_admins_import_takes_a_bibliography_and_says_how_it_read_it(user_in):
    client = user_in("Archivist")
    upload_url = reverse("admin:publications_publication_import_file")
    assert (
        "BibTeX or biblatex (.bib), RIS (.ris) or CSL-JSON"
        in client.get(upload_url).content.decode()
    )
    data = (FILES / "zotero-kk.csl.json").read_bytes()

    response = client.post(upload_url, {"file": SimpleUploadedFile("zotero-kk.csl.json", data)})
    assert response.status_code == 302
    form = client.get(response["Location"]).context["form"]
    assert form["empty_cells"].value() == "keep"  # the file fills in what it knows
    html = client.get(map_columns(client, response["Location"])).content.decode()

    assert "The file was read as a CSL-JSON bibliography" in html
    assert Publication.objects.count() == 0  # a preview writes nothing


def job_of(url: str) -> Job:
    return Job.objects.get(pk=url.rstrip("/").split("/")[-2])


def confirmed(client, job: Job) -> Job:
    fingerprint = Job.objects.get(pk=job.pk).preview["fingerprint"]
    client.post(job.get_absolute_url(), {"fingerprint": fingerprint})
    return Job.objects.get(pk=job.pk)


def test_the_admin_leads_from_the_publications_to_their_authors_and_authorships(user_in):
    """One upload on the publications' screen; each finished import offers the next with
    the same file, the authorships last (the admin has no screen of their own)."""
    client = user_in("Archivist")
    data = (FILES / "zotero-ru.bib").read_bytes()
    upload_url = reverse("admin:publications_publication_import_file")
    response = client.post(upload_url, {"file": SimpleUploadedFile("zotero-ru.bib", data)})
    job = confirmed(client, job_of(map_columns(client, response["Location"])))
    assert job.status == JobStatus.SUCCEEDED and Publication.objects.count() == 4

    for label, button in [("publications.author", "Import its authors"),
                          ("publications.authorship", "Import its authorships")]:  # fmt: skip
        page = client.get(job.get_absolute_url()).content.decode()
        assert f'name="next_step" class="default" value="{button}"' in page
        following = client.post(job.get_absolute_url(), {"next_step": "1"})
        job = confirmed(client, job_of(following["Location"]))
        assert (job.model_label, job.status) == (label, JobStatus.SUCCEEDED)

    article = Publication.objects.get(slug="ivanov_sotrudnichestvo_2019")
    assert [author.family_name for author in article.ordered_authors()] == [
        "Иванов",
        "Сейткалиева",
    ]
    page = client.get(job.get_absolute_url()).content.decode()
    assert "next_step" not in page  # the last step
    assert not uploads.is_kept(job.upload_token)  # and the file is let go


def test_a_spreadsheet_import_offers_no_next_step_and_lets_its_file_go(user_in):
    client = user_in("Archivist")
    rows = [["slug", "kind", "title_en"], ["a-report", "document", "A report"]]
    upload_url = reverse("admin:publications_publication_import_file")
    data = csv_bytes(rows)
    response = client.post(upload_url, {"file": SimpleUploadedFile("list.csv", data)})
    job = confirmed(client, job_of(map_columns(client, response["Location"])))
    assert job.status == JobStatus.SUCCEEDED
    assert "next_step" not in client.get(job.get_absolute_url()).content.decode()
    assert not uploads.is_kept(job.upload_token)
    assert client.post(job.get_absolute_url(), {"next_step": "1"}).status_code == 302
    assert Job.objects.count() == 1  # refused, with a message


def test_only_the_archivist_who_imported_the_file_takes_the_next_step(user_in, client):
    archivist = user_in("Archivist")
    data = (FILES / "zotero-ru.bib").read_bytes()
    upload_url = reverse("admin:publications_publication_import_file")
    response = archivist.post(upload_url, {"file": SimpleUploadedFile("zotero-ru.bib", data)})
    job = confirmed(archivist, job_of(map_columns(archivist, response["Location"])))

    other = user_in("Archivist", client=Client(), username="another")
    assert other.post(job.get_absolute_url(), {"next_step": "1"}).status_code == 403
    assert Job.objects.count() == 1
