from django.urls import path

from . import feeds, views

app_name = "publications"

urlpatterns = [
    path("feed/rss/", feeds.PublicationFeed(), name="rss"),
    path("feed/atom/", feeds.PublicationAtomFeed(), name="atom"),
    path("", views.PublicationListView.as_view(), name="list"),
    path("<slug:slug>/", views.PublicationDetailView.as_view(), name="detail"),
    path("<slug:slug>/cite.<str:fmt>", views.CitationDownloadView.as_view(), name="cite"),
]
