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
    dublin_core = path(
        RECORD_PATHS[namespace] + "dublin-core.xml",
        RecordDublinCoreView.as_view(source=namespace),
        name="dublin_core",
    )
    if namespace not in LISTS:
        return [dublin_core, *patterns], namespace
    model, filterset_class = LISTS[namespace]
    download = path(
        "download.<str:fmt>",
        ListDownloadView.as_view(model=model, filterset_class=filterset_class),
        name="download",
    )
    if namespace == "heritage":  # places: each record as geodata too
        geodata = path(
            "<slug:slug>/download.<str:fmt>", RecordGeodataView.as_view(), name="geodata"
        )
        return [download, geodata, dublin_core, *patterns], namespace
    return [download, dublin_core, *patterns], namespace
