"""Every URL pattern of the resolver, recursively (the admin's, the i18n patterns, the API,
sitemaps, media…), with its parameters filled in from records the test made and sorted
into a kind of the matrix. A pattern this module cannot fill or sort, or a filled URL
that reaches another pattern than the one it was made for, is reported, never skipped."""

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from opendata.sitemaps import SITEMAPS

from .permission_matrix import CONTENT, POLICIES

LANGUAGES = ("kk", "ru", "en")
SEARCH = "?q=record"  # the names of published and unpublished records alike
# The same names asked of the reconciliation service, as OpenRefine asks (by GET here).
RECONCILE = "?" + urlencode({"queries": json.dumps({"q0": {"query": "record", "limit": 25}})})
DOWNLOADS = ("csv", "xlsx", "json")  # README: /<lang>/heritage/download.csv (.xlsx, .json)
OAI_SETS = {  # the records OAI-PMH gives, by the set in their identifiers
    "heritage.heritageitem": "heritage",
    "timeline.event": "timeline",
    "publications.publication": "publications",
    "stories.story": "stories",
}
GEODATA = ("geojson", "kml")  # the heritage list and each place for maps and GIS
CITATIONS = ("bib", "ris", "json")  # README: …/<slug>/cite.bib, .ris, .json
AUTOCOMPLETE = "?app_label=timeline&model_name=event&field_name=heritage_items&term=record"
DETAIL_PAGES = {  # public pages of one record, by URL name: the model and the kind of page
    "heritage:detail": ("heritage.heritageitem", "unpublished page"),
    "timeline:event": ("timeline.event", "unpublished page"),
    "timeline:person": ("timeline.person", "unpublished page"),
    "publications:detail": ("publications.publication", "unpublished page"),
    "publications:cite": ("publications.publication", "unpublished file"),
    "heritage:geodata": ("heritage.heritageitem", "unpublished file"),
    "stories:detail": ("stories.story", "unpublished page"),
    "heritage:dublin_core": ("heritage.heritageitem", "unpublished file"),
    "timeline:dublin_core": ("timeline.event", "unpublished file"),
    "publications:dublin_core": ("publications.publication", "unpublished file"),
    "stories:dublin_core": ("stories.story", "unpublished file"),
    "api:heritage-detail": ("heritage.heritageitem", "unpublished file"),
    "api:events-detail": ("timeline.event", "unpublished file"),
    "api:publications-detail": ("publications.publication", "unpublished file"),
}
ADMIN_PAGES = {
    "admin:index": "admin page",
    "admin:password_change": "admin page",
    "admin:password_change_done": "admin page",
    "admin:jsi18n": "admin page",
    "admin:coverage": "admin page",  # what is left to translate, for every role
    "admin:login": "admin login",
    "admin:logout": "admin logout (GET)",
}
MODEL_PAGES = {  # what follows admin/<app>/<model>/ → the page
    "": "list",
    "add/": "add",
    "<path:object_id>/": "record's address",
    "<path:object_id>/change/": "change",
    "<path:object_id>/history/": "history",
    "<path:object_id>/delete/": "delete",
    "^([^/]+)/history/([^/]+)/$": "revert form",
    "import-file/": "import",
    "reconcile-whc/": "import",  # comparing with UNESCO's list: as importing
    "import-file/<str:token>/map/": "import step",
    "export-file/": "export",
    "<int:pk>/undo/": "undo",
    "<id>/password/": "password",
    "<int:pk>/file/<str:name>": "job file",
}
KINDS = {  # policy → page → kind
    "content": {
        "list": "content",
        "add": "content",
        "change": "content",
        "history": "content",
        "revert form": "content",
        "delete": "content: delete",
        "import": "import",
        "import step": "import step: another session's upload",
        "export": "export",
    },
    "archive": dict.fromkeys(("list", "add", "change", "history", "delete"), "archive"),
    "ledger": {
        **dict.fromkeys(("list", "change", "history", "undo"), "archive"),
        **dict.fromkeys(("add", "delete"), "ledger: add or delete"),
    },
    "jobs": {
        **dict.fromkeys(("list", "change", "history"), "archive"),
        **dict.fromkeys(("add", "delete"), "ledger: add or delete"),
        "job file": "job: a file it does not have",
    },
    "accounts": dict.fromkeys(
        ("list", "add", "change", "history", "delete", "password"), "accounts"
    ),
    "sign-in records": {
        **dict.fromkeys(("list", "change", "history", "delete"), "accounts"),
        "add": "sign-in records: add",
    },
}
for _pages in KINDS.values():  # admin/<app>/<model>/<id>/ sends any user on to the change page
    _pages["record's address"] = "admin: record's address"
EVERY_RECORD_SHOWN = ("heritage.region", "heritage.state", "timeline.theme")
SECTIONS = {"heritage": "content", "timeline": "content", "publications": "content"}
SECTIONS |= {"stories": "content"}
SECTIONS |= {"archive": "archive section", "auth": "accounts section"}
SECTIONS |= {"axes": "accounts section", "portal": "accounts section"}


def patterns() -> list[tuple[str, str]]:
    """(route, name) of every URL pattern; the language prefix is ``{lang}/``."""

    def walk(entries, prefix, namespace):
        for entry in entries:
            if isinstance(entry, URLResolver):
                part = "{lang}/" if isinstance(entry.pattern, LocalePrefixPattern) else ""
                part = part or str(entry.pattern)
                inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
                yield from walk(entry.url_patterns, prefix + part, inner)
            else:
                yield prefix + str(entry.pattern), namespace + (entry.name or "")

    return list(walk(get_resolver().url_patterns, "", ""))


def reached(url: str) -> str | None:
    """The route of the pattern a URL reaches (in its own language)."""
    path = url.split("?")[0]
    language = path.split("/")[1]
    with translation.override(language if language in LANGUAGES else None):
        try:
            return resolve(path).route
        except Resolver404:
            return None


@dataclass
class Walk:
    """The URLs to request, each with its kind, and the patterns that could not be filled."""

    records: dict = field(repr=False)  # label → state → record (permission_records.fresh)
    images: dict = field(repr=False)  # state → address of an uploaded image
    token: str = field(repr=False)  # an upload of another session
    urls: list[tuple[str, str]] = field(default_factory=list)
    unfilled: list[str] = field(default_factory=list)

    def run(self) -> "Walk":
        for index, (route, name) in enumerate(patterns()):
            route = route.replace("{lang}", LANGUAGES[index % len(LANGUAGES)])
            found = self.fill(route, name) or []
            own = re.sub(r"(?<=/)\^", "", route)  # as Django gives a match's route
            astray = [(url, reached(url)) for url, _kind in found if reached(url) != own]
            if not found:
                self.unfilled.append(f"{name or '(no name)'}: {route}")
            elif astray:  # a URL that is not this pattern's own
                self.unfilled += [f"{name}: {route}: {url} reaches {to}" for url, to in astray]
            else:
                self.urls += found
        return self

    def fill(self, route: str, name: str) -> list[tuple[str, str]] | None:
        path = "/" + route
        if name in ADMIN_PAGES:
            return [(path, ADMIN_PAGES[name])]
        if name == "admin:autocomplete":
            return [(path + AUTOCOMPLETE, "content")]
        if name == "admin:view_on_site":
            return self._view_on_site()
        if name == "admin:app_list":
            listed = re.search(r"\(\?P<app_label>([\w|]+)\)", route)[1].split("|")
            if not set(listed) <= set(SECTIONS):
                return None
            return [(f"/admin/{app}/", SECTIONS[app]) for app in listed]
        if route == "^admin/kzunesco_site/(?P<rest>.*)$":  # the ledger's former address
            return [("/admin/kzunesco_site/importrecord/", "redirect")]
        if route == "admin/(?P<url>.*)$":
            return [("/admin/no-such-page/", "admin: no such page")]
        if route.startswith("admin/"):
            return self._model_page(route)
        if name == "media":
            kinds = {"published": "public page"}
            return [
                (url, kinds.get(state, "unpublished page")) for state, url in self.images.items()
            ]
        if name in DETAIL_PAGES:
            return self._detail(path, *DETAIL_PAGES[name])
        if name == "set_language":
            return [(path, "language switch (GET)")]
        if route == "favicon.ico":
            return [(path, "redirect")]
        if name == "sitemap-section":
            return [(path.replace("<section>", section), "public page") for section in SITEMAPS]
        if "<str:fmt>" in route and name.endswith(":download"):
            formats = DOWNLOADS + GEODATA if name == "heritage:download" else DOWNLOADS
            return [(path.replace("<str:fmt>", fmt), "public page") for fmt in formats]
        if name == "search":
            return [(path + SEARCH, "public page")]
        if name == "oai:endpoint":
            return self._oai(path)
        if name == "reconcile:service":
            return [(path, "public page"), (path + RECONCILE, "public page")]
        if name == "reconcile:record":  # a result's id: on to the record's page
            return [
                (
                    path.replace("<path:identifier>", f"heritage/{record.slug}"),
                    "redirect to the page" if state == "published" else "unpublished file",
                )
                for state, record in self.records["heritage.heritageitem"].items()
            ]
        if "<" not in route and "(" not in route:
            return [(path, "public page")]
        return None

    def _oai(self, path):
        """Every verb, and every state's record asked for by its identifier: OAI-PMH answers
        200 with an error element for what it does not have, so each is a public page in
        which no unpublished record may show."""
        harvested = "&metadataPrefix=oai_dc"
        urls = [
            f"{path}?verb={verb}" for verb in ("Identify", "ListSets", "ListMetadataFormats")
        ] + [f"{path}?verb={verb}{harvested}" for verb in ("ListIdentifiers", "ListRecords")]
        for label, prefix in OAI_SETS.items():
            for record in self.records[label].values():
                identifier = f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:{prefix}/{record.pk}"
                urls.append(f"{path}?verb=GetRecord{harvested}&identifier={identifier}")
        return [(url, "public page") for url in urls]

    def _view_on_site(self):
        urls = []
        for state in ("published", "draft"):
            item = self.records["heritage.heritageitem"][state]
            content_type = ContentType.objects.get_for_model(item)
            urls.append((f"/admin/r/{content_type.pk}/{item.pk}/", "view on site"))
        return urls

    def _detail(self, path, label, unpublished_kind):
        urls = []
        for state, record in self.records[label].items():
            kind = "public page" if state == "published" else unpublished_kind
            concrete = path.replace("<slug:slug>", record.slug)
            formats = ("",)
            if "<str:fmt>" in concrete:
                formats = GEODATA if "/download." in concrete else CITATIONS
            urls += [(concrete.replace("<str:fmt>", fmt), kind) for fmt in formats]
        return urls

    def _model_page(self, route):
        match = re.fullmatch(r"admin/(\w+)/(\w+)/(.*)", route)
        if not match:
            return None
        app_label, model_name, rest = match.groups()
        label = f"{app_label}.{model_name}"
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return None
        if model not in admin.site._registry or label not in POLICIES:
            return None
        policy = "content" if POLICIES[label] in CONTENT else POLICIES[label]
        page = MODEL_PAGES.get(rest)
        kind = KINDS[policy].get(page)
        if page == "add" and label in EVERY_RECORD_SHOWN:
            kind = "content: add where every record is shown"
        if kind is None:
            return None
        prefix = f"/admin/{app_label}/{model_name}/"
        if page == "import step":
            concrete = prefix + rest.replace("<str:token>", self.token)
            formats = ("csv", "xlsx") if "<str:fmt>" in concrete else ("",)
            return [(concrete.replace("<str:fmt>", fmt), kind) for fmt in formats]
        if "<" not in rest and "(" not in rest:
            return [(prefix + rest, kind)]
        urls = []
        # One record a public page shows: every role's own change and revert forms of
        # drafts (and of published records) are fetched and posted by
        # test_permissions_writes.py.
        for state, record in self.records[label].items():
            if state not in ("published", "public", "any"):
                continue
            if page == "revert form":
                revision = record.history.earliest("history_date").history_id
                concrete = f"{record.pk}/history/{revision}/"
            else:
                concrete = re.sub(r"<[^>]+>", str(record.pk), rest)
            urls.append((prefix + concrete, kind))
        return urls
