import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import ListView
from django_filters.views import FilterView

from core.pagination import IdsFirstPaginator
from core.preview import PublicDetailView
from core.streaming import in_the_pages_language, primed
from publications.models import Publication
from timeline.models import Event

from .filters import HeritageItemFilter
from .models import HeritageItem, HeritageKind, MapArea


class HeritageListView(FilterView):
    filterset_class = HeritageItemFilter
    template_name = "heritage/heritage_list.html"
    context_object_name = "items"
    paginate_by = 12
    paginator_class = IdsFirstPaginator

    def get_queryset(self):
        # Made for each request: the order by name is the name in the request's language.
        return HeritageItem.objects.published().for_listing()

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        filters = self.filterset
        if filters.is_bound and not filters.is_valid():
            return paginator
        chosen = {name for name, _value in filters.chosen()}
        if not chosen:
            # Nothing filtered: the list's total is the programmes' counts added up, one
            # count of every published item fewer (9 ms at 100,000 items on SQLite).
            paginator.count = sum(self.programme_counts.values())
        elif chosen == {"kind"}:
            paginator.count = self.programme_counts[filters.form.cleaned_data["kind"]]
        else:
            paginator.count = filters.count()
        return paginator

    @cached_property
    def programme_counts(self) -> dict[str, int]:
        return HeritageItem.objects.programme_counts()

    def get_context_data(self, **kwargs):
        counts = self.programme_counts
        chosen = self.request.GET.get("kind", "")
        programmes = [
            Programme(
                value=kind.value, label=kind.label, count=counts[kind.value], current=kind == chosen
            )
            for kind in HeritageKind
            if counts[kind.value]
        ]
        return super().get_context_data(programmes=programmes, **kwargs)


@dataclass(frozen=True)
class Programme:
    value: str
    label: str
    count: int
    current: bool


class HeritageDetailView(PublicDetailView):
    model = HeritageItem
    template_name = "heritage/heritage_detail.html"
    context_object_name = "item"

    def get_context_data(self, **kwargs):
        item = self.object
        return super().get_context_data(
            points=item_points(item, item.components.all()),
            area=map_area(item),
            map_tiles=settings.MAP_TILE_URL,
            json_ld=json_ld(item, self.request),
            events=Event.objects.published().filter(heritage_items=item).for_listing(),
            publications=Publication.objects.published().about(item).for_listing(),
            **kwargs,
        )


# Programmes whose records are places (schema.org Place and its kinds); the others
# (intangible heritage, documents) are creative works.
PLACE_TYPES = {
    "world": "LandmarksOrHistoricalBuildings",
    "tentative": "LandmarksOrHistoricalBuildings",
    "biosphere": "Park",
    "geopark": "Park",
    "creative_city": "City",
}


def json_ld(item: HeritageItem, request) -> str:
    """schema.org data: a place with coordinates for the programmes of places, a creative
    work else; UNESCO's page and Wikidata's item as sameAs."""
    data = {
        "@context": "https://schema.org",
        "@type": PLACE_TYPES.get(item.kind, "CreativeWork"),
        "name": item.name,
        "description": item.summary,
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }
    same_as = [item.unesco_url] if item.unesco_url else []
    if item.wikidata_id:
        same_as.append(f"https://www.wikidata.org/wiki/{item.wikidata_id}")
    if same_as:
        data["sameAs"] = same_as
    places = [item, *item.components.all()] if item.kind in PLACE_TYPES else []
    geo = [
        {
            "@type": "Place",
            "name": place.name,
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(place.latitude),
                "longitude": float(place.longitude),
            },
        }
        for place in places
        if place.latitude is not None
    ]
    if geo:
        data["containsPlace"] = geo
    if item.year_inscribed:
        data["award"] = f"UNESCO {item.get_kind_display()} ({item.year_inscribed})"
    return json.dumps(data, ensure_ascii=False)


def map_area(item: HeritageItem) -> dict | None:
    """The item's uploaded area (GeoJSON), joined to it by ``for_detail``."""
    try:
        return item.map_area.geojson
    except MapArea.DoesNotExist:
        return None


def item_points(item, sites) -> list[dict]:
    """Places to draw: the item, if it has coordinates, and those of its component
    sites that have them."""
    url = item.get_absolute_url()
    points = []
    if item.latitude is not None:
        points.append(_point(item.name, url, item, item.kind, ""))
    for site in sites:
        if site.latitude is not None:
            points.append(_point(site.name, f"{url}#{site.slug}", site, "component", item.name))
    return points


def _point(name, url, place, kind, parent) -> dict:
    return {
        "name": name,
        "url": url,
        "lat": float(place.latitude),
        "lon": float(place.longitude),
        "kind": kind,
        "parent": parent,
    }


class HeritageMapView(ListView):
    """The map, whose places map.js fetches from ``HeritageMapPointsView``, and the same
    places listed for readers without the map, a page of items at a time: the page stays
    the same size however many places the archive holds. Fifty, as the timeline's page: with a
    hundred rows the page took over twice as long as with the documents' eight places."""

    template_name = "heritage/heritage_map.html"
    context_object_name = "items"
    paginate_by = 50

    def get_queryset(self):
        return HeritageItem.objects.published().for_map()

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        paginator.count = HeritageItem.objects.published().count_on_map()
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        points = [
            point for item in context["items"] for point in item_points(item, item.located_sites)
        ]
        # Every kind in the legend: map.js keeps those of the places it draws.
        every_kind = [{"kind": kind} for kind in [*HeritageKind.values, "component"]]
        return {**context, "points": points, "legend_points": every_kind,
                "map_tiles": settings.MAP_TILE_URL}  # fmt: skip


class HeritageMapPointsView(View):
    """Every place of the map as JSON, in the page's language: written a few hundred items
    at a time, so a map of any size is sent without holding it in memory."""

    def get(self, request, *args, **kwargs):
        items = primed(HeritageItem.objects.published().for_map().iterator(chunk_size=500))

        def places() -> Iterator[str]:
            separator = "["
            for item in items:
                for point in item_points(item, item.located_sites):
                    yield separator + json.dumps(point, ensure_ascii=False)
                    separator = ","
            yield "[]" if separator == "[" else "]"

        chunks = in_the_pages_language(places())
        return StreamingHttpResponse(chunks, content_type="application/json; charset=utf-8")
