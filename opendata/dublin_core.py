"""Each public record as a Dublin Core document, for libraries and archives that take one
record at a time: oai_dc's XML with the same elements OAI-PMH gives
(opendata/oai/metadata.py), every text in each language with xml:lang, at
``…/<slug>/dublin-core.xml`` beside the record's page, which links it."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views import View

from opendata.oai import records
from opendata.oai.metadata import dublin_core
from opendata.oai.verbs import write_dc
from opendata.oai.writer import Writer

CONTENT_TYPE = "application/xml; charset=utf-8"


class RecordDublinCoreView(View):
    source = ""  # an OAI source's spec: heritage, timeline, publications, stories

    def get(self, request, slug: str):
        source = records.BY_SPEC[self.source]
        found = source.model.objects.published().filter(slug=slug).values_list("pk", flat=True)
        pk = found.first()
        record = records.fetch(source, [pk]).get(pk) if pk is not None else None
        if record is None:
            raise Http404
        response = HttpResponse(document(record, request.build_absolute_uri), CONTENT_TYPE)
        response["Content-Disposition"] = f'inline; filename="{slug}.dc.xml"'
        response["Link"] = f'<{settings.OPEN_DATA_LICENCE_URL}>; rel="license"'
        return response


def document(record, absolute) -> bytes:
    out = Writer()
    write_dc(out, dublin_core(record, absolute))
    return out.getvalue()
