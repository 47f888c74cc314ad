from django.urls import path

from . import views

app_name = "timeline"

urlpatterns = [
    path("", views.TimelineView.as_view(), name="list"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
    path("people/", views.PersonListView.as_view(), name="people"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
    path("kazakhstan-and-unesco/", views.KazakhstanView.as_view(), name="kazakhstan"),
]
