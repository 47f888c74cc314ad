"""Open data: each public list as CSV/XLSX/JSON and as a read-only JSON API, with the
same filters as the page. Only published records, in the archive's own columns."""

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View

from archive import export_stream, exporting, readers
from core.streaming import primed
from heritage.models import HeritageItem

from . import geodata

API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 500


class PublicDataMixin:
    """A public list for machines: published ``model`` records through ``filterset_class``."""

    model = None
    filterset_class = None

    def records(self, request):
        queryset = self.model.objects.published().order_by("pk")
        filterset = self.filterset_class(request.GET, queryset=queryset)
        return filterset.qs if filterset.is_valid() else queryset.none()


class ListDownloadView(PublicDataMixin, View):
    def get(self, request, fmt: str):
        if fmt in geodata.FORMATS and self.model is HeritageItem:
            records = geodata.chunked(geodata.for_geodata(self.records(request)))
            return geodata.response(primed(records), fmt=fmt, request=request, name="heritage")
        if fmt not in readers.FORMATS:
            raise Http404
        # Streamed: the records are read a chunk at a time, however long the list.
        headers, rows = export_stream.export_rows(
            label=self.model._meta.label, queryset=self.records(request), published_only=True
        )
        rows = primed(rows)
        content_type = exporting.CONTENT_TYPES[fmt]
        if fmt == "xlsx":
            response = FileResponse(export_stream.xlsx_file(headers, rows))
            response["Content-Type"] = content_type
        else:
            chunks = export_stream.WRITERS[fmt](headers, rows)
            response = StreamingHttpResponse(chunks, content_type=content_type)
        name = self.model._meta.model_name
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        response["Link"] = f'<{settings.OPEN_DATA_LICENCE_URL}>; rel="license"'
        return response


class RecordGeodataView(View):
    """One heritage record as GeoJSON or KML: its point, its component sites, its area."""

    def get(self, request, slug: str, fmt: str):
        if fmt not in geodata.FORMATS:
            raise Http404
        item = get_object_or_404(geodata.for_geodata(HeritageItem.objects.published()), slug=slug)
        return geodata.response([item], fmt=fmt, request=request, name=item.slug)


class ApiListView(PublicDataMixin, View):
    def get(self, request):
        try:
            size = min(int(request.GET.get("page_size", API_PAGE_SIZE)), API_MAX_PAGE_SIZE)
            number = int(request.GET.get("page", 1))
            page = Paginator(self.records(request), max(size, 1)).page(number)
        except (ValueError, EmptyPage):
            return JsonResponse({"error": "No such page."}, status=404)
        dataset = exporting.export_dataset(
            label=self.model._meta.label, queryset=page.object_list, published_only=True
        )
        query = request.GET.copy()

        def link(to: int | None) -> str | None:
            if to is None:
                return None
            query["page"] = to
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return JsonResponse(
            {
                "licence": settings.OPEN_DATA_LICENCE,
                "licence_url": settings.OPEN_DATA_LICENCE_URL,
                "count": page.paginator.count,
                "next": link(page.next_page_number() if page.has_next() else None),
                "previous": link(page.previous_page_number() if page.has_previous() else None),
                "results": [dict(row) for row in dataset.dict],
            },
            json_dumps_params={"ensure_ascii": False},
        )


class ApiDetailView(PublicDataMixin, View):
    def get(self, request, slug: str):
        queryset = self.model.objects.published().filter(slug=slug)
        dataset = exporting.export_dataset(
            label=self.model._meta.label, queryset=queryset, published_only=True
        )
        if not len(dataset):
            return JsonResponse({"error": "Not found."}, status=404)
        return JsonResponse(
            {
                "licence": settings.OPEN_DATA_LICENCE,
                "licence_url": settings.OPEN_DATA_LICENCE_URL,
                "url": request.build_absolute_uri(queryset.get().get_absolute_url()),
                "record": dict(dataset.dict[0]),
            },
            json_dumps_params={"ensure_ascii": False},
        )


def api_index(request):
    return JsonResponse(
        {
            "licence": settings.OPEN_DATA_LICENCE,
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
            "lists": {
                name: request.build_absolute_uri(reverse(f"api:{name}"))
                for name in ("heritage", "events", "publications")
            },
        }
    )
