import json

from django.db.models import Case, When
from django.http import JsonResponse
from django.utils.translation import gettext
from django.views.generic import ListView, TemplateView
from django_filters.views import FilterView

from core.charts import bars
from core.preview import PublicDetailView
from heritage.models import HeritageItem, HeritageKind

from . import timelinejs
from .entries import with_designation_steps
from .filters import EventFilter, TimelineFilter
from .models import Anniversary, Era, Event, Figure, FigureGroup, Person, Track


class TimelineView(FilterView):
    """The chronology, fifty events a page, grouped by era and decade in the template."""

    filterset_class = TimelineFilter
    template_name = "timeline/timeline.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        # Made for each request: events of a day are in the order of their titles in the
        # request's language.
        return Event.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(all_eras=Era, tracks=Track, **kwargs)
        chosen = {
            key: value
            for key, value in self.request.GET.items()
            if value and key not in ("page", "track")
        }
        era = chosen.pop("era", "")
        track = self.filterset.form.cleaned_data.get("track") if self.filterset.is_valid() else ""
        valid_era = era in Era.values
        context["track"] = Track(track) if track else None
        context["entries"] = with_designation_steps(
            context["page_obj"],
            years=Era(era).years if valid_era else Track(track or Track.ALL).years,
            other_filters=bool(chosen) or (bool(era) and not valid_era),
        )
        return context


class EventDetailView(PublicDetailView):
    model = Event
    template_name = "timeline/event_detail.html"
    context_object_name = "event"

    def get_context_data(self, **kwargs):
        return super().get_context_data(json_ld=event_json_ld(self.object, self.request), **kwargs)


def event_json_ld(event: Event, request) -> str:
    """schema.org Event: its dates at their precision, what it concerns (the heritage
    records, as their pages) and the publications that tell of it."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.iso_date,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if event.end_date:
        data["endDate"] = event.end_date.isoformat()
    about = [
        {
            "@type": "Thing",
            "name": item.name,
            "url": request.build_absolute_uri(item.get_absolute_url()),
        }
        for item in event.heritage_items.all()
    ]
    if about:
        data["about"] = about
    told = [
        {"@type": "CreativeWork", "name": publication.title,
         "url": request.build_absolute_uri(publication.get_absolute_url())}
        for publication in event.publications.all()
    ]  # fmt: skip
    if told:
        data["subjectOf"] = told
    return json.dumps(data, ensure_ascii=False)


class PersonListView(ListView):
    template_name = "timeline/person_list.html"
    context_object_name = "people"

    def get_queryset(self):
        return Person.objects.published()  # in the order of the names in the page's language


class PersonDetailView(PublicDetailView):
    model = Person
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
    # The heritage list, filtered by kind, carries the rest: the documents name five properties.
    world_heritage_limit = 30

    def figures_by_group(self) -> dict[str, list[Figure]]:
        """UNESCO's membership and Chairs, and the networks in Kazakhstan: one query."""
        shown = {
            "membership": FigureGroup.MEMBERSHIP,
            "chairs_total": FigureGroup.CHAIRS_TOTAL,
            "networks": FigureGroup.NETWORKS,
        }
        figures = Figure.objects.published().filter(group__in=shown.values())
        return {name: [f for f in figures if f.group == group] for name, group in shown.items()}

    def get_context_data(self, **kwargs):
        world_heritage = HeritageItem.objects.published().filter(kind=HeritageKind.WORLD_HERITAGE)
        chairs = Figure.objects.in_group(FigureGroup.CHAIRS).order_by("-value", "order")
        return super().get_context_data(
            chairs=bars(
                ((f.label, f.display_value_number, f.slug) for f in chairs),
                highlight="chairs-kazakhstan",
            ),
            inscriptions=bars(
                (year, count, f"inscriptions-{year}")
                for year, count in HeritageItem.objects.inscriptions_per_year()
            ),
            decades=bars(
                (gettext("%(decade)ss") % {"decade": decade}, count, f"decade-{decade}")
                for decade, count in sorted(Event.objects.events_per_decade().items())
            ),
            **self.figures_by_group(),
            more_figures=Figure.objects.published()
            .filter(group__in=MORE_FIGURES)
            .order_by(Case(*(When(group=g, then=i) for i, g in enumerate(MORE_FIGURES))), "order"),
            anniversaries=Anniversary.objects.calendar(),
            milestones=Event.objects.published().milestones("kazakhstan-unesco").for_listing(),
            world_heritage=world_heritage[: self.world_heritage_limit],
            # Counted with the programmes' tabs, and remembered with them.
            world_heritage_total=HeritageItem.objects.programme_counts()[
                HeritageKind.WORLD_HERITAGE
            ],
            **kwargs,
        )


class TimelineJSView(FilterView):
    """The (filtered) timeline as TimelineJS JSON, for embedding elsewhere."""

    filterset_class = EventFilter

    def get_queryset(self):
        return Event.objects.published().for_listing()  # titles in the request's language

    def render_to_response(self, context, **response_kwargs):
        data = timelinejs.document(
            title=gettext("Kazakhstan and UNESCO: timeline"),
            events=self.object_list,  # django-filter's result: all events when unfiltered
            request=self.request,
        )
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
