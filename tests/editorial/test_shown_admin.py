"""Records without a status that public pages show — regions and themes (every one is a
choice of a public list's filter), component sites of published items, authors of
published works — change only by those who may publish, in the admin, by import and by
undo; an Editor still adds and edits what no public page shows yet."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from archive.applying import apply_plan
from archive.models import ImportStatus
from archive.readers import read
from archive.services import plan_import
from core.models import Status
from heritage.models import ComponentSite, Region
from tests.factories import make_component, make_heritage_item, make_region
from tests.files import csv_bytes

pytestmark = pytest.mark.django_db


def _preview(client, label: str, data: bytes, language: str = "en"):
    app, model = label.lower().split(".")
    upload = reverse(f"admin:{app}_{model}_import_file")
    response = client.post(upload, {"file": SimpleUploadedFile("f.csv", data)})
    assert response.status_code == 302
    map_url = response["Location"]
    form = client.get(map_url).context["form"]
    # The job checks the file in the language of whoever starts it.
    response = client.post(
        map_url,
        {name: form[name].value() or "" for name in form.fields},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 302
    return client.get(response["Location"], HTTP_ACCEPT_LANGUAGE=language)


def test_an_archivists_import_may_not_add_a_component_to_a_published_item(user_in):
    public = make_heritage_item(slug="public-item", status=Status.PUBLISHED)
    make_heritage_item(slug="draft-item", status=Status.DRAFT)
    data = csv_bytes(
        [
            ["slug", "item", "name_en", "latitude", "longitude"],
            ["on-public", "public-item", "Shown", "43.1", "70.1"],
            ["on-draft", "draft-item", "Not yet shown", "43.2", "70.2"],
        ]
    )
    archivist = user_in("Archivist")
    preview = _preview(archivist, "heritage.ComponentSite", data, language="ru")
    assert preview.context["plan"].counts["invalid"] == 1
    html = preview.content.decode()
    assert "Эту запись показывают общедоступные страницы" in html
    assert not ComponentSite.objects.exists()
    assert public.components.count() == 0
    administrator = user_in("Administrator", client=Client(), username="administrator")
    assert _preview(administrator, "heritage.ComponentSite", data).context["plan"].counts == {
        "new": 2,
        "update": 0,
        "unchanged": 0,
        "invalid": 0,
    }


def test_a_region_imported_by_a_publisher_is_undone_by_a_publisher_only(user_in):
    make_heritage_item(slug="item", status=Status.PUBLISHED)
    plan = plan_import(
        label="heritage.Region",
        table=read(csv_bytes([["slug", "name_en"], ["new", "New"]]), name="regions.csv"),
    )
    record = apply_plan(plan=plan, file_name="regions.csv", checksum="0" * 64)
    undo = reverse("admin:archive_importrecord_undo", args=[record.pk])
    archivist = user_in("Archivist")
    response = archivist.post(undo, follow=True, HTTP_ACCEPT_LANGUAGE="ru")
    assert "отменить его может только публикатор" in response.content.decode()
    record.refresh_from_db()
    assert record.status == ImportStatus.APPLIED and Region.objects.filter(slug="new").exists()
    administrator = user_in("Administrator", client=Client(), username="administrator")
    administrator.post(undo)
    record.refresh_from_db()
    assert record.status == ImportStatus.UNDONE and not Region.objects.filter(slug="new").exists()


def test_an_editor_edits_a_component_of_a_draft_but_not_of_a_published_item(user_in):
    draft = make_component(make_heritage_item(status=Status.DRAFT), name_en="Draft site")
    shown = make_component(make_heritage_item(status=Status.PUBLISHED), name_en="Shown site")
    region = make_region(name_en="Turkistan Region")
    editor = user_in("Editor")
    for component, answer in ((draft, 200), (shown, 200)):
        url = reverse("admin:heritage_componentsite_change", args=[component.pk])
        page = editor.get(url).content.decode()
        assert editor.get(url).status_code == answer
        assert ('name="name_en"' in page) is (component is draft)  # the other is read-only
    region_url = reverse("admin:heritage_region_change", args=[region.pk])
    assert 'name="name_en"' not in editor.get(region_url).content.decode()
