"""Every URL of the site and the admin, walked by anonymous, editor, publisher, archivist
and superuser, compared with the expected permission matrix.

Each URL is sorted into a kind (by its name and what it points at); the matrix says, for
each kind, which status each role gets. A URL that fits no kind fails the test, so a new
URL cannot escape the matrix."""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver

from kzunesco_site.archive.readers import read
from kzunesco_site.archive.services import apply_plan, plan_import
from kzunesco_site.models import Status
from tests.factories import (
    make_author,
    make_component,
    make_event,
    make_heritage_item,
    make_image,
    make_publication,
    make_region,
    make_theme,
)
from tests.files import csv_bytes
from timeline.models import Anniversary, Figure, Person

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "editor", "publisher", "archivist", "superuser")


def row(*statuses: int) -> dict[str, int]:
    return dict(zip(ROLES, statuses, strict=True))


#                                   anon editor publ. arch. super
MATRIX = {
    "public page": row(200, 200, 200, 200, 200),
    "unpublished page": row(404, 200, 200, 200, 200),  # staff preview
    "unpublished file": row(404, 404, 404, 404, 404),  # citation files: never before publishing
    "redirect": row(301, 301, 301, 301, 301),
    "language switch (GET, no next)": row(302, 302, 302, 302, 302),
    "admin login": row(200, 302, 302, 302, 302),
    "admin logout (GET)": row(302, 405, 405, 405, 405),
    "admin page": row(302, 200, 200, 200, 200),
    "admin autocomplete": row(302, 403, 403, 403, 403),  # without its query parameters
    "view on site": row(302, 302, 302, 302, 302),
    "users and groups": row(302, 403, 403, 403, 200),
    "sign-in records: add": row(302, 403, 403, 403, 403),  # written by django-axes only
    "admin section without rights": row(302, 404, 404, 404, 200),  # not even its existence
    "archive section": row(302, 404, 404, 200, 200),
    "content list or form": row(302, 200, 200, 200, 200),
    "change draft": row(302, 200, 200, 200, 200),
    "change public record": row(302, 200, 200, 200, 200),  # editors and archivists: read-only
    "delete": row(302, 403, 200, 403, 200),
    "history": row(302, 200, 200, 200, 200),
    "import": row(302, 403, 403, 200, 200),
    "import step (unknown upload)": row(302, 403, 403, 404, 404),
    "export": row(302, 200, 200, 200, 200),
    "archive ledger": row(302, 403, 403, 200, 200),
    "archive ledger: add or delete": row(302, 403, 403, 403, 403),  # the ledger is read-only
    "mapping profiles": row(302, 403, 403, 200, 200),
}

PUBLIC_NAMESPACES = ("heritage", "timeline", "publications", "api")


@pytest.fixture
def records():
    region, theme = make_region(), make_theme()
    published = make_heritage_item(regions=[region])
    draft = make_heritage_item(status=Status.DRAFT)
    make_component(published, region=region)
    author = make_author()
    publication = make_publication(authors=[author])
    draft_publication = make_publication(status=Status.DRAFT)
    event = make_event(themes=[theme], heritage_items=[published])
    draft_event = make_event(status=Status.DRAFT, themes=[theme])
    person = Person.objects.create(slug="person", name_en="A person", status=Status.PUBLISHED)
    draft_person = Person.objects.create(slug="draft-person", name_en="Draft person")
    Anniversary.objects.create(subject_en="An anniversary", ordinal="100", status="published")
    Figure.objects.create(label_en="A figure", value=1, status="published")
    rows = [["slug", "kind", "name_en"], ["imported", "world", "Imported"]]
    plan = plan_import(label="heritage.HeritageItem", table=read(csv_bytes(rows), name="a.csv"))
    ledger = apply_plan(plan=plan, file_name="a.csv", checksum="0" * 64)
    images = [make_image(published).image.url, make_image(draft).image.url]
    return {
        "images": images,
        "ledger": ledger,
        "heritage": (published, draft),
        "timeline:event": (event, draft_event),
        "timeline:person": (person, draft_person),
        "publications": (publication, draft_publication),
        "api:heritage": (published, draft),
        "api:events": (event, draft_event),
        "api:publications": (publication, draft_publication),
    }


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace + (pattern.name or "")


def _admin_object(model_path: str, records):
    """A draft and a published record (or any record) of the admin's model."""
    from django.apps import apps

    app_label, model_name = model_path.split("/")
    model = apps.get_model(app_label, model_name)
    if hasattr(model, "publish_at"):
        published = model.objects.filter(status=Status.PUBLISHED).first()
        draft = model.objects.exclude(status=Status.PUBLISHED).first()
        return [(draft, "draft"), (published, "public")]
    return [(model.objects.first(), "draft")]


def urls_and_kinds(records, superuser):
    """(url, kind) for every URL pattern, with its parameters filled in."""
    content_admin = ("heritage", "timeline", "publications")
    for route, name in walk(get_resolver().url_patterns):
        if name == "admin:":
            continue  # the admin's catch-all redirect
        if name == "media":
            yield records["images"][0], "public page"
            yield records["images"][1], "unpublished page"
            continue
        path = "/" + re.sub(r"(^|/)\^", r"\1", route).replace("$", "")
        if name == "set_language":
            yield path, "language switch (GET, no next)"
        elif route == "favicon.ico":
            yield path, "redirect"
        elif name == "admin:login":
            yield path, "admin login"
        elif name == "admin:logout":
            yield path, "admin logout (GET)"
        elif name == "admin:autocomplete":
            yield path, "admin autocomplete"
        elif name == "admin:view_on_site":
            item = records["heritage"][0]
            content_type = ContentType.objects.get_for_model(item)
            yield f"/admin/r/{content_type.pk}/{item.pk}/", "view on site"
        elif name in (
            "admin:index",
            "admin:password_change",
            "admin:password_change_done",
            "admin:jsi18n",
        ):
            yield path, "admin page"
        elif name == "admin:app_list":
            for app in ("heritage", "timeline", "publications"):
                yield f"/admin/{app}/", "admin page"
            yield "/admin/auth/", "admin section without rights"
            yield "/admin/axes/", "admin section without rights"
            yield "/admin/kzunesco_site/", "archive section"
        elif name.startswith("admin:auth_"):
            obj = Group.objects.first() if "_group_" in name else superuser
            yield from _admin_urls(path, name, "users and groups", obj)
        elif name.startswith("admin:axes_"):  # sign-in attempts and lockouts
            kind = "sign-in records: add" if name.endswith("_add") else "users and groups"
            yield from _admin_urls(path, name, kind, None)
        elif name.startswith("admin:kzunesco_site_importrecord"):
            concrete = re.sub(r"<[^>]+>", str(records["ledger"].pk), path)
            read_only = name.endswith(("_add", "_delete"))
            yield concrete, "archive ledger: add or delete" if read_only else "archive ledger"
        elif name.startswith("admin:kzunesco_site_mappingprofile"):
            yield from _admin_urls(path, name, "mapping profiles", None)
        elif name.startswith("admin:") and path.split("/")[2] in content_admin:
            yield from _content_admin_urls(path, name, records)
        elif name.startswith("admin:"):
            raise AssertionError(f"no kind for {name} {path}")
        else:
            yield from _public_urls(path, name, records)


def _admin_urls(path, name, kind, obj):
    if "<path:object_id>" in path:
        if obj is None:
            return
        path = path.replace("<path:object_id>", str(obj.pk))
    if "<" in path or "(" in path:
        return
    yield path, kind


def _content_admin_urls(path, name, records):
    model_path = "/".join(path.split("/")[2:4])
    if "import-file/<str:token>" in path:
        yield (
            re.sub(r"<str:(\w+)>", lambda m: "csv" if m[1] == "fmt" else "0" * 32, path),
            ("import step (unknown upload)"),
        )
        return
    if name.endswith("_import_file"):
        yield path, "import"
        return
    if name.endswith("_export_file"):
        yield path, "export"
        return
    if "<path:object_id>" not in path and "(" not in path:
        yield path, "content list or form"
        return
    for obj, state in _admin_object(model_path, records):
        if obj is None:
            continue
        concrete = path.replace("<path:object_id>", str(obj.pk))
        if name.endswith("_simple_history"):
            version = obj.history.latest("history_date").history_id
            concrete = concrete.replace("([^/]+)/history/([^/]+)/", f"{obj.pk}/history/{version}/")
            yield concrete, "history"
        elif name.endswith("_history"):
            yield concrete, "history"
        elif name.endswith("_delete"):
            yield concrete, "delete"
        elif name.endswith("_change"):
            yield concrete, "change public record" if state == "public" else "change draft"


def _public_urls(path, name, records):
    namespace = name.split(":")[0]
    if "<slug:slug>" not in path:
        fmt = {"heritage:download": "csv", "timeline:download": "json"}.get(name, "xlsx")
        yield path.replace("<str:fmt>", fmt).replace("<section>", "heritage"), "public page"
        return
    key = next(k for k in (name.rsplit("-", 1)[0], name, namespace) if k in records)
    published, draft = records[key]
    for obj, kind in ((published, "public page"), (draft, "unpublished page")):
        concrete = path.replace("<slug:slug>", obj.slug).replace("<str:fmt>", "bib")
        if name == "publications:cite" and kind == "unpublished page":
            kind = "unpublished file"
        if namespace == "api" and kind == "unpublished page":
            kind = "unpublished file"  # the API never previews
        yield concrete, kind


@pytest.fixture
def clients(django_user_model, user_in):
    superuser = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    root = Client()
    root.force_login(superuser)
    return {
        "anonymous": Client(),
        "editor": user_in("Editor", client=Client()),
        "publisher": user_in("Publisher", client=Client()),
        "archivist": user_in("Archivist", client=Client()),
        "superuser": root,
    }, superuser


def test_every_url_answers_each_role_as_the_matrix_says(records, clients):
    by_role, superuser = clients
    mismatches = []
    seen_kinds = set()
    for url, kind in urls_and_kinds(records, superuser):
        seen_kinds.add(kind)
        for role, client in by_role.items():
            status = client.get(url).status_code
            if status != MATRIX[kind][role]:
                mismatches.append(
                    f"{role:10} {url} ({kind}): {status}, expected {MATRIX[kind][role]}"
                )
    assert not mismatches, "\n".join(mismatches)
    assert seen_kinds == set(MATRIX)
