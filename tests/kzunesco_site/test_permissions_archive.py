"""The spreadsheet archive's writes and the other POSTs of the site, tried by each role
against the matrix (permission_matrix.py).

What this guarantees, for each role (anonymous, every group made by migration, a
superuser):
- import, driven as the admin drives it (upload → columns → preview → error files →
  confirm): only archivists and administrators upload and confirm; an import that
  publishes or changes a published record (or, in a test of its own, a region, which a
  public page shows) is written only for those who may publish too, all rows or none;
  the database says whether it was written;
- undo in the import ledger: only archivists and administrators; an undo that would
  delete or restore published records only for those who may publish too;
- export (the admin's GET, with the list's filters): every staff member;
- the language switch (POST), changing one's own password, and signing out."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from archive import tasks, uploads
from archive.applying import apply_plan
from archive.jobs import Job, JobKind
from archive.models import ImportRecord, ImportStatus
from archive.readers import read
from archive.services import plan_import
from heritage.models import HeritageItem
from tests.files import csv_bytes

from .permission_matrix import (
    ARCHIVISTS,
    CHANGE_OWN_PASSWORD,
    EXPORT,
    IMPORT_DRAFTS,
    IMPORT_PUBLISHING,
    ROLES,
    STAFF,
    UNDO_DRAFTS,
    UNDO_PUBLISHING,
)
from .permission_records import clients, fresh
from .permission_writes import PASSWORD, Write, changed, either, exists, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def by_role(django_user_model, user_in):
    return clients(django_user_model, user_in)


def _assert_none(role, problems):
    assert not problems, f"{role}: {len(problems)} mismatches\n" + "\n".join(problems)


def _import(client: Client, label: str, rows: list[list], name: str, allowed, happened):
    """Upload, match the columns as suggested, look at the job's preview, fetch the error
    files, confirm: the writes along the way. A role that cannot upload tries another
    archivist's job, waiting for its confirmation."""
    app_label, model_name = label.lower().split(".")
    base = f"/admin/{app_label}/{model_name}/import-file/"
    data = csv_bytes(rows)
    upload = Write(
        f"upload {name}",
        "POST",
        base,
        ARCHIVISTS,
        lambda _c: {"file": SimpleUploadedFile(f"{name}.csv", data)},
        lambda response: "/map/" in response.get("Location", ""),
    )
    writes = [upload]
    response = client.post(base, {"file": SimpleUploadedFile(f"{name}.csv", data)})
    location = response.get("Location", "") if response.status_code == 302 else ""
    if "/map/" in location:  # the role's own upload: the steps as the admin takes them
        form = client.get(location).context["form"]
        mapped = client.post(location, {f: form[f].value() or "" for f in form.fields})
        assert mapped.status_code == 302, mapped.content.decode()[:2000]
        job_url = mapped["Location"]
        job = Job.objects.get(pk=job_url.rstrip("/").split("/")[-2])
        fingerprint = client.get(job_url).context["plan"].fingerprint
    else:  # the role has no upload of its own: another archivist's job
        token = uploads.store({}, data=data, name=f"{name}.csv", label=label)
        owner = User.objects.create_user(f"other-archivist-{token[:6]}", is_staff=True)
        job = Job.objects.create(
            kind=JobKind.IMPORT,
            model_label=label,
            user=owner,
            upload_token=token,
            file_name=f"{name}.csv",
            checksum="0" * 64,
            may_publish=True,
        )
        tasks.check_import.call(job.pk)
        job.refresh_from_db()
        job_url, fingerprint = job.get_absolute_url(), job.preview["fingerprint"]
        writes.append(
            Write(
                f"match the columns of {name}",
                "POST",
                f"{base}{token}/map/",
                ARCHIVISTS,
                {"column_0": "slug", "empty_cells": "clear"},
                lambda r: "/archive/job/" in r.get("Location", ""),
            )
        )
    if job.preview and job.preview["errors"]:
        for fmt in ("csv", "xlsx"):
            writes.append(
                Write(
                    f"fetch the rejected rows of {name} ({fmt})",
                    "GET",
                    f"/admin/archive/job/{job.pk}/file/errors.{fmt}",
                    ARCHIVISTS,
                    {},
                    lambda r: "attachment" in r.get("Content-Disposition", ""),
                    ok=(200,),
                )
            )
    writes.append(
        Write(
            f"confirm {name}",
            "POST",
            job_url,
            allowed,
            {"fingerprint": fingerprint},
            happened,
            # 302 back to the job page: the refusal is on it (the rows it refuses)
            refused={role: (302,) if role in ARCHIVISTS else (403,) for role in ROLES},
        )
    )
    return writes


@pytest.mark.parametrize("role", ROLES)
def test_spreadsheet_import(role, by_role):
    client = by_role[role]
    kept = fresh("heritage.heritageitem", "draft")
    public = fresh("heritage.heritageitem", "published")
    drafts = [
        ["slug", "kind", "name_en", "status"],
        [kept.slug, "world", "Imported name", "draft"],
        ["imported-draft", "world", "Imported draft", "review"],
    ]
    publishing = [
        ["slug", "kind", "name_en", "status"],
        [public.slug, "world", "Imported over the public name", "published"],
        ["imported-published", "world", "Imported and published", "published"],
    ]
    writes = _import(
        client,
        "heritage.HeritageItem",
        drafts,
        "an import of drafts",
        IMPORT_DRAFTS,
        either(
            changed(kept, name_en="Imported name"),
            exists("heritage.heritageitem", slug="imported-draft"),
        ),
    )
    writes += _import(
        client,
        "heritage.HeritageItem",
        publishing,
        "an import that publishes and changes a published record",
        IMPORT_PUBLISHING,
        either(
            changed(public, name_en="Imported over the public name"),
            exists("heritage.heritageitem", slug="imported-published"),
        ),
    )
    _assert_none(role, run(role, client, writes))
    # All rows or none: both rows of each file the role may import, no row of the others.
    assert HeritageItem.objects.filter(name_en__startswith="Imported").count() == (
        2 * (role in IMPORT_DRAFTS) + 2 * (role in IMPORT_PUBLISHING)
    )


@pytest.mark.parametrize("role", ROLES)
def test_an_import_that_changes_a_record_public_pages_show(role, by_role):
    """A region has no status; every region is a choice of the public heritage list's
    filter, so changing one changes what is public."""
    region = fresh("heritage.region", "public")
    rows = [["slug", "name_en"], [region.slug, "Imported region name"]]
    writes = _import(
        by_role[role],
        "heritage.Region",
        rows,
        "an import that changes a region the public heritage list shows",
        IMPORT_PUBLISHING,
        changed(region, name_en="Imported region name"),
    )
    _assert_none(role, run(role, by_role[role], writes))


def _ledger(rows: list[list], *, may_publish: bool) -> ImportRecord:
    table = read(csv_bytes(rows), name="f.csv")
    plan = plan_import(label="heritage.HeritageItem", table=table, may_publish=may_publish)
    assert plan.is_valid, plan.errors
    return apply_plan(plan=plan, file_name="f.csv", checksum="0" * 64)


@pytest.mark.parametrize("role", ROLES)
def test_undo_in_the_import_ledger(role, by_role):
    drafts = _ledger(
        [["slug", "kind", "name_en"], ["undo-draft", "world", "A draft"]], may_publish=False
    )
    public = fresh("heritage.heritageitem", "published")
    published = _ledger(
        [
            ["slug", "kind", "name_en", "status"],
            ["undo-published", "world", "Published by an import", "published"],
            [public.slug, "world", "Renamed by an import", "published"],
        ],
        may_publish=True,
    )
    undone = lambda record: changed(record, status=ImportStatus.UNDONE)  # noqa: E731
    writes = [
        Write(
            "undo an import of drafts",
            "POST",
            f"/admin/archive/importrecord/{drafts.pk}/undo/",
            UNDO_DRAFTS,
            {},
            undone(drafts),
        ),
        Write(
            "undo an import that published a record and changed a published one",
            "POST",
            f"/admin/archive/importrecord/{published.pk}/undo/",
            UNDO_PUBLISHING,
            {},
            either(undone(published), changed(public, name_en=public.name_en)),
            refused=(302, 403),  # 302: to the undo's job page, with the refusal
        ),
    ]
    _assert_none(role, run(role, by_role[role], writes))


@pytest.mark.parametrize("role", ROLES)
def test_export(role, by_role):
    draft, public = (
        fresh("heritage.heritageitem", "draft"),
        fresh("heritage.heritageitem", "published"),
    )
    url = "/admin/heritage/heritageitem/export-file/"
    attachment = lambda r: "attachment" in r.get("Content-Disposition", "")  # noqa: E731
    writes = [
        Write(f"export ({fmt})", "GET", url, EXPORT, {"format": fmt}, attachment, ok=(200,))
        for fmt in ("csv", "xlsx", "json")
    ]
    writes.append(
        Write(
            "export template",
            "GET",
            url,
            EXPORT,
            {"format": "xlsx", "template": "1"},
            attachment,
            ok=(200,),
        )
    )
    _assert_none(role, run(role, by_role[role], writes))
    response = by_role[role].get(url, {"format": "csv", "status__exact": "draft"})
    if role in EXPORT:  # what the list shows, with its filters
        text = response.content.decode("utf-8-sig")
        assert draft.slug in text and public.slug not in text


@pytest.mark.parametrize("role", ROLES)
def test_language_switch_own_password_and_sign_out(role, by_role):
    client = by_role[role]
    response = client.post("/i18n/setlang/", {"language": "kk", "next": "/kk/heritage/"})
    assert (response.status_code, response["Location"]) == (302, "/kk/heritage/")
    assert client.cookies["django_language"].value == "kk"

    user_id = client.session.get("_auth_user_id")
    data = {"old_password": "pw", "new_password1": PASSWORD, "new_password2": PASSWORD}
    password = Write(
        "change one's own password",
        "POST",
        "/admin/password_change/",
        CHANGE_OWN_PASSWORD,
        data,
        lambda _r: bool(user_id) and User.objects.get(pk=user_id).check_password(PASSWORD),
    )
    _assert_none(role, run(role, client, [password]))

    response = client.post("/admin/logout/")
    assert response.status_code == (200 if role in STAFF else 302)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
