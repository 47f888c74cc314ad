import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

DATABASE_DOWN = (OperationalError, InterfaceError)


def server_error(request) -> HttpResponse:
    """The 500 page, or the 503 page when the database cannot be reached.

    Rendered without the request context: it must not touch the database (sessions,
    the signed-in user) that has just failed. Django closes a broken connection at the
    end of the request, so the next request reconnects on its own."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN) and not _is_query_error(error):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


def _is_query_error(error: DatabaseError) -> bool:
    """A bad query (a bug) rather than an unreachable server: still a 500."""
    message = str(error).lower()
    return any(word in message for word in ("syntax error", "no such table", "no such column"))
