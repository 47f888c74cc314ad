"""The admin of records without a status of their own that public pages show: regions and
themes (choices of the public lists' filters), component sites of published items,
authors of published works. Changing one that is shown, or saving one that would be
shown, needs the publish permission of the records that show it, as changing a published
record does; an Editor still adds and edits what no public page shows yet."""

from django.core.exceptions import PermissionDenied

from core.publishing import may_change_public
from editorial.admin import TranslatedHistoryAdmin


class ShownByPublicRecordsAdmin(TranslatedHistoryAdmin):
    ordering = ("-pk",)  # newest first

    def has_publish_permission(self, request) -> bool:
        return may_change_public(request.user, self.model)

    def has_add_permission(self, request) -> bool:
        # Every region and theme is shown (a filter's choice): no Add for whoever may not
        # publish, rather than a form whose saving is then refused.
        if self.model().is_shown_publicly() and not self.has_publish_permission(request):
            return False
        return super().has_add_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and not self.has_publish_permission(request) and obj.is_shown_publicly():
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # A new region, or a component site moved to a published item, would appear.
        if not self.has_publish_permission(request) and obj.is_shown_publicly():
            raise PermissionDenied
        super().save_model(request, obj, form, change)
