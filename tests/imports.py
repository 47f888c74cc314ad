"""Driving the admin's import screens as an archivist does: upload a file, accept or
choose the column mapping, and land on the preview."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

UPLOAD = reverse("admin:heritage_heritageitem_import_file")


def upload(client, data: bytes, name: str = "items.csv", **extra):
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), **extra})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def map_columns(client, map_url: str, choices: dict | None = None):
    form = client.get(map_url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(choices or {})
    response = client.post(map_url, data)
    assert response.status_code == 302, response.context["form"].errors
    return response["Location"]
