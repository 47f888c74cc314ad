from django.db.models import Case, When
from django.http import JsonResponse
from django.utils.translation import gettext
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from heritage.models import HeritageItem

from . import timelinejs
from .filters import EventFilter
from .models import Anniversary, Event, Figure, FigureGroup, Person


class TimelineView(FilterView):
    """The whole chronology on one page, grouped by era and decade in the template."""

    filterset_class = EventFilter
    queryset = Event.objects.published().for_listing()
    template_name = "timeline/timeline.html"
    context_object_name = "events"


class EventDetailView(DetailView):
    queryset = Event.objects.published().for_detail()
    template_name = "timeline/event_detail.html"
    context_object_name = "event"


class PersonListView(ListView):
    queryset = Person.objects.published()
    template_name = "timeline/person_list.html"
    context_object_name = "people"


class PersonDetailView(DetailView):
    queryset = Person.objects.published().select_related("source_document")
    template_name = "timeline/person_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            events=Event.objects.published().filter(people=self.object).for_listing(),
            **kwargs,
        )


MORE_FIGURES = [
    FigureGroup.KAZAKHSTAN,
    FigureGroup.EDUCATION,
    FigureGroup.RESEARCH,
    FigureGroup.HISTORY,
]


class KazakhstanView(TemplateView):
    """Facts and figures of Kazakhstan's cooperation with UNESCO."""

    template_name = "timeline/kazakhstan.html"

    def get_context_data(self, **kwargs):
        chairs = list(Figure.objects.in_group(FigureGroup.CHAIRS).order_by("-value", "order"))
        top = max((figure.value for figure in chairs), default=1)
        return super().get_context_data(
            membership=Figure.objects.in_group(FigureGroup.MEMBERSHIP),
            chairs_total=Figure.objects.in_group(FigureGroup.CHAIRS_TOTAL),
            chairs=[(figure, figure.value * 100 / top) for figure in chairs],
            more_figures=Figure.objects.published()
            .filter(group__in=MORE_FIGURES)
            .order_by(Case(*(When(group=g, then=i) for i, g in enumerate(MORE_FIGURES))), "order"),
            anniversaries=Anniversary.objects.calendar(),
            milestones=Event.objects.published()
            .filter(themes__slug="kazakhstan-unesco", heritage_items=None)
            .for_listing(),
            world_heritage=HeritageItem.objects.published().filter(kind="world"),
            **kwargs,
        )


class TimelineJSView(FilterView):
    """The (filtered) timeline as TimelineJS JSON, for embedding elsewhere."""

    filterset_class = EventFilter
    queryset = Event.objects.published().for_listing()

    def render_to_response(self, context, **response_kwargs):
        data = timelinejs.document(
            title=gettext("Kazakhstan and UNESCO: timeline"),
            events=self.object_list,  # django-filter's result: all events when unfiltered
            request=self.request,
        )
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
