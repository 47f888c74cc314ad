from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class KzunescoSiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kzunesco_site"
    verbose_name = _("Archive")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .sqlite import install

        connection_created.connect(install, dispatch_uid="kzunesco-unicode-like")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site's own AdminSite (admin_site.py)."""

    default = False  # this module's default is KzunescoSiteConfig
    default_site = "kzunesco_site.admin_site.PortalAdminSite"

    def ready(self) -> None:
        super().ready()
        from django.contrib.admin import widgets

        # Select2 ships no Kazakh; the site does (static/admin/js/vendor/select2/i18n/kk.js).
        # Django's list of Select2's languages is what makes the admin load it.
        widgets.SELECT2_TRANSLATIONS.setdefault("kk", "kk")
