from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KzunescoSiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kzunesco_site"
    verbose_name = _("Archive")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .sqlite import install

        connection_created.connect(install, dispatch_uid="kzunesco-unicode-like")
