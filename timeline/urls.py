from django.urls import path

from core.feeds import feed_urls

from . import feeds, views

app_name = "timeline"

urlpatterns = [
    *feed_urls(feeds.EventFeed),
    path("", views.TimelineView.as_view(), name="list"),
    path("timelinejs.json", views.TimelineJSView.as_view(), name="timelinejs"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
    path("people/", views.PersonListView.as_view(), name="people"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
    path("kazakhstan-and-unesco/", views.KazakhstanView.as_view(), name="kazakhstan"),
]
