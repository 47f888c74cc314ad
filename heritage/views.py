from django.db.models import Q
from django.views.generic import DetailView
from django_filters.views import FilterView

from publications.models import Publication
from timeline.models import Event

from .filters import HeritageItemFilter
from .models import HeritageItem


class HeritageListView(FilterView):
    filterset_class = HeritageItemFilter
    queryset = HeritageItem.objects.published().for_listing()
    template_name = "heritage/heritage_list.html"
    context_object_name = "items"
    paginate_by = 12


class HeritageDetailView(DetailView):
    queryset = HeritageItem.objects.published().for_detail()
    template_name = "heritage/heritage_detail.html"
    context_object_name = "item"

    def get_context_data(self, **kwargs):
        item = self.object
        related_publications = Publication.objects.published().filter(
            Q(events__heritage_items=item) | Q(pk=item.source_document_id)
        )
        return super().get_context_data(
            events=Event.objects.published().filter(heritage_items=item).for_listing(),
            publications=related_publications.distinct().for_listing(),
            **kwargs,
        )
