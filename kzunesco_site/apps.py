from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KzunescoSiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kzunesco_site"
    verbose_name = _("Archive")
