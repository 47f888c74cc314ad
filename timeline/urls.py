from django.urls import path

from . import feeds, views

app_name = "timeline"

urlpatterns = [
    path("feed/rss/", feeds.EventFeed(), name="rss"),
    path("feed/atom/", feeds.EventAtomFeed(), name="atom"),
    path("", views.TimelineView.as_view(), name="list"),
    path("timelinejs.json", views.TimelineJSView.as_view(), name="timelinejs"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
    path("people/", views.PersonListView.as_view(), name="people"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
    path("kazakhstan-and-unesco/", views.KazakhstanView.as_view(), name="kazakhstan"),
]
