"""A doubtful encoding is a question, never silent mojibake (issue 28): the job page shows
how each encoding reads the file's first line with non-Latin letters, the archivist reads
the file again in the one that reads it, and cannot confirm a guess without saying the
text reads correctly; the ledger records the encoding the file was read in."""

import pytest
from django.core.management import call_command

from archive import readers
from archive.jobs import Job, JobStatus
from archive.models import ImportRecord
from heritage.models import HeritageItem
from tests.files import csv_bytes
from tests.imports import map_columns, upload

pytestmark = pytest.mark.django_db

NAME = "Петроглифы Танбалы"
ROWS = [["slug", "kind", "name_ru"], ["tanbaly-test", "world", NAME]]
MAC = csv_bytes(ROWS, encoding="mac_cyrillic")  # too short for a sure detection


def test_each_encoding_offered_shows_how_it_reads_the_names():
    choices = {choice["name"]: choice["sample"] for choice in readers.encoding_choices(MAC)}
    assert choices["Mac Cyrillic"] == f"tanbaly-test,world,{NAME}"
    assert choices["Windows-1251"] == "tanbaly-test,world,Џетроглифы ’анбалы"
    assert "UTF-8" not in choices  # the bytes are not UTF-8: not a choice


def test_a_file_every_encoding_reads_alike_or_with_a_bom_offers_no_choice():
    assert readers.encoding_choices(csv_bytes([["slug"], ["plain-ascii"]])) == []
    assert readers.encoding_choices(csv_bytes(ROWS, bom=True)) == []


def test_a_long_line_is_sampled_around_its_first_non_latin_letter():
    line = "x" * 200 + NAME + "y" * 200
    (choice,) = [c for c in readers.encoding_choices(line.encode()) if c["codec"] == "utf-8"]
    assert choice["sample"].startswith("…" + "x" * 20 + NAME)
    assert choice["sample"].endswith("…")


def _job(client) -> Job:
    job_url = map_columns(client, upload(client, MAC))
    return Job.objects.get(pk=job_url.rstrip("/").split("/")[-2])


def test_the_archivist_reads_a_doubtful_file_again_in_the_encoding_that_reads_it(user_in):
    client = user_in("Archivist")
    job = _job(client)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The file was read as Windows-1251." in page
    assert "not certain" in page
    assert 'value="mac_cyrillic" required> <strong>Mac Cyrillic</strong>' in page
    assert NAME in page  # in Mac Cyrillic's sample

    client.post(job.get_absolute_url(), {"encoding": "mac_cyrillic"})
    job.refresh_from_db()
    assert job.status == JobStatus.READY
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The file was read as Mac Cyrillic." in page
    assert "not certain" not in page  # the archivist said so
    assert 'value="mac_cyrillic" checked required>' in page

    client.post(job.get_absolute_url(), {"fingerprint": job.preview["fingerprint"]})
    assert HeritageItem.objects.get(slug="tanbaly-test").name_ru == NAME
    assert ImportRecord.objects.get().encoding == "Mac Cyrillic"


def test_a_guess_is_not_written_until_the_archivist_says_the_text_reads_correctly(user_in):
    client = user_in("Archivist")
    job = _job(client)
    confirm = {"fingerprint": job.preview["fingerprint"]}
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'name="encoding_confirmed" value="1" required>' in page

    response = client.post(job.get_absolute_url(), confirm, follow=True)
    assert "say that the names and texts below read correctly" in response.content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.READY
    assert not HeritageItem.objects.filter(slug="tanbaly-test").exists()

    client.post(job.get_absolute_url(), {**confirm, "encoding_confirmed": "1"})
    assert HeritageItem.objects.get(slug="tanbaly-test").name_ru == "Џетроглифы ’анбалы"
    assert ImportRecord.objects.get().encoding == "Windows-1251"


def test_only_an_encoding_offered_may_be_chosen(user_in):
    client = user_in("Archivist")
    job = _job(client)
    response = client.post(job.get_absolute_url(), {"encoding": "utf-8"}, follow=True)
    assert "Choose one of the encodings offered." in response.content.decode()
    job.refresh_from_db()
    assert (job.status, job.params["encoding"]) == (JobStatus.READY, "")


def test_back_at_the_columns_the_file_is_read_in_the_chosen_encoding(user_in):
    client = user_in("Archivist")
    job = _job(client)
    client.post(job.get_absolute_url(), {"encoding": "mac_cyrillic"})
    job.refresh_from_db()
    columns = client.get(client.get(job.get_absolute_url()).context["map_url"])
    assert NAME in columns.content.decode()


def test_the_command_reads_a_file_in_the_encoding_it_is_given(tmp_path, capsys):
    path = tmp_path / "mac.csv"
    path.write_bytes(MAC)
    call_command("import_data", "heritage.HeritageItem", str(path), "--encoding", "mac_cyrillic")
    assert "Read as Mac Cyrillic" in capsys.readouterr().out
    assert HeritageItem.objects.get(slug="tanbaly-test").name_ru == NAME


def test_an_encoding_that_does_not_fit_the_file_is_an_error_naming_the_byte(tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "mac.csv"
    path.write_bytes(MAC)
    with pytest.raises(CommandError, match=r"cannot be read as UTF-8 \(byte 39\)"):
        call_command("import_data", "heritage.HeritageItem", str(path), "--encoding", "utf-8")
    assert not HeritageItem.objects.filter(slug="tanbaly-test").exists()
