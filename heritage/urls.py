from django.urls import path

from core.feeds import feed_urls

from . import feeds, views

app_name = "heritage"

urlpatterns = [
    *feed_urls(feeds.HeritageFeed),
    path("", views.HeritageListView.as_view(), name="list"),
    path("map/", views.HeritageMapView.as_view(), name="map"),
    path("map/places.json", views.HeritageMapPointsView.as_view(), name="map-places"),
    path("<slug:slug>/", views.HeritageDetailView.as_view(), name="detail"),
]
