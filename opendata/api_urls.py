from django.urls import path

from heritage.filters import HeritageItemFilter
from heritage.models import HeritageItem
from opendata.views import ApiDetailView, ApiListView, api_index
from publications.filters import PublicationFilter
from publications.models import Publication
from timeline.filters import EventFilter
from timeline.models import Event

app_name = "api"

LISTS = {
    "heritage": (HeritageItem, HeritageItemFilter),
    "events": (Event, EventFilter),
    "publications": (Publication, PublicationFilter),
}

urlpatterns = [path("", api_index, name="index")]
for name, (model, filterset) in LISTS.items():
    options = {"model": model, "filterset_class": filterset}
    urlpatterns += [
        path(f"{name}/", ApiListView.as_view(**options), name=name),
        path(f"{name}/<slug:slug>/", ApiDetailView.as_view(**options), name=f"{name}-detail"),
    ]
