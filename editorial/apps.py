from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "editorial"
    verbose_name = _("Editorial desk")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site's own AdminSite (admin_site.py)."""

    default = False  # this module's default is EditorialConfig
    default_site = "editorial.admin_site.PortalAdminSite"

    def ready(self) -> None:
        super().ready()
        from django.contrib.admin import widgets

        # Select2 ships no Kazakh; the site does (static/admin/js/vendor/select2/i18n/kk.js).
        # Django's list of Select2's languages is what makes the admin load it.
        widgets.SELECT2_TRANSLATIONS.setdefault("kk", "kk")
