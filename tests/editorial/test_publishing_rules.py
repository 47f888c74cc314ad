"""What the publishing workflow promises, held where a mutation of its checks would show:
who may publish, change or delete what the public sees, and what the admin reports."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.models import Status
from heritage.models import HeritageItem
from tests.factories import make_heritage_item
from timeline.models import Event

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:heritage_heritageitem_changelist")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_publishing_reports_how_many_records_it_changed_leaving_the_others_alone(user_in):
    publisher = user_in("Publisher")
    first = make_heritage_item(status=Status.DRAFT)
    second = make_heritage_item(status=Status.REVIEW)
    public = make_heritage_item(status=Status.PUBLISHED)
    untouched = make_heritage_item(status=Status.DRAFT)
    selected = [first.pk, second.pk, public.pk]
    response = publisher.post(
        CHANGELIST, {"action": "publish", "_selected_action": selected}, follow=True
    )
    assert messages_of(response) == ["2 records changed."]
    statuses = dict(HeritageItem.objects.values_list("pk", "status"))
    assert [statuses[pk] for pk in selected] == [Status.PUBLISHED] * 3
    assert statuses[untouched.pk] == Status.DRAFT
    # The record already public was not saved again: its history has only its creation.
    assert public.history.count() == 1


def load_documents(**options) -> str:
    out = io.StringIO()
    call_command("load_documents", stdout=out, **options)
    return out.getvalue().strip().splitlines()[0]  # the documents' line; then designations


def test_reloading_the_documents_reports_what_it_created_updated_and_kept():
    """load_documents publishes the source documents' facts; what it says it did is what
    it did, on a first load, a reload, and a reload that overwrites."""
    files = len(list((settings.BASE_DIR / "fixtures").glob("*.json")))
    first = load_documents()
    total = int(re.match(r"Source documents: (\d+) created, 0 updated, 0 kept", first).group(1))
    assert total > 2
    assert HeritageItem.objects.filter(regions__isnull=False).exists()  # links too
    first_two = list(Event.objects.order_by("slug").values_list("pk", flat=True)[:2])
    Event.objects.filter(pk__in=first_two).delete()
    expected = f"2 created, 0 updated, {total - 2} kept as they were ({files} files)."
    assert load_documents() == f"Source documents: {expected}"
    Event.objects.order_by("slug").first().delete()
    expected = f"1 created, {total - 1} updated, 0 kept as they were ({files} files)."
    assert load_documents(update=True) == f"Source documents: {expected}"


def test_still_to_come_lists_only_published_records_whose_time_has_not_come(user_in):
    """A draft with a publication time is not scheduled: nothing makes it public then."""
    later = timezone.now() + datetime.timedelta(days=2)
    make_heritage_item(name_en="Scheduled mound", publish_at=later)
    make_heritage_item(name_en="Draft with a date", status=Status.DRAFT, publish_at=later)
    make_heritage_item(name_en="Public already")
    page = user_in("Publisher").get(CHANGELIST, {"scheduled": "yes"}).content.decode()
    assert "Scheduled mound" in page
    assert "Draft with a date" not in page and "Public already" not in page


@pytest.mark.parametrize("part", ["record", "revision"])
def test_a_malformed_id_in_a_revision_address_is_a_page_not_found(user_in, part):
    item = make_heritage_item(status=Status.DRAFT)
    revision = item.history.get().history_id
    ids = {"record": ("not-a-number", revision), "revision": (item.pk, "not-a-number")}[part]
    url = reverse("admin:heritage_heritageitem_simple_history", args=ids)
    publisher = user_in("Publisher")
    assert publisher.get(url).status_code == 404
    assert publisher.post(url, {}).status_code == 404


def test_a_revision_of_a_record_deleted_since_offers_no_revert(user_in):
    item = make_heritage_item(status=Status.DRAFT, name_en="Gone")
    url = reverse(
        "admin:heritage_heritageitem_simple_history",
        args=[item.pk, item.history.get().history_id],
    )
    publisher = user_in("Publisher")
    assert 'name="_save"' in publisher.get(url).content.decode()
    item.delete()
    page = publisher.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()


def test_the_delete_permission_alone_does_not_let_anyone_delete(client, django_user_model):
    """Deleting takes the publish permission too, whatever else a user was given."""
    user = django_user_model.objects.create_user("deleter", password="pw", is_staff=True)
    codenames = ["view_heritageitem", "change_heritageitem", "delete_heritageitem"]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    item = make_heritage_item(status=Status.DRAFT)
    delete = reverse("admin:heritage_heritageitem_delete", args=[item.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    response = client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [item.pk]})
    assert response.status_code in (200, 302)
    assert HeritageItem.objects.filter(pk=item.pk).exists()
