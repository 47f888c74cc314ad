"""The admin is usable in Russian alone and in Kazakh alone: a record is saved with its
name in any one language, its web address is made from that name, an empty name is an
error in the editor's language, and the admin's own messages are grammatical."""

import json

import pytest
from django.urls import reverse

from heritage.models import HeritageItem
from publications.models import Publication
from tests.factories import make_publication
from tests.forms import form_data

pytestmark = pytest.mark.django_db

ADD = "admin:heritage_heritageitem_add"


def add_form(client, language: str, **values) -> dict:
    page = client.get(reverse(ADD), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return {**form_data(page, "heritageitem_form"), "kind": "world", **values}


@pytest.mark.parametrize(
    ("language", "name", "slug"),
    [
        ("ru", "Мавзолей Ходжи Ахмеда Ясави", "mavzoley-khodzhi-akhmeda-yasavi"),
        ("kk", "Қожа Ахмет Ясауи кесенесі", "qozha-akhmet-yasaui-kesenesi"),
    ],
)
def test_a_record_is_saved_with_its_name_in_one_language_and_a_web_address_made_from_it(
    staff_client, language, name, slug
):
    data = add_form(staff_client, language, **{f"name_{language}": name, "slug": ""})
    response = staff_client.post(reverse(ADD), data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302, response.content.decode()[:3000]
    item = HeritageItem.objects.get()
    assert (item.slug, getattr(item, f"name_{language}"), item.name_en) == (slug, name, None)


def test_the_web_address_made_from_a_name_already_taken_gets_a_number(staff_client):
    for _ in range(2):
        data = add_form(staff_client, "ru", name_ru="Тамгалы", slug="")
        staff_client.post(reverse(ADD), data, HTTP_ACCEPT_LANGUAGE="ru")
    assert sorted(HeritageItem.objects.values_list("slug", flat=True)) == [
        "tamgaly",
        "tamgaly-2",
    ]


def test_a_record_without_a_name_in_any_language_is_refused_in_the_editors_language(
    staff_client,
):
    data = add_form(staff_client, "ru", slug="")
    page = staff_client.post(reverse(ADD), data, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Укажите «название» хотя бы на одном языке." in page
    assert not HeritageItem.objects.exists()
    # The error is on the Russian field, the tab the editor works in.
    assert '<ul class="errorlist" id="id_name_ru_error"><li>Укажите «название»' in page
    assert 'id="id_name_en_error"' not in page and 'id="id_name_kk_error"' not in page


def test_the_admins_messages_in_russian_fit_every_models_gender(staff_client):
    data = add_form(staff_client, "ru", name_ru="Тамгалы", slug="")
    done = staff_client.post(reverse(ADD), data, HTTP_ACCEPT_LANGUAGE="ru", follow=True)
    page = done.content.decode()
    item = HeritageItem.objects.get()
    link = f'<a href="/admin/heritage/heritageitem/{item.pk}/change/">Тамгалы</a>'
    assert f"Добавлено: объект наследия «{link}»." in page
    assert "был успешно добавлен" not in page
    make_publication(title_en="A work")
    publications = staff_client.get(
        reverse("admin:publications_publication_changelist"), HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert "Выберите запись для изменения: публикация" in publications
    assert "Добавить: публикация" in publications and "Добавить публикация" not in publications
    form = staff_client.get(reverse(ADD), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    # The inline's "add another" button (its text is JSON in a data attribute).
    assert json.dumps("Добавить ещё: Изображение")[1:-1] in form
    assert json.dumps("Добавить еще один")[1:-1] not in form


def test_the_web_address_is_named_as_such_in_every_language(staff_client):
    labels = {
        language: staff_client.get(reverse(ADD), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        for language in ("kk", "ru", "en")
    }
    assert ">Web address:<" in labels["en"]
    assert ">Веб-адрес:<" in labels["ru"] and "Слаг" not in labels["ru"]
    assert ">Веб-мекенжай:<" in labels["kk"]


def test_lists_open_newest_first(staff_client):
    older = make_publication(title_en="Older work")
    newer = make_publication(title_en="Newer work")
    page = staff_client.get(reverse("admin:publications_publication_changelist")).content.decode()
    assert page.index(newer.title_en) < page.index(older.title_en)
    assert Publication.objects.count() == 2


def test_the_admin_home_holds_no_security_log_but_users_and_groups_lead_to_it(staff_client):
    page = staff_client.get(reverse("admin:index")).content.decode()
    assert 'class="app-axes' not in page
    users = page[page.index('class="app-auth') :]
    users = users[: users.index("</table>")]
    assert "/admin/axes/accessattempt/" in users and "/admin/auth/user/" in users
