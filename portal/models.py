"""The publisher's contact details, as staff keep them: the About page shows the record
changed last; none until the Commission gives them (no public source names them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Contact(models.Model):
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return str(_("Contact details of the publisher"))

    @property
    def is_given(self) -> bool:
        return any((self.address, self.email, self.phone, self.website))

    @classmethod
    def current(cls) -> "Contact | None":
        return cls.objects.order_by("-updated_at").first()
