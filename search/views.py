import json

from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from search import reconciliation
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


@method_decorator(csrf_exempt, name="dispatch")  # read-only; other programs POST here
class ReconcileView(View):
    """The W3C reconciliation service (search/reconciliation.py): its manifest, or the
    answers to a batch of ``queries`` sent by GET or POST (as OpenRefine sends them)."""

    http_method_names = ["get", "post", "options"]

    def get(self, request):
        return self._answer(request, request.GET)

    def post(self, request):
        return self._answer(request, request.POST)

    def _answer(self, request, data):
        raw = data.get("queries")
        if raw is None:
            root = request.build_absolute_uri("/").rstrip("/")
            return _open(JsonResponse(reconciliation.manifest(root=root)))
        try:
            answers = reconciliation.reconcile(json.loads(raw))
        except reconciliation.QueryError as error:
            return _open(JsonResponse({"error": str(error)}, status=400))
        except ValueError:  # not JSON
            message = gettext("“queries” is not valid JSON.")
            return _open(JsonResponse({"error": message}, status=400))
        return _open(JsonResponse(answers, json_dumps_params={"ensure_ascii": False}))


class ReconcileRecordView(View):
    """Where a result's id leads: the record's page, in the reader's language."""

    def get(self, request, identifier: str):
        record = reconciliation.record_for(identifier)
        if record is None:
            raise Http404
        return redirect(record.get_absolute_url())


def _open(response):
    """Any site's pages may ask (the data is the public pages')."""
    response["Access-Control-Allow-Origin"] = "*"
    return response
