from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path, re_path

from .media import serve_media
from .sitemaps import SITEMAPS
from .views import FaviconView, HealthView, HomeView, RobotsView, SearchView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", FaviconView.as_view()),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("healthz", HealthView.as_view(), name="healthz"),
    path("api/v1/", include("kzunesco_site.api_urls")),
    path(
        "sitemap.xml",
        sitemaps_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("search/", SearchView.as_view(), name="search"),
    path("heritage/", include("heritage.urls")),
    path("timeline/", include("timeline.urls")),
    path("publications/", include("publications.urls")),
    prefix_default_language=True,
)

# Uploaded images, only while their record is public (kzunesco_site/media.py).
urlpatterns.append(
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media, name="media")
)

handler500 = "kzunesco_site.errors.server_error"
