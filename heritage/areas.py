"""A heritage item's area on the map: the property's polygons and its buffer zone, as
staff upload them (core/geojson.py). Kept beside the record, not in it, so that lists,
exports and feeds never load thousands of coordinates."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.geojson import describe


class MapArea(models.Model):
    item = models.OneToOneField(
        "heritage.HeritageItem",
        on_delete=models.CASCADE,
        related_name="map_area",
        verbose_name=_("item"),
    )
    geojson = models.JSONField(_("area (GeoJSON)"))
    source_url = models.URLField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where the boundary comes from, such as UNESCO's map of the property."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("area on the map")
        verbose_name_plural = _("areas on the map")

    def __str__(self) -> str:
        return describe(self.geojson)
