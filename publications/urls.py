from django.urls import path

from core.feeds import feed_urls

from . import feeds, views

app_name = "publications"

urlpatterns = [
    *feed_urls(feeds.PublicationFeed),
    path("", views.PublicationListView.as_view(), name="list"),
    path("<slug:slug>/", views.PublicationDetailView.as_view(), name="detail"),
    path("<slug:slug>/cite.<str:fmt>", views.CitationDownloadView.as_view(), name="cite"),
]
