import json
import re
from pathlib import Path

import django
import django_prose_editor
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import trans_real

from archive import registry
from core.models import Status
from heritage.models import HeritageItem
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
    importable = opts.label_lower in registry.resources()
    assert ("Import" in html and "Export" in html) == importable
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
    catalog = _script_catalog(staff_client, "kk")
    assert catalog["Chosen %s"] == "Таңдалған %s"  # the many-to-many widget's heading
    history = staff_client.get(
        reverse("admin:heritage_heritageitem_history", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="kk"
    ).content.decode()  # django-simple-history's page, which has no Kazakh of its own
    assert "Өзгерткен" in history and "Жасалды" in history
    assert "Күні/уақыты" in history and "Өшіру/Уақыт" not in history  # Django's: "delete/time"


def test_autocomplete_fields_speak_kazakh(staff_client, source_data):
    # Select2, the admin's autocomplete, ships no Kazakh; the site's file has each of
    # the messages Select2's Russian has, and Kazakh pages load it.
    item = HeritageItem.objects.get(slug="western-tien-shan")
    page = staff_client.get(
        reverse("admin:heritage_heritageitem_change", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="kk"
    ).content.decode()
    assert 'src="/static/admin/js/vendor/select2/i18n/kk.js"' in page
    assert re.search(r'<select name="source_document"[^>]*admin-autocomplete[^>]* lang="kk">', page)
    select2 = Path(django.__file__).parent / "contrib/admin/static/admin/js/vendor/select2"
    messages = set(re.findall(r"(\w+):function", (select2 / "i18n/ru.js").read_text()))
    kazakh = (settings.BASE_DIR / "static/admin/js/vendor/select2/i18n/kk.js").read_text()
    assert 'define("select2/i18n/kk"' in kazakh
    assert messages and {m for m in messages if f"{m}: " not in kazakh} == set()


def test_the_admin_speaks_russian_where_djangos_own_catalogue_is_silent(staff_client):
    make_heritage_item(name_en="Tamgaly")

    def russian(url_name: str) -> str:
        return staff_client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    items = russian("admin:heritage_heritageitem_changelist")
    assert "- Выберите вариант -" in items and "Select an option" not in items
    events = russian("admin:timeline_event_changelist")
    assert "Фильтр: дата" in events and "Filter by" not in events  # the date hierarchy
    user_form = russian("admin:auth_user_add")
    assert "Single Sign-On" in user_form and "Sing-On" not in user_form  # Django's typo
    profile_form = russian("admin:archive_mappingprofile_add")
    assert "Создал" in profile_form and "Created by" not in profile_form
    attempts = russian("admin:axes_accessattempt_changelist")
    assert "Заблокирован" in attempts and "Locked Out" not in attempts  # django-axes
    catalog = _script_catalog(staff_client, "ru")
    assert catalog["Today (%(date)s)"] == "Сегодня (%(date)s)"  # the calendar
    assert catalog["Edit Link"] == "Изменить ссылку"  # the rich-text editor's link dialog


def _script_catalog(client, language: str) -> dict:
    script = client.get(reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE=language)
    return json.loads(re.search(r"const newcatalog = (\{.*?\});", script.text, re.S)[1])


def _catalogue_keys(path: Path) -> set[str]:
    """A gettext catalogue's keys as Django's script catalogue names them ("context\x04id")."""
    text = path.read_text(encoding="utf-8") + "\n"
    strings = r'((?:".*"\n)+)'
    entries = re.findall(rf"^(?:msgctxt {strings})?msgid {strings}", text, re.M)

    def join(lines: str) -> str:
        return "".join(json.loads(line) for line in lines.splitlines() if line)

    return {
        (join(context) + "\x04" if context else "") + join(msgid)
        for context, msgid in entries
        if msgid.strip() != '""'
    }


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_string_of_the_admins_scripts_is_translated(staff_client, language):
    # Django's calendar, clock and selector widgets, and the rich-text editor's dialogs,
    # which ships no Russian or Kazakh: a new release adding strings fails here.
    sources = [
        Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po",
        *Path(django_prose_editor.__file__).parent.glob("locale/*/LC_MESSAGES/djangojs.po"),
    ]
    wanted = set().union(*(_catalogue_keys(path) for path in sources))
    catalog = _script_catalog(staff_client, language)
    assert sorted(wanted - catalog.keys()) == []


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_string_of_the_admins_pages_is_translated(language):
    wanted = _catalogue_keys(
        Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/django.po"
    )
    catalog = trans_real.translation(language)._catalog
    missing = {key for key in wanted if key not in catalog and (key, 0) not in catalog}
    assert sorted(missing - {", "}) == []  # a list separator needs no translation
