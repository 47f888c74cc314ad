from django.urls import path

from kzunesco_site.opendata import ListDownloadView

from . import feeds, views
from .filters import PublicationFilter
from .models import Publication

app_name = "publications"

urlpatterns = [
    path(
        "download.<str:fmt>",
        ListDownloadView.as_view(model=Publication, filterset_class=PublicationFilter),
        name="download",
    ),
    path("feed/rss/", feeds.PublicationFeed(), name="rss"),
    path("feed/atom/", feeds.PublicationAtomFeed(), name="atom"),
    path("", views.PublicationListView.as_view(), name="list"),
    path("<slug:slug>/", views.PublicationDetailView.as_view(), name="detail"),
    path("<slug:slug>/cite.<str:fmt>", views.CitationDownloadView.as_view(), name="cite"),
]
