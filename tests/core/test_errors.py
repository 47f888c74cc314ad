"""The database going away gives a 503 page, and the site comes back by itself."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from tests.factories import make_heritage_item

pytestmark = pytest.mark.django_db(transaction=True)


def database_down():
    def refuse(self):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')

    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse)


def test_database_down_gives_a_503_page_and_the_site_recovers():
    item = make_heritage_item(name_en="Tamgaly")
    client = Client(raise_request_exception=False)
    from django.db import connection

    connection.close()
    with database_down():
        response = client.get(item.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "temporarily unavailable" in html and "Traceback" not in html
    assert "Tamgaly" in client.get(item.get_absolute_url()).content.decode()


def test_other_errors_stay_a_500(settings):
    client = Client(raise_request_exception=False)
    with mock.patch("heritage.views.HeritageListView.get", side_effect=ValueError("bug")):
        response = client.get("/en/heritage/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
