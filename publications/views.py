from django.views.generic import DetailView
from django_filters.views import FilterView

from heritage.models import HeritageItem
from timeline.models import Event

from .filters import PublicationFilter
from .models import Publication


class PublicationListView(FilterView):
    filterset_class = PublicationFilter
    queryset = Publication.objects.published().for_listing()
    template_name = "publications/publication_list.html"
    context_object_name = "publications"
    paginate_by = 20


class PublicationDetailView(DetailView):
    queryset = Publication.objects.published().for_detail()
    template_name = "publications/publication_detail.html"
    context_object_name = "publication"

    def get_context_data(self, **kwargs):
        publication = self.object
        return super().get_context_data(
            events=Event.objects.published().filter(publications=publication).for_listing(),
            sourced_heritage=HeritageItem.objects.published()
            .filter(source_document=publication)
            .for_listing(),
            **kwargs,
        )
