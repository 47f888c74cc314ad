"""One log record per request, with its facts as fields (for LOG_FORMAT=json)."""

import logging
import time

from core.security import client_ip

logger = logging.getLogger("kzunesco.request")


class RequestLogMiddleware:
    """First in MIDDLEWARE, so the duration covers everything Django does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not logger.isEnabledFor(logging.INFO):
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 2)
        logger.info(
            "%s %s %s %.2fms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "page_cache": response.get("X-Page-Cache", ""),
                "client": client_ip(request),
            },
        )
        return response
