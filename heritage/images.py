"""Photographs of heritage items and their renditions (made by a background task, kept under
MEDIA_ROOT/CACHE/). Defined with a string reference so that heritage/models.py can import
this module."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from images.renditions import RenditionsMixin, rendition

from .validators import validate_alt_text


class ImageLicence(models.TextChoices):
    """The licences a photograph shown on a public page may carry: open ones, or the
    author's own permission (which the Commission keeps on file)."""

    CC0 = "CC0-1.0", "CC0 1.0"
    PUBLIC_DOMAIN = "public-domain", _("Public domain")
    CC_BY_4 = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA_4 = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC_BY_3 = "CC-BY-3.0", "CC BY 3.0"
    CC_BY_SA_3 = "CC-BY-SA-3.0", "CC BY-SA 3.0"
    CC_BY_2 = "CC-BY-2.0", "CC BY 2.0"
    CC_BY_SA_2 = "CC-BY-SA-2.0", "CC BY-SA 2.0"
    PERMISSION = "permission", _("Used with the author's permission")


LICENCE_URLS = {
    ImageLicence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    ImageLicence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    ImageLicence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    ImageLicence.CC_BY_3: "https://creativecommons.org/licenses/by/3.0/",
    ImageLicence.CC_BY_SA_3: "https://creativecommons.org/licenses/by-sa/3.0/",
    ImageLicence.CC_BY_2: "https://creativecommons.org/licenses/by/2.0/",
    ImageLicence.CC_BY_SA_2: "https://creativecommons.org/licenses/by-sa/2.0/",
}


class HeritageImage(RenditionsMixin, models.Model):
    item = models.ForeignKey(
        "heritage.HeritageItem",
        on_delete=models.CASCADE,
        related_name="images",
        verbose_name=_("item"),
    )
    image = models.ImageField(
        _("image"), upload_to="heritage/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        validators=[validate_alt_text],
        help_text=_(
            "What the image shows, for people who cannot see it; required in every language."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    author = models.CharField(
        _("photographer"),
        max_length=200,
        help_text=_("Who took the photograph, as the licence asks to credit them."),
    )
    licence = models.CharField(_("licence"), max_length=20, choices=ImageLicence.choices)
    source_url = models.URLField(
        _("source"),
        max_length=500,
        help_text=_("Where the photograph and its licence can be checked (its original page)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Renditions are made by the worker (images/renditions.py), kept under MEDIA_ROOT/CACHE/.
    webp_320 = rendition(320, "WEBP")
    webp_640 = rendition(640, "WEBP")
    webp_1280 = rendition(1280, "WEBP")
    jpeg_640 = rendition(640, "JPEG")

    class Meta:
        ordering = ["item", "order", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt_text

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")
