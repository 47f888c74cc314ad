"""The repository's settings, each read when it is needed (tests override them), with its
default. docs/oai.md lists them."""

from django.conf import settings

# The domain of the oai-identifier scheme: identifiers are oai:<this>:<set>/<pk>. It must
# never change once harvesters hold identifiers; the deployment guide's host by default.
DEFAULT_REPOSITORY_IDENTIFIER = "unesco.kz"
DEFAULT_REPOSITORY_NAME = "Kazakhstan and UNESCO"
DEFAULT_PAGE_SIZE = 100
DEFAULT_TOKEN_SECONDS = 24 * 60 * 60


def repository_identifier() -> str:
    return getattr(settings, "OAI_REPOSITORY_IDENTIFIER", DEFAULT_REPOSITORY_IDENTIFIER)


def repository_name() -> str:
    return getattr(settings, "OAI_REPOSITORY_NAME", DEFAULT_REPOSITORY_NAME)


def admin_emails() -> list[str]:
    """OAI_ADMIN_EMAIL: one address or a list. By default the domain's webmaster, the
    mailbox RFC 2142 reserves for a web service's operator."""
    configured = getattr(settings, "OAI_ADMIN_EMAIL", None)
    if not configured:
        return [f"webmaster@{repository_identifier()}"]
    return [configured] if isinstance(configured, str) else list(configured)


def page_size() -> int:
    return max(1, int(getattr(settings, "OAI_PAGE_SIZE", DEFAULT_PAGE_SIZE)))


def token_seconds() -> int:
    """How long a resumption token is accepted after it was issued."""
    return max(1, int(getattr(settings, "OAI_RESUMPTION_TOKEN_SECONDS", DEFAULT_TOKEN_SECONDS)))
