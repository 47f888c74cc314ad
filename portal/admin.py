from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Contact


@admin.register(Contact)
class ContactAdmin(TranslationAdmin):
    """The publisher's contact details, edited by Administrators; the About page shows the
    one changed last."""

    list_display = ("__str__", "email", "phone", "website", "updated_at")
    fields = ("address", "email", "phone", "website")
