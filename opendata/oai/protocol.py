"""An OAI-PMH response: the envelope (responseDate, the request echoed, then the verb's
answer or an error), as the specification's section 3.2 shows it."""

from collections.abc import Callable

from django.utils import timezone

from opendata.oai.arguments import OaiError, parse, utc
from opendata.oai.verbs import VERBS, Context
from opendata.oai.writer import OAI, OAI_SCHEMA, XSI, Writer

CONTENT_TYPE = "text/xml; charset=utf-8"


def answer(query, *, base_url: str, absolute: Callable[[str], str]) -> bytes:
    """The response to the arguments ``query`` (a QueryDict) sent to ``base_url``."""
    context = Context(timezone.now(), base_url, absolute)
    echoed = {}  # after badVerb or badArgument (the arguments' errors) the base URL alone
    try:
        request = parse(query)
        echoed = {"verb": request.verb, **request.arguments}
        body = VERBS[request.verb](request, context)
    except OaiError as error:
        body = _error(error)
    out = Writer()
    location = f"{OAI} {OAI_SCHEMA}"
    with out.element(OAI, "OAI-PMH", {(XSI, "schemaLocation"): location}, declare=(OAI, XSI)):
        out.leaf(OAI, "responseDate", utc(context.now))
        out.leaf(OAI, "request", base_url, echoed)
        body(out)
    return out.getvalue()


def _error(error: OaiError):
    def write(out: Writer) -> None:
        out.leaf(OAI, "error", error.message, {"code": error.code})

    return write
