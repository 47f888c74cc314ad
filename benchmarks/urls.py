"""The site's URLs and two references for benchmarks/http_load.py: /bench/hello/, the
smallest response Django can give through the site's whole middleware stack (the
baseline), and /bench/frame/, the site's frame (base.html: header, navigation, language
links, footer) with nothing in it, what every page costs before its own content."""

from django.http import HttpResponse
from django.urls import path
from django.views.generic import TemplateView

from kzunesco_site.urls import handler500  # noqa: F401
from kzunesco_site.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/hello/", hello),
    path("bench/frame/", TemplateView.as_view(template_name="base.html")),
    *site_urlpatterns,
]
