"""The site's URLs and /bench/hello/: the smallest response Django can give through the
site's whole middleware stack, the baseline of benchmarks/http_load.py."""

from django.http import HttpResponse
from django.urls import path

from kzunesco_site.urls import handler500  # noqa: F401
from kzunesco_site.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/hello/", hello), *site_urlpatterns]
