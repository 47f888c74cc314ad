"""Who may change what the public sees: the publish permission of a kind of record.

Records with a status (heritage items, events, publications…) have a publish permission
of their own. Records without one that public pages show (regions and themes as filter
choices, a published item's component sites, a published work's authors) are guarded by
the permission of the records that show them, named by their model's ``published_with``.
"""

from django.apps import apps
from django.contrib.auth import get_permission_codename
from django.db import models

from core.models import Status


def publish_permission(model) -> str:
    """ "app.publish_model" for ``model``, or for the model that shows its records."""
    label = getattr(model, "published_with", None)
    opts = (apps.get_model(label) if label else model)._meta
    return f"{opts.app_label}.{get_permission_codename('publish', opts)}"


def may_change_public(user, model) -> bool:
    return user.has_perm(publish_permission(model))


def public_records(model) -> models.QuerySet | None:
    """The records of ``model`` the public sees or is to see (published, scheduled ones
    too; for a model without a status, those public pages show), or None for a model
    whose records are never public."""
    manager = model._default_manager
    if hasattr(manager, "shown_publicly"):
        return manager.shown_publicly()
    if hasattr(model, "publish_at"):
        return manager.filter(status=Status.PUBLISHED)
    return None
