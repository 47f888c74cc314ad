from django.db import transaction
from django.db.models import QuerySet

from .models import Status


def set_status(*, queryset: QuerySet, status: Status) -> int:
    """Publish or unpublish every record of ``queryset``; returns how many changed."""
    with transaction.atomic():
        return queryset.exclude(status=status).update(status=status)
