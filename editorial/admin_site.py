"""The admin site: Django's, with the editorial desk on its index page."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.desk import editorial_desk


class PortalAdminSite(admin.AdminSite):
    site_header = _("Kazakhstan and UNESCO — administration")
    site_title = _("kzunesco admin")
    index_title = _("Content")

    def index(self, request, extra_context=None):
        desk = editorial_desk(request=request, admin_site=self)
        return super().index(request, {"editorial_desk": desk, **(extra_context or {})})
