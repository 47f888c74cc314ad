"""The site's plumbing pages: favicon, robots.txt and the health check."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView, TemplateView


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico; the icon is a static SVG."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


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
