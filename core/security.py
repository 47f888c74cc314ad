from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address as far as this site can trust it.

    With no proxy in front (TRUSTED_PROXY_COUNT = 0) that is the TCP peer. Behind N
    proxies that each append to X-Forwarded-For, it is the N-th address from the right:
    a client can prepend anything it likes to that header, but not change what the
    proxies appended after it.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    return forwarded[-count] if len(forwarded) >= count else remote
