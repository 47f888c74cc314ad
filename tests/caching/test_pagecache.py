"""Anonymous public pages come from the cache, per language, and no cached page outlives a
change: admin edits, deletions and reverts, publishing, imports and their undo, restores,
and records whose scheduled time comes."""

import datetime
import re
import time
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from archive import readers
from archive.applying import apply_plan
from archive.services import plan_import
from archive.undo import undo_import
from caching import pagecache
from core.models import Status
from editorial.services import set_status
from heritage.models import HeritageItem
from tests.core.test_errors import database_down
from tests.factories import make_heritage_item
from tests.files import csv_bytes
from tests.forms import form_data

pytestmark = pytest.mark.django_db

LIST = "/en/heritage/"


@pytest.fixture(autouse=True)
def page_cache(settings, fresh_generation):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the page cache's invalidation), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def visit(url: str, client: Client | None = None):
    response = (client or Client()).get(url)
    return response, response.content.decode()


def nonce_of(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    django_assert_num_queries,
):
    make_heritage_item(name_en="Tamgaly petroglyphs")
    first, first_html = visit(LIST)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second, second_html = visit(LIST)
    assert second["X-Page-Cache"] == "hit" and second_html == first_html
    assert "Tamgaly petroglyphs" in second_html
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_cached_page_gets_a_fresh_csp_nonce_on_every_visit(settings):
    settings.ROOT_URLCONF = "tests.kzunesco_site.urls_with_nonce"
    first, first_html = visit("/inline-script/")
    second, second_html = visit("/inline-script/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert nonce_of(first) != nonce_of(second)
    assert f'<script nonce="{nonce_of(first)}">' in first_html
    assert f'<script nonce="{nonce_of(second)}">' in second_html
    assert nonce_of(first) not in second_html


def test_each_language_is_cached_apart():
    make_heritage_item(name_en="Otrar", name_kk="Отырар")
    for code, name in (("en", "Otrar"), ("kk", "Отырар"), ("en", "Otrar"), ("kk", "Отырар")):
        response, html = visit(f"/{code}/heritage/")
        assert f'lang="{code}"' in html and name in html
    assert visit("/kk/heritage/")[0]["X-Page-Cache"] == "hit"


def test_signed_in_staff_always_get_fresh_pages_and_previews_are_never_stored(staff_client):
    draft = make_heritage_item(status=Status.DRAFT, name_en="Draft fortress")
    for _ in range(2):
        response = staff_client.get(draft.get_absolute_url())
        assert response.status_code == 200 and "X-Page-Cache" not in response
        assert "X-Page-Cache" not in staff_client.get(LIST)
    assert visit(draft.get_absolute_url())[0].status_code == 404
    assert "Draft fortress" not in visit(LIST)[1]


@pytest.mark.parametrize(
    "url",
    [
        "/en/heritage/no-such-item/",  # not a 200
        "/healthz",  # never-cache
        "/admin/login/",
        "/en/search/?q=" + "x" * 600,  # a query string too long to be worth keeping
    ],
)
def test_what_is_not_stored(url):
    Client().get(url)
    assert Client().get(url).get("X-Page-Cache") != "hit"


def change_url(item) -> str:
    return reverse("admin:heritage_heritageitem_change", args=[item.pk])


def test_an_admin_edit_is_public_at_once(staff_client, commits):
    item = make_heritage_item(name_en="Old name")
    visit(item.get_absolute_url())
    assert visit(item.get_absolute_url())[0]["X-Page-Cache"] == "hit"
    form = form_data(staff_client.get(change_url(item)).content.decode(), "heritageitem_form")
    with commits():
        response = staff_client.post(change_url(item), form | {"name_en": "New name"})
    assert response.status_code == 302
    response, html = visit(item.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "New name" in html
    assert "New name" in visit(LIST)[1]


def test_admin_publish_and_unpublish_are_public_at_once(staff_client, commits):
    item = make_heritage_item(status=Status.REVIEW, name_en="Aisha Bibi")
    changelist = reverse("admin:heritage_heritageitem_changelist")
    assert "Aisha Bibi" not in visit(LIST)[1]
    with commits():
        staff_client.post(changelist, {"action": "publish", "_selected_action": [item.pk]})
    assert "Aisha Bibi" in visit(LIST)[1]
    assert visit(item.get_absolute_url())[0].status_code == 200
    with commits():
        staff_client.post(changelist, {"action": "unpublish", "_selected_action": [item.pk]})
    assert "Aisha Bibi" not in visit(LIST)[1]
    assert visit(item.get_absolute_url())[0].status_code == 404


def test_admin_deletions_are_public_at_once(staff_client, commits):
    one = make_heritage_item(name_en="Deleted alone")
    two = make_heritage_item(name_en="Deleted with others")
    assert "Deleted alone" in visit(LIST)[1] and visit(LIST)[0]["X-Page-Cache"] == "hit"
    with commits():
        delete_url = reverse("admin:heritage_heritageitem_delete", args=[one.pk])
        staff_client.post(delete_url, {"post": "yes"})
    html = visit(LIST)[1]
    assert "Deleted alone" not in html and "Deleted with others" in html
    with commits():
        staff_client.post(
            reverse("admin:heritage_heritageitem_changelist"),
            {"action": "delete_selected", "_selected_action": [two.pk], "post": "yes"},
        )
    assert not HeritageItem.objects.filter(pk__in=[one.pk, two.pk]).exists()
    assert "Deleted with others" not in visit(LIST)[1]


def test_a_revert_is_public_at_once(staff_client, commits):
    item = make_heritage_item(name_en="First name")
    form = form_data(staff_client.get(change_url(item)).content.decode(), "heritageitem_form")
    with commits():
        staff_client.post(change_url(item), form | {"name_en": "Second name"})
    assert "Second name" in visit(item.get_absolute_url())[1]
    first = item.history.order_by("history_date").first()
    revert_url = reverse(
        "admin:heritage_heritageitem_simple_history", args=[item.pk, first.history_id]
    )
    revert_page = staff_client.get(revert_url).content.decode()
    revert_form = form_data(revert_page, "historicalheritageitem_form")
    with commits():
        assert staff_client.post(revert_url, revert_form).status_code == 302
    assert "First name" in visit(item.get_absolute_url())[1]


def test_an_import_and_its_undo_are_public_at_once(commits):
    assert "Imported caravanserai" not in visit(LIST)[1]
    table = readers.read(
        csv_bytes(
            [
                ["slug", "kind", "name_en", "status"],
                ["imported", "world", "Imported caravanserai", "published"],
            ]
        ),
        name="items.csv",
    )
    plan = plan_import(label="heritage.HeritageItem", table=table)
    assert plan.is_valid, plan.errors
    with commits():
        record = apply_plan(plan=plan, file_name="items.csv", checksum="0" * 64)
    assert "Imported caravanserai" in visit(LIST)[1]
    with commits():
        undo_import(record=record)
    assert "Imported caravanserai" not in visit(LIST)[1]


def test_nothing_is_let_go_before_the_change_commits(
    staff_client, django_capture_on_commit_callbacks
):
    item = make_heritage_item(name_en="Old name")
    visit(item.get_absolute_url())
    form = form_data(staff_client.get(change_url(item)).content.decode(), "heritageitem_form")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        staff_client.post(change_url(item), form | {"name_en": "New name"})
        # Until the commit, visitors keep the page of the committed content.
        assert visit(item.get_absolute_url())[0]["X-Page-Cache"] == "hit"
    assert pagecache._start_new_generation in callbacks


def test_a_scheduled_record_appears_in_cached_pages_when_its_time_comes():
    assert_a_scheduled_record_appears_when_its_time_comes()


def assert_a_scheduled_record_appears_when_its_time_comes():
    """Shared with the Redis-held copies' tests (test_near_cache.py)."""
    due = timezone.now() + datetime.timedelta(seconds=1.5)
    make_heritage_item(name_en="Scheduled caravanserai", publish_at=due)
    assert "Scheduled caravanserai" not in visit(LIST)[1]
    assert visit(LIST)[0]["X-Page-Cache"] == "hit"
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.1)
    response, html = visit(LIST)
    assert response["X-Page-Cache"] == "miss" and "Scheduled caravanserai" in html


def test_every_worker_sees_a_new_generation_written_by_another(settings):
    visit(LIST)
    assert visit(LIST)[0]["X-Page-Cache"] == "hit"
    # Another process (a gunicorn worker, a management command) starts a generation.
    Path(settings.PAGE_CACHE_STATE_FILE).write_text("written-by-another-process")
    assert visit(LIST)[0]["X-Page-Cache"] == "miss"


# A restore flushes tables, which PostgreSQL refuses inside the test's own transaction.
@pytest.mark.django_db(transaction=True)
def test_a_restore_is_public_at_once(tmp_path):
    from archive.backup import create_backup, restore_backup

    make_heritage_item(name_en="In the backup")
    create_backup(folder=tmp_path / "backup")
    make_heritage_item(name_en="Added after the backup")
    assert "Added after the backup" in visit(LIST)[1]
    restore_backup(folder=tmp_path / "backup")
    html = visit(LIST)[1]
    assert "In the backup" in html and "Added after the backup" not in html


@pytest.mark.django_db(transaction=True)
def test_with_the_database_down_the_cache_steps_aside(settings):
    from django.db import connection

    Path(settings.PAGE_CACHE_STATE_FILE).unlink(missing_ok=True)  # the state needs the database
    connection.close()
    with database_down():
        response = Client(raise_request_exception=False).get(LIST)
    assert response.status_code == 503 and "X-Page-Cache" not in response


def test_the_state_can_live_in_redis(settings, commits, redis_url):
    redis = {
        "BACKEND": "caching.backends.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": "kzunesco-test",
    }
    settings.CACHES = {"default": redis}
    settings.PAGE_CACHE_STATE = "cache"
    from django.core.cache import caches

    caches["default"].clear()
    item = make_heritage_item(name_en="Kept in Redis")
    visit(LIST)
    assert visit(LIST)[0]["X-Page-Cache"] == "hit"
    assert not Path(settings.PAGE_CACHE_STATE_FILE).exists()
    HeritageItem.objects.filter(pk=item.pk).update(name_en="Renamed in Redis")
    with commits():
        pagecache.invalidate_public_pages()
    response, html = visit(LIST)
    assert response["X-Page-Cache"] == "miss" and "Renamed in Redis" in html
    caches["default"].clear()


def test_every_content_model_is_edited_through_the_admin_that_lets_pages_go():
    from django.contrib import admin

    from editorial.admin import TranslatedHistoryAdmin

    content = [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"heritage", "timeline", "publications"}
    ]
    assert len(content) >= 8
    for model, model_admin in content:
        assert isinstance(model_admin, TranslatedHistoryAdmin), model


def test_an_unreachable_cache_is_stepped_around_and_changes_still_save(commits):
    unreachable = {
        "BACKEND": "caching.backends.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
    }
    item = make_heritage_item(status=Status.REVIEW, name_en="Saved anyway")
    with override_settings(CACHES={"default": unreachable}, PAGE_CACHE_STATE="cache"):
        response, html = visit(LIST)
        assert response.status_code == 200 and "X-Page-Cache" not in response
        with commits():
            set_status(queryset=HeritageItem.objects.filter(pk=item.pk), status=Status.PUBLISHED)
        item.refresh_from_db()
        assert item.status == Status.PUBLISHED
        assert "Saved anyway" in visit(LIST)[1]
