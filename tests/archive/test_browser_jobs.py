"""An archivist in a real browser (Debian's Chromium, headless) starts an import, leaves
the page while the background worker has not run yet, comes back through the list of
background jobs and finds the preview, confirms, leaves again, and finds the job
finished with its counts."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

from tests.browser import SHOTS, chromium, skip_without_chromium

skip_without_chromium()

from heritage.models import HeritageItem  # noqa: E402
from tests.files import csv_bytes  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page():
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1366, "height": 900})


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_an_import_started_left_and_found_finished(
    browser_page, live_server, transactional_db, tmp_path
):
    archivist = User.objects.create_user("archivist", password="pw-Archive-1", is_staff=True)
    archivist.groups.add(Group.objects.get(name="Archivist"))
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "archivist")
    page.fill("#id_password", "pw-Archive-1")
    page.click("input[type=submit]")

    file = tmp_path / "partners.csv"
    file.write_bytes(
        csv_bytes(
            [
                ["slug", "kind", "name_en"],
                ["first", "world", "First"],
                ["second", "world", "Second"],
            ]
        )
    )
    page.goto(f"{live_server.url}/admin/heritage/heritageitem/import-file/")
    page.set_input_files("input[type=file]", str(file))
    page.click("input[type=submit]")
    page.click("input[type=submit][class=default]")  # the columns, as suggested
    assert "Waiting for a worker" in page.inner_text("#content-main")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "job-waiting.png"), full_page=True)

    page.goto(f"{live_server.url}/admin/")  # away, while the worker takes the job
    call_command("run_worker", batch=True, verbosity=0)
    page.goto(f"{live_server.url}/admin/archive/job/")
    page.click("#result_list tbody a >> nth=0")
    assert "2\nnew records" in page.inner_text(".archive-counts")
    page.click("input[type=submit][class=default]")  # Confirm: write 2 new records …
    assert not HeritageItem.objects.filter(slug__in=["first", "second"]).exists()

    page.goto(f"{live_server.url}/admin/heritage/heritageitem/")
    call_command("run_worker", batch=True, verbosity=0)
    page.goto(f"{live_server.url}/admin/archive/job/")
    assert "Finished" in page.inner_text("#result_list")
    page.click("#result_list tbody a >> nth=0")
    text = page.inner_text("#content-main")
    assert "Imported: 2 new records, 0 updated records, 0 unchanged records." in text
    page.screenshot(path=str(SHOTS / "job-finished.png"), full_page=True)
    assert HeritageItem.objects.filter(slug__in=["first", "second"]).count() == 2
    # This body's queries, after Playwright started, ran on a connection of their own that
    # no fixture closes; left open, PostgreSQL refused to drop the test database at the end.
    connections.close_all()
