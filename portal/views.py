"""The home page (what the portal holds, at a glance, across the domain apps) and the
About page."""

from django.conf import settings
from django.views.generic import TemplateView

from heritage.models import HeritageItem
from publications.models import Publication
from stories.models import Story
from timeline.models import Event

from .models import Contact


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counts={
                **HeritageItem.objects.programme_counts(),
                "events": Event.objects.published().count(),
                "publications": Publication.objects.published().count(),
            },
            featured=HeritageItem.objects.published().filter(featured=True).for_listing()[:6],
            recent_events=Event.objects.published().for_listing().order_by("-start_date")[:5],
            sources=Publication.objects.published().source_documents().for_listing(),
            stories=Story.objects.published().for_listing().newest_first()[:3],
            **kwargs,
        )


class AboutView(TemplateView):
    """Who publishes the portal, what it holds and from which sources, and the terms of
    its open data."""

    template_name = "pages/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counts=HeritageItem.objects.programme_counts(),
            sources=Publication.objects.published().source_documents().for_listing(),
            licence=settings.OPEN_DATA_LICENCE,
            licence_url=settings.OPEN_DATA_LICENCE_URL,
            contact=Contact.current(),
            **kwargs,
        )
