from django.views.generic import TemplateView

from search.query import MIN_LENGTH, search


class SearchView(TemplateView):
    template_name = "pages/search.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:200]
        groups = search(query)
        return super().get_context_data(
            query=query,
            groups=groups,
            total=sum(len(group.results) for group in groups),
            too_short=bool(query) and len(query) < MIN_LENGTH,
            **kwargs,
        )
