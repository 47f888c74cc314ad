import errno
import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

DATABASE_DOWN = (OperationalError, InterfaceError)
STORAGE_FULL = (errno.ENOSPC, errno.EDQUOT)  # no space left; a quota reached
logger = logging.getLogger(__name__)


def server_error(request) -> HttpResponse:
    """The 500 page; the 503 page when the database cannot be reached; the 507 page when
    the disk (or the media storage's quota) is full.

    Rendered without the request context: it must not touch the database (sessions,
    the signed-in user) that has just failed. Django closes a broken connection at the
    end of the request, so the next request reconnects on its own."""
    error = sys.exc_info()[1]
    if isinstance(error, OSError) and error.errno in STORAGE_FULL:
        # A photograph or an import written to a full disk: the request's transaction was
        # rolled back; the person is told in words, the administrators by the log.
        logger.critical("Storage full while answering %s: %s", request.path, error)
        return HttpResponse(loader.render_to_string("507.html"), status=507)
    if isinstance(error, DATABASE_DOWN) and not _is_query_error(error):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


def _is_query_error(error: DatabaseError) -> bool:
    """A bad query (a bug) rather than an unreachable server: still a 500."""
    message = str(error).lower()
    return any(word in message for word in ("syntax error", "no such table", "no such column"))
