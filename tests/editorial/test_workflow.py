"""Draft → in review → published, scheduled publishing, previews, roles, history, locking."""

import datetime
import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from core.models import Status
from heritage.models import HeritageItem
from tests.factories import (
    make_author,
    make_event,
    make_heritage_item,
    make_publication,
    make_theme,
)
from tests.forms import form_data

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=2)


def public_places(client: Client, item: HeritageItem) -> dict[str, bool]:
    """Where the public finds a link to the item or its slug. Every page must answer 200,
    but the item's own, which is 404 while the item is not public: an error page is no
    proof that nothing leaks, so any other status fails the test."""
    pages = {
        "detail": (item.get_absolute_url(), {}),
        "list": ("/en/heritage/", {}),
        "search": ("/en/search/", {"q": item.name_en}),
        "feed": ("/en/heritage/feed/atom/", {}),
        "sitemap": ("/sitemap-heritage.xml", {}),
        "api": ("/api/v1/heritage/", {}),
        "export": ("/en/heritage/download.csv", {}),
    }
    found = {}
    for place, (url, query) in pages.items():
        response = client.get(url, query)
        if place == "detail" and response.status_code == 404:
            found[place] = False
            continue
        assert response.status_code == 200, f"{url}: {response.status_code}"
        found[place] = item.slug in response.getvalue().decode("utf-8-sig")
    return found


PLACES = ["detail", "list", "search", "feed", "sitemap", "api", "export"]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW])
def test_unpublished_records_are_nowhere_public(client, status):
    item = make_heritage_item(status=status, name_en="Hidden fortress of Otrar")
    assert public_places(client, item) == dict.fromkeys(PLACES, False)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_scheduled_record_appears_on_its_own_when_its_time_comes(client):
    due = timezone.now() + datetime.timedelta(seconds=1.5)
    item = make_heritage_item(name_en="Scheduled caravanserai", publish_at=due)
    assert public_places(client, item) == dict.fromkeys(PLACES, False)
    assert client.get(item.get_absolute_url()).status_code == 404
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.1)
    assert public_places(client, item) == dict.fromkeys(PLACES, True)


def home_counts(client, lang: str = "en") -> dict[str, int]:
    """The counts on the home page, by the list each links to."""
    html = client.get(f"/{lang}/").content.decode()
    block = re.search(r'<ul class="counts">(.*?)</ul>', html, re.S).group(1)
    return {
        href: int(number)
        for href, number in re.findall(r'<a href="([^"]+)">.*?<strong>(\d+)</strong>', block, re.S)
    }


def result_count(client, url: str) -> int:
    html = client.get(url).content.decode()
    return int(re.search(r'<h2 class="result-count" id="results">(\d+) ', html).group(1))


def test_related_blocks_and_counts_leave_out_what_is_not_yet_public(client):
    mausoleum = make_heritage_item(name_en="Public mausoleum", kind="world")
    hidden = make_heritage_item(name_en="Scheduled mound", kind="world", publish_at=LATER)
    make_heritage_item(name_en="Scheduled epic", kind="intangible", publish_at=LATER)
    event = make_event(title_en="Public congress", heritage_items=[mausoleum, hidden])
    make_event(title_en="Scheduled congress", heritage_items=[mausoleum], publish_at=LATER)
    make_publication(authors=[make_author(name="Present Author")], title_en="Public paper")
    make_publication(authors=[make_author(name="Future Author")], publish_at=LATER)

    event_page = client.get(event.get_absolute_url()).content.decode()
    assert "Public mausoleum" in event_page and "Scheduled mound" not in event_page
    item_page = client.get(mausoleum.get_absolute_url()).content.decode()
    assert "Public congress" in item_page and "Scheduled congress" not in item_page
    publications = client.get("/en/publications/").content.decode()  # its author filter too
    assert "Present Author" in publications and "Future Author" not in publications

    assert home_counts(client) == {
        "/en/heritage/?kind=world": 1,
        "/en/heritage/?kind=intangible": 0,
        "/en/heritage/?kind=memory": 0,
        "/en/timeline/?track=all": 1,
        "/en/publications/": 1,
    }
    assert result_count(client, "/en/heritage/") == 1
    assert result_count(client, "/en/timeline/?track=all") == 1
    assert result_count(client, "/en/publications/") == 1
    assert client.get("/api/v1/heritage/").json()["count"] == 1


def test_staff_preview_shows_the_page_as_the_public_will_see_it(client, user_in):
    draft = make_heritage_item(status=Status.DRAFT, name_en="Draft petroglyphs")
    editor = user_in("Editor")
    response = editor.get(draft.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Draft petroglyphs</h1>" in html
    assert '<div class="preview-banner" role="note">' in html
    assert "Preview" in html and "this page is not public (status: Draft)" in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_preview_of_a_scheduled_record_says_when_it_goes_public(client, user_in):
    may_day = datetime.datetime(2030, 5, 1, 7, 30, tzinfo=datetime.UTC)  # 12:30 in Almaty
    item = make_heritage_item(publish_at=may_day)
    html = user_in("Publisher").get(item.get_absolute_url()).content.decode()
    assert "this page becomes public on May 1, 2030, 12:30 p.m." in html


def test_admin_lists_say_when_a_scheduled_record_appears(user_in):
    may_day = datetime.datetime(2030, 5, 1, 7, 30, tzinfo=datetime.UTC)  # 12:30 in Almaty
    make_heritage_item(name_en="Comes later", status=Status.PUBLISHED, publish_at=may_day)
    make_heritage_item(name_en="Public now", status=Status.PUBLISHED)
    client = user_in("Publisher")
    changelist = reverse("admin:heritage_heritageitem_changelist")

    english = client.get(changelist).content.decode()
    kazakh = client.get(changelist, HTTP_ACCEPT_LANGUAGE="kk").content.decode()

    assert "Published, appears May 1, 2030, 12:30 p.m." in english
    assert english.count('<td class="field-publication_state">Published</td>') == 1
    assert "Жарияланған, 2030 жылғы 1\u00a0мамыр, 12:30 шығады" in kazakh


def test_published_pages_carry_no_preview_banner_for_staff(client, user_in):
    item = make_heritage_item()
    response = user_in("Editor").get(item.get_absolute_url())
    assert "preview-banner" not in response.content.decode()
    assert "X-Robots-Tag" not in response


def _change_url(item) -> str:
    return reverse("admin:heritage_heritageitem_change", args=[item.pk])


def _form(client, item) -> dict:
    response = client.get(_change_url(item))
    assert response.status_code == 200
    return form_data(response.content.decode(), "heritageitem_form")


def test_editor_cannot_publish(client, user_in):
    draft = make_heritage_item(status=Status.DRAFT)
    editor = user_in("Editor")
    data = _form(editor, draft) | {"status": "published"}
    response = editor.post(_change_url(draft), data)
    assert response.status_code == 200
    assert "Select a valid choice. published is not one of the available choices." in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    changelist = editor.get(reverse("admin:heritage_heritageitem_changelist")).content.decode()
    assert 'value="submit_for_review"' in changelist
    assert 'value="publish"' not in changelist


def test_editor_sends_a_draft_for_review_and_a_publisher_publishes_it(client, user_in):
    draft = make_heritage_item(status=Status.DRAFT)
    changelist = reverse("admin:heritage_heritageitem_changelist")
    editor = user_in("Editor")
    editor.post(changelist, {"action": "submit_for_review", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    publisher = user_in("Publisher", client=Client())
    publisher.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    users = [h.history_user.username for h in draft.history.order_by("history_date")[1:]]
    assert users == ["editor", "publisher"]


def test_editor_sees_public_records_read_only(client, user_in):
    item = make_heritage_item(name_en="Public name")
    editor = user_in("Editor")
    response = editor.get(_change_url(item))
    assert response.status_code == 200
    assert 'name="name_en"' not in response.content.decode()  # view only
    publisher = user_in("Publisher", client=Client())  # who may change it has the field
    assert 'name="name_en"' in publisher.get(_change_url(item)).content.decode()
    assert editor.post(_change_url(item), {"name_en": "Changed"}).status_code == 403
    item.refresh_from_db()
    assert item.name_en == "Public name"


def test_publisher_schedules_publication(client, user_in):
    draft = make_heritage_item(status=Status.DRAFT)
    publisher = user_in("Publisher")
    data = _form(publisher, draft) | {
        "status": "published",
        "publish_at_0": "2099-01-01",
        "publish_at_1": "09:00:00",
    }
    response = publisher.post(_change_url(draft), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.is_scheduled and not draft.is_published


def test_every_change_is_kept_with_a_diff_and_can_be_reverted(client, user_in):
    item = make_heritage_item(status=Status.DRAFT, name_en="First name")
    editor = user_in("Editor")
    response = editor.post(_change_url(item), _form(editor, item) | {"name_en": "Second name"})
    assert response.status_code == 302
    history_url = reverse("admin:heritage_heritageitem_history", args=[item.pk])
    history = editor.get(history_url).content.decode()
    assert "First name" in history and "Second name" in history and "editor" in history
    first = item.history.earliest("history_date")
    revert_url = reverse(
        "admin:heritage_heritageitem_simple_history", args=[item.pk, first.history_id]
    )
    revert_page = editor.get(revert_url).content.decode()
    revert_form = form_data(revert_page, "historicalheritageitem_form")
    assert editor.post(revert_url, revert_form).status_code == 302
    item.refresh_from_db()
    assert item.name_en == "First name"
    assert item.history.count() == 3


def test_second_of_two_concurrent_saves_is_refused(client, user_in):
    item = make_heritage_item(status=Status.DRAFT, name_en="Original")
    first, second = user_in("Editor"), user_in("Publisher", client=Client())
    first_form, second_form = _form(first, item), _form(second, item)
    assert first.post(_change_url(item), first_form | {"name_en": "First edit"}).status_code == 302
    response = second.post(_change_url(item), second_form | {"name_en": "Second edit"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "editor saved this record" in html and "Nothing of yours was saved" in html
    # The time of the other save in the site's time zone, as the admin shows times.
    saved = timezone.localtime(item.history.latest("history_date").history_date)
    assert saved.utcoffset() != datetime.timedelta(0)  # Asia/Almaty, not UTC
    assert f"({formats.date_format(saved, 'DATETIME_FORMAT')})" in html
    item.refresh_from_db()
    assert item.name_en == "First edit"


@pytest.mark.django_db(transaction=True)
def test_change_form_and_revert_work_outside_a_test_transaction(client, django_user_model):
    """As in production: the admin's GET runs outside any transaction, its POSTs inside one
    (PostgreSQL refuses a row lock outside a transaction)."""
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(root)
    item = make_heritage_item(status=Status.DRAFT, name_en="First")
    assert (
        client.post(_change_url(item), _form(client, item) | {"name_en": "Second"}).status_code
        == 302
    )
    first = item.history.earliest("history_date")
    url = reverse("admin:heritage_heritageitem_simple_history", args=[item.pk, first.history_id])
    data = form_data(client.get(url).content.decode(), "historicalheritageitem_form")
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.name_en == "First"


def test_links_between_records_are_part_of_each_revision(client, user_in):
    education, heritage = make_theme(name_en="Education"), make_theme(name_en="Heritage")
    event = make_event(status=Status.DRAFT, themes=[education])
    editor = user_in("Editor")
    url = reverse("admin:timeline_event_change", args=[event.pk])
    data = form_data(editor.get(url).content.decode(), "event_form") | {
        "themes": [str(heritage.pk)]
    }
    assert editor.post(url, data).status_code == 302
    assert [t.name_en for t in event.themes.all()] == ["Heritage"]
    history_url = reverse("admin:timeline_event_history", args=[event.pk])
    history = editor.get(history_url).content.decode()
    assert "themes" in history.lower() and "Education" in history and "Heritage" in history

    def themes(revision):
        return [link.theme.name_en for link in revision.themes.all()]

    assert themes(event.history.latest("history_date")) == ["Heritage"]
    before = next(r for r in event.history.order_by("-history_date") if themes(r) == ["Education"])
    revert_url = reverse("admin:timeline_event_simple_history", args=[event.pk, before.history_id])
    page = editor.get(revert_url).content.decode()
    assert editor.post(revert_url, form_data(page, "historicalevent_form")).status_code == 302
    assert [t.name_en for t in event.themes.all()] == ["Education"]
