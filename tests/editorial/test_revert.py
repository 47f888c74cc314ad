"""Reverting from the history page is a change like any other: whoever may not change the
record as it is now (an Editor, once it is public) may neither see a Revert button nor
post the revert form."""

import pytest
from django.test import Client
from django.urls import reverse

from core.models import Status
from tests.factories import make_heritage_item
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def _published_after_a_draft():
    item = make_heritage_item(status=Status.DRAFT, name_en="Draft name")
    item.name_en, item.status = "Public name", Status.PUBLISHED
    item.save()
    draft = item.history.earliest("history_date")
    url = reverse("admin:heritage_heritageitem_simple_history", args=[item.pk, draft.history_id])
    return item, url


def test_an_editor_cannot_revert_a_public_record_to_an_earlier_draft(client, user_in):
    item, url = _published_after_a_draft()
    publisher = user_in("Publisher", client=Client(), username="publisher")
    form = form_data(publisher.get(url).content.decode(), "historicalheritageitem_form")
    editor = user_in("Editor")
    page = editor.get(url)
    assert page.status_code == 200  # the revision can be read…
    assert 'name="_save"' not in page.content.decode()  # …but offers no Revert
    assert editor.post(url, form).status_code == 403
    item.refresh_from_db()
    assert (item.name_en, item.status) == ("Public name", Status.PUBLISHED)
    assert client.get(item.get_absolute_url()).status_code == 200


def test_a_publisher_reverts_a_public_record(client, user_in):
    item, url = _published_after_a_draft()
    publisher = user_in("Publisher")
    page = publisher.get(url).content.decode()
    assert 'name="_save"' in page
    assert publisher.post(url, form_data(page, "historicalheritageitem_form")).status_code == 302
    item.refresh_from_db()
    assert (item.name_en, item.status) == ("Draft name", Status.DRAFT)


def test_an_editor_still_reverts_a_draft(user_in):
    item = make_heritage_item(status=Status.DRAFT, name_en="First")
    item.name_en = "Second"
    item.save()
    first = item.history.earliest("history_date")
    url = reverse("admin:heritage_heritageitem_simple_history", args=[item.pk, first.history_id])
    editor = user_in("Editor")
    page = editor.get(url).content.decode()
    assert editor.post(url, form_data(page, "historicalheritageitem_form")).status_code == 302
    item.refresh_from_db()
    assert item.name_en == "First"


def test_a_deleted_record_is_not_brought_back_by_a_revert(user_in):
    item = make_heritage_item(status=Status.DRAFT, name_en="Gone")
    pk = item.pk
    first = item.history.earliest("history_date")
    url = reverse("admin:heritage_heritageitem_simple_history", args=[pk, first.history_id])
    publisher = user_in("Publisher")
    form = form_data(publisher.get(url).content.decode(), "historicalheritageitem_form")
    item.delete()
    assert publisher.post(url, form).status_code == 404
    assert not type(item).objects.filter(pk=pk).exists()
