from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView, TemplateView

from heritage.models import HeritageItem
from publications.models import Publication
from timeline.models import Event

from .search import MIN_LENGTH, search


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counts={
                **HeritageItem.objects.published().count_by_kind(),
                "events": Event.objects.published().count(),
                "publications": Publication.objects.published().count(),
            },
            featured=HeritageItem.objects.published().filter(featured=True).for_listing()[:6],
            recent_events=Event.objects.published().for_listing().order_by("-start_date")[:5],
            sources=Publication.objects.published().source_documents().for_listing(),
            **kwargs,
        )


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico; the icon is a static SVG."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


class SearchView(TemplateView):
    template_name = "pages/search.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:200]
        groups = search(query)
        return super().get_context_data(
            query=query,
            groups=groups,
            total=sum(len(group.results) for group in groups),
            too_short=bool(query) and len(query) < MIN_LENGTH,
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class HealthView(View):
    """For load balancers and monitors: 200 while the database answers, else 503."""

    def get(self, request):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
        return JsonResponse({"status": "ok", "database": "ok"})
