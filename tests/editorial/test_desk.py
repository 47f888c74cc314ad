"""The editorial desk on the admin's index: what waits for review, what is scheduled."""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Status
from editorial.desk import DESK_ROWS
from heritage.models import HeritageItem
from tests.factories import make_event, make_heritage_item, make_publication
from timeline.models import Event

pytestmark = pytest.mark.django_db

INDEX = "/admin/"
NOW = timezone.now()


def rows(page: str, desk_list: str) -> list[tuple[str, str, str]]:
    """(record, its admin link, kind) for each row of one of the desk's lists."""
    section = re.search(rf'<div class="module" id="{desk_list}">(.*?)</div>', page, re.S)
    assert section, f"no {desk_list} on the page"
    found = re.findall(
        r'<th scope="row"><a href="([^"]+)">(.*?)</a></th>\s*<td[^>]*>(.*?)</td>', section.group(1)
    )
    return [(html.unescape(name), link, kind) for link, name, kind in found]


def changed_by(page: str, desk_list: str) -> dict[str, str]:
    section = re.search(rf'<div class="module" id="{desk_list}">(.*?)</div>', page, re.S)
    found = re.findall(
        r'<th scope="row"><a href="[^"]+">(.*?)</a></th>.*?data-label="Changed by">(.*?)</td>',
        section.group(1),
        re.S,
    )
    return {html.unescape(name): html.unescape(user) for name, user in found}


def caption(page: str, desk_list: str) -> str:
    section = re.search(
        rf'<div class="module" id="{desk_list}">.*?<caption>(.*?)</caption>', page, re.S
    )
    return html.unescape(section.group(1))


def changed(record, *, days_ago: float) -> None:
    """Set the record's last change (``updated_at`` is written by every save)."""
    type(record).objects.filter(pk=record.pk).update(
        updated_at=NOW - datetime.timedelta(days=days_ago)
    )


def test_a_publisher_sees_what_waits_for_review_latest_change_first(user_in):
    older = make_heritage_item(name_en="Older waiting item", status=Status.REVIEW)
    newer = make_event(title_en="Newer waiting event", status=Status.REVIEW)
    make_heritage_item(name_en="A draft", status=Status.DRAFT)
    make_heritage_item(name_en="A public item", status=Status.PUBLISHED)
    changed(older, days_ago=2)
    changed(newer, days_ago=1)

    page = user_in("Publisher").get(INDEX).content.decode()

    assert [name for name, _link, _kind in rows(page, "desk-review")] == [
        str(Event.objects.get(pk=newer.pk)),
        "Older waiting item",
    ]
    assert rows(page, "desk-review")[1][1:] == (
        reverse("admin:heritage_heritageitem_change", args=[older.pk]),
        "Heritage item",
    )
    assert caption(page, "desk-review") == "Waiting for review (2)"
    assert "A draft" not in page and "A public item" not in page
    assert (
        f'href="{reverse("admin:heritage_heritageitem_changelist")}?status__exact=review"' in page
    )


def test_the_desk_names_who_changed_each_record_last(user_in, django_user_model):
    client = user_in("Publisher")
    editor = django_user_model.objects.create_user("aigerim", password="pw", is_staff=True)
    item = make_heritage_item(name_en="Sent for review", status=Status.DRAFT)
    item.status = Status.REVIEW
    item._history_user = editor  # as the admin records the signed-in user
    item.save()
    make_heritage_item(name_en="Loaded by a command", status=Status.REVIEW)

    page = client.get(INDEX).content.decode()

    assert changed_by(page, "desk-review") == {
        "Sent for review": "aigerim",
        "Loaded by a command": "—",
    }


def test_scheduled_records_are_listed_soonest_first_and_leave_when_their_time_comes(user_in):
    make_publication(
        title_en="Appears in a week",
        status=Status.PUBLISHED,
        publish_at=NOW + datetime.timedelta(days=7),
    )
    make_event(
        title_en="Appears tomorrow",
        status=Status.PUBLISHED,
        publish_at=NOW + datetime.timedelta(days=1),
    )
    make_event(
        title_en="Appeared yesterday",
        status=Status.PUBLISHED,
        publish_at=NOW - datetime.timedelta(days=1),
    )
    make_heritage_item(
        name_en="A draft with a time",
        status=Status.DRAFT,
        publish_at=NOW + datetime.timedelta(days=1),
    )

    page = user_in("Editor").get(INDEX).content.decode()

    listed = [name for name, _link, _kind in rows(page, "desk-scheduled")]
    assert len(listed) == 2
    assert listed[0].endswith("Appears tomorrow") and listed[1] == "Appears in a week"
    assert caption(page, "desk-scheduled") == "Scheduled to appear (2)"
    assert "Nothing is waiting for review." in page


def test_the_desk_shows_the_first_rows_and_links_to_all_of_them(user_in):
    for number in range(DESK_ROWS + 2):
        make_heritage_item(name_en=f"Waiting {number}", status=Status.REVIEW)
    client = user_in("Publisher")

    page = client.get(INDEX).content.decode()

    assert len(rows(page, "desk-review")) == DESK_ROWS
    assert caption(page, "desk-review") == f"Waiting for review ({DESK_ROWS + 2})"
    link = re.search(r'<a href="([^"]+)">Heritage items \((\d+)\)</a>', page)
    assert link.group(2) == str(DESK_ROWS + 2)
    changelist = client.get(html.unescape(link.group(1))).content.decode()
    assert f"{DESK_ROWS + 2} heritage items" in changelist


def test_the_desk_lists_only_the_kinds_the_user_may_see(client, django_user_model):
    make_heritage_item(name_en="Waiting item", status=Status.REVIEW)
    make_event(title_en="Waiting event", status=Status.REVIEW)
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_heritageitem"))
    client.force_login(user)

    page = client.get(INDEX).content.decode()

    assert [name for name, _link, _kind in rows(page, "desk-review")] == ["Waiting item"]
    assert "Waiting event" not in page


def test_a_user_who_may_see_no_public_record_gets_no_desk(client, django_user_model):
    make_heritage_item(name_en="Waiting item", status=Status.REVIEW)
    user = django_user_model.objects.create_user("accounts", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_user"))
    client.force_login(user)

    page = client.get(INDEX).content.decode()

    assert "Editorial desk" not in page and "Waiting item" not in page


def test_the_desk_speaks_the_staff_members_language(user_in):
    make_heritage_item(name_en="Waiting", name_kk="Күтуде тұрған мұра", status=Status.REVIEW)

    page = user_in("Publisher").get(INDEX, HTTP_ACCEPT_LANGUAGE="kk").content.decode()

    assert caption(page, "desk-review") == "Қарауды күтуде (1)"
    assert rows(page, "desk-review")[0][0] == "Күтуде тұрған мұра"
    assert "Ештеңе жоспарланбаған." in page


def queries_of_the_index(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(INDEX).status_code == 200
    return len(context.captured_queries)


def test_the_index_makes_as_many_queries_for_many_waiting_records_as_for_one(user_in):
    client = user_in("Publisher")
    make_heritage_item(status=Status.REVIEW)
    make_event(status=Status.PUBLISHED, publish_at=NOW + datetime.timedelta(days=1))
    few = queries_of_the_index(client)
    for _ in range(30):
        make_heritage_item(status=Status.REVIEW)
        make_event(status=Status.PUBLISHED, publish_at=NOW + datetime.timedelta(days=1))
    assert queries_of_the_index(client) == few


def test_the_changelist_filters_records_still_to_come(staff_client):
    make_heritage_item(
        name_en="Comes later", status=Status.PUBLISHED, publish_at=NOW + datetime.timedelta(days=1)
    )
    make_heritage_item(name_en="Public now", status=Status.PUBLISHED)
    changelist = reverse("admin:heritage_heritageitem_changelist")

    page = staff_client.get(changelist + "?scheduled=yes").content.decode()

    assert "Comes later" in page and "Public now" not in page
    assert HeritageItem.objects.scheduled().count() == 1
