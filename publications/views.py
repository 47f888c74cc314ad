import json

from django.http import Http404, HttpResponse
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.pagination import IdsFirstPaginator
from core.preview import PublicDetailView
from heritage.models import HeritageItem
from timeline.models import Event

from . import citations
from .filters import PublicationFilter
from .models import Publication


class PublicationListView(FilterView):
    filterset_class = PublicationFilter
    template_name = "publications/publication_list.html"
    context_object_name = "publications"
    paginate_by = 20
    paginator_class = IdsFirstPaginator

    def get_queryset(self):
        # Made for each request: a year's works are in the order of their titles in the
        # request's language.
        return Publication.objects.published().for_listing()


class PublicationDetailView(PublicDetailView):
    model = Publication
    template_name = "publications/publication_detail.html"
    context_object_name = "publication"

    def get_context_data(self, **kwargs):
        publication = self.object
        return super().get_context_data(
            gost=citations.gost(publication),
            apa=citations.apa(publication),
            json_ld=json_ld(publication, self.request),
            events=Event.objects.published().filter(publications=publication).for_listing(),
            sourced_heritage=HeritageItem.objects.published()
            .filter(source_document=publication)
            .for_listing(),
            **kwargs,
        )


CITATION_FORMATS = {
    "bib": (citations.bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (citations.ris, "application/x-research-info-systems; charset=utf-8"),
    "json": (citations.csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
}


class CitationDownloadView(DetailView):
    """The publication as BibTeX, RIS or CSL-JSON, for reference managers."""

    queryset = Publication.objects.published().for_detail()

    def render_to_response(self, context, **response_kwargs):
        try:
            render, content_type = CITATION_FORMATS[self.kwargs["fmt"]]
        except KeyError:
            raise Http404 from None
        response = HttpResponse(render(self.object), content_type=content_type)
        filename = f"{self.object.slug}.{self.kwargs['fmt']}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


JSON_LD_TYPES = {
    "dissertation": "Thesis",
    "article": "ScholarlyArticle",
    "monograph": "Book",
    "book": "Book",
    "chapter": "Chapter",
    "document": "CreativeWork",
}


def json_ld(publication: Publication, request) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": JSON_LD_TYPES[publication.kind],
        "name": publication.title,
        "url": request.build_absolute_uri(publication.get_absolute_url()),
        "inLanguage": publication.language,
        "author": [
            {"@type": "Person" if a.given_names else "Organization", "name": a.name}
            for a in publication.ordered_authors()
        ],
    }
    optional = {
        "datePublished": str(publication.year) if publication.year else None,
        "abstract": publication.abstract,
        "keywords": publication.keywords,
        "sourceOrganization": publication.institution
        and {"@type": "CollegeOrUniversity", "name": publication.institution},
        "publisher": publication.publisher
        and {"@type": "Organization", "name": publication.publisher},
        "isPartOf": publication.venue and {"@type": "Periodical", "name": publication.venue},
        "pagination": publication.pages,
        "isbn": publication.isbn,
        "sameAs": publication.doi and f"https://doi.org/{publication.doi}",
        "identifier": publication.doi
        and {"@type": "PropertyValue", "propertyID": "DOI", "value": publication.doi},
    }
    data.update({key: value for key, value in optional.items() if value})
    return json.dumps(data, ensure_ascii=False)
