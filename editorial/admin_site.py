"""The admin site: Django's, with the editorial desk on its index page and the page of
translation coverage (editorial/coverage.py)."""

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from editorial.coverage import coverage_view
from editorial.desk import editorial_desk


class PortalAdminSite(admin.AdminSite):
    site_header = _("Kazakhstan and UNESCO — administration")
    site_title = _("kzunesco admin")
    index_title = _("Content")

    def get_app_list(self, request, app_label=None):
        """The sign-in records (django-axes) are kept with the users and groups, at their
        end, not as a section of their own at the top of every admin page."""
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        security = next((app for app in apps if app["app_label"] == "axes"), None)
        users = next((app for app in apps if app["app_label"] == "auth"), None)
        if security and users:
            apps.remove(security)
            users["models"].extend(security["models"])
        return apps

    def get_urls(self):
        coverage = self.admin_view(lambda request: coverage_view(request, admin_site=self))
        return [path("coverage/", coverage, name="coverage"), *super().get_urls()]

    def index(self, request, extra_context=None):
        desk = editorial_desk(request=request, admin_site=self)
        return super().index(request, {"editorial_desk": desk, **(extra_context or {})})
