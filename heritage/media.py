"""Whose a heritage photograph's address is, for images/serving.py: the item it shows,
served only while that item is public (or to staff who may see it)."""

from pathlib import PurePosixPath

from images.serving import register, upload_lookup

from .models import HeritageImage, HeritageItem


@register
def heritage_item_of(path: PurePosixPath) -> tuple[type, int] | None:
    lookup = upload_lookup(path, "heritage")
    if lookup is None:
        return None
    item = HeritageImage.objects.filter(**lookup).values_list("item_id", flat=True).first()
    return (HeritageItem, item) if item is not None else None
