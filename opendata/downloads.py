"""Each public list as a file (CSV, XLSX, JSON) with the list's own filters, at
``<list>/download.<fmt>``, and each record as Dublin Core, inside the domain app's
namespace: kzunesco_site/urls.py adds these patterns to the app's own, so that the domain
apps need not know the archive's export or the open-data formats."""

from django.urls import path

from heritage.filters import HeritageItemFilter
from heritage.models import HeritageItem
from opendata.dublin_core import RecordDublinCoreView
from opendata.views import ListDownloadView, RecordGeodataView
from publications.filters import PublicationFilter
from publications.models import Publication
from timeline.filters import EventFilter
from timeline.models import Event

LISTS = {
    "heritage": (HeritageItem, HeritageItemFilter),
    "timeline": (Event, EventFilter),
    "publications": (Publication, PublicationFilter),
}


# Where each app's records are, under its own URL prefix, for their Dublin Core.
RECORD_PATHS = {
    "heritage": "<slug:slug>/",
    "timeline": "events/<slug:slug>/",
    "publications": "<slug:slug>/",
    "stories": "<slug:slug>/",
}


def with_download(namespace: str, patterns: list) -> tuple[list, str]:
    """``patterns`` of the app ``namespace``, its list's download (where it has a list of
    open data) and each record's Dublin Core, to ``include()``."""
    added = []
    if namespace in LISTS:
        model, filterset_class = LISTS[namespace]
        view = ListDownloadView.as_view(model=model, filterset_class=filterset_class)
        added.append(path("download.<str:fmt>", view, name="download"))
    if namespace == "heritage":  # places: each record as geodata too
        view = RecordGeodataView.as_view()
        added.append(path("<slug:slug>/download.<str:fmt>", view, name="geodata"))
    view = RecordDublinCoreView.as_view(source=namespace)
    added.append(path(RECORD_PATHS[namespace] + "dublin-core.xml", view, name="dublin_core"))
    return [*added, *patterns], namespace
