from django.urls import path

from . import feeds, views

app_name = "heritage"

urlpatterns = [
    path("feed/rss/", feeds.HeritageFeed(), name="rss"),
    path("feed/atom/", feeds.HeritageAtomFeed(), name="atom"),
    path("", views.HeritageListView.as_view(), name="list"),
    path("map/", views.HeritageMapView.as_view(), name="map"),
    path("<slug:slug>/", views.HeritageDetailView.as_view(), name="detail"),
]
