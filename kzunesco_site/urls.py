from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from core.views import FaviconView, HealthView, RobotsView
from heritage import urls as heritage_urls
from images.serving import serve_media
from opendata.downloads import with_download
from opendata.sitemaps import SITEMAPS
from portal.views import AboutView, HomeView
from publications import urls as publications_urls
from search.views import SearchView
from stories import urls as stories_urls
from timeline import urls as timeline_urls

urlpatterns = [
    # The import ledger and mapping profiles were under the former kzunesco_site app.
    re_path(
        r"^admin/kzunesco_site/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/archive/%(rest)s", permanent=True, query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", FaviconView.as_view()),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("healthz", HealthView.as_view(), name="healthz"),
    path("api/v1/", include("opendata.api_urls")),
    path("oai/", include("opendata.oai.urls")),
    path("reconcile/", include("search.urls")),
    path(
        "sitemap.xml",
        sitemaps_views.index,
        {
            "sitemaps": SITEMAPS,
            "sitemap_url_name": "sitemap-section",
            "template_name": "opendata/sitemap_index.xml",  # Django's output, written faster
        },
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
    path("about/", AboutView.as_view(), name="about"),
    path("search/", SearchView.as_view(), name="search"),
    path("heritage/", include(with_download("heritage", heritage_urls.urlpatterns))),
    path("timeline/", include(with_download("timeline", timeline_urls.urlpatterns))),
    path("publications/", include(with_download("publications", publications_urls.urlpatterns))),
    path("stories/", include(with_download("stories", stories_urls.urlpatterns))),
    prefix_default_language=True,
)

# Uploaded images, only while their record is public (images/serving.py).
urlpatterns.append(
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media, name="media")
)

handler500 = "core.errors.server_error"
