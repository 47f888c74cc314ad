"""Each public list as a file (CSV, XLSX, JSON) with the list's own filters, at
``<list>/download.<fmt>`` inside the domain app's namespace: kzunesco_site/urls.py adds
these patterns to the app's own, so that the domain apps need not know the archive's
export."""

from django.urls import path

from heritage.filters import HeritageItemFilter
from heritage.models import HeritageItem
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


def with_download(namespace: str, patterns: list) -> tuple[list, str]:
    """``patterns`` of the app ``namespace`` and its list's download, to ``include()``."""
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
        return [download, geodata, *patterns], namespace
    return [download, *patterns], namespace
