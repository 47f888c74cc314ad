"""The OAI-PMH endpoint: GET and POST (harvesters send no CSRF token), never cached (a
response tells the time, and its resumption token when it expires)."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from opendata.oai import protocol


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    query = request.POST if request.method == "POST" else request.GET
    body = protocol.answer(
        query,
        base_url=request.build_absolute_uri(reverse("oai:endpoint")),
        absolute=request.build_absolute_uri,
    )
    return HttpResponse(body, content_type=protocol.CONTENT_TYPE)
