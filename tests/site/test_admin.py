import json
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from heritage.models import HeritageItem
from kzunesco_site.models import Status
from tests.factories import make_heritage_item

pytestmark = pytest.mark.django_db

MODELS = [
    model
    for app in ("heritage", "timeline", "publications")
    for model in apps.get_app_config(app).get_models()
    if model in admin.site._registry
]


def test_every_public_model_is_registered():
    names = {model.__name__ for model in MODELS}
    assert {
        "HeritageItem",
        "ComponentSite",
        "Region",
        "Event",
        "Theme",
        "Person",
        "Anniversary",
        "Figure",
        "Publication",
        "Author",
    } <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_export_pages_load(staff_client, source_data, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = staff_client.get(changelist)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Import" in html and "Export" in html
    assert (
        staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code
        == 200
    )
    record = model.objects.first()
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    assert staff_client.get(change).status_code == 200
    assert staff_client.get(changelist + "?q=a").status_code == 200


def test_change_form_has_tabs_for_the_three_languages(staff_client, source_data):
    item = HeritageItem.objects.get(slug="silk-roads-chang-an-tianshan-corridor")
    html = staff_client.get(
        reverse("admin:heritage_heritageitem_change", args=[item.pk])
    ).content.decode()
    for code in ("kk", "ru", "en"):
        assert f'name="name_{code}"' in html
    assert "Site of Talgar" in html  # components inline


def test_publish_action(staff_client):
    draft = make_heritage_item(status=Status.DRAFT)
    response = staff_client.post(
        reverse("admin:heritage_heritageitem_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "1 record changed." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("admin:heritage_heritageitem_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_assets_are_served_locally(staff_client, source_data):
    item = HeritageItem.objects.get(slug="western-tien-shan")
    html = staff_client.get(
        reverse("admin:heritage_heritageitem_change", args=[item.pk])
    ).content.decode()
    assert "vendor/jquery-ui/jquery-ui.min.js" in html
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html)


def test_the_admin_speaks_kazakh_where_djangos_own_catalogue_is_silent(staff_client):
    item = make_heritage_item(name_en="Tamgaly")
    page = staff_client.get(
        reverse("admin:heritage_heritageitem_changelist"), HTTP_ACCEPT_LANGUAGE="kk"
    ).content.decode()
    # Django's Kazakh admin translates "Action" and "Search" but not these:
    assert "Әрекет" in page and "Іздеу" in page
    assert "Өзгерту үшін таңдаңыз: мұра нысаны" in page and "үщін" not in page  # Django's typo
    for english, kazakh in [
        ("Show counts", "Сандарды көрсету"),
        ("Run", "Орындау"),
        ("- Select an option -", "- Нұсқаны таңдаңыз -"),  # Django's own forms
    ]:
        assert kazakh in page
        assert f">{english}<" not in page
    script = staff_client.get(reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE="kk")
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script.text, re.S)[1])
    assert catalog["Chosen %s"] == "Таңдалған %s"  # the many-to-many widget's heading
    history = staff_client.get(
        reverse("admin:heritage_heritageitem_history", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="kk"
    ).content.decode()  # django-simple-history's page, which has no Kazakh of its own
    assert "Өзгерткен" in history and "Жасалды" in history
    assert "Күні/уақыты" in history and "Өшіру/Уақыт" not in history  # Django's: "delete/time"
