from django.urls import path

from kzunesco_site.opendata import ListDownloadView

from . import feeds, views
from .filters import HeritageItemFilter
from .models import HeritageItem

app_name = "heritage"

urlpatterns = [
    path(
        "download.<str:fmt>",
        ListDownloadView.as_view(model=HeritageItem, filterset_class=HeritageItemFilter),
        name="download",
    ),
    path("feed/rss/", feeds.HeritageFeed(), name="rss"),
    path("feed/atom/", feeds.HeritageAtomFeed(), name="atom"),
    path("", views.HeritageListView.as_view(), name="list"),
    path("map/", views.HeritageMapView.as_view(), name="map"),
    path("<slug:slug>/", views.HeritageDetailView.as_view(), name="detail"),
]
