"""django-axes' list of failed sign-ins, with its clean-up action mended: axes' own action
asks the request for the time of a sign-in attempt, which only a sign-in request has, and
so answered every other request with a server error."""

from axes.admin import AccessAttemptAdmin
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class SignInAttemptAdmin(AccessAttemptAdmin):
    actions = ["cleanup_expired_attempts"]

    @admin.action(description=_("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request, queryset):
        request.axes_attempt_time = timezone.now()  # what axes' threshold counts back from
        count = AxesDatabaseHandler().clean_expired_user_attempts(request=request)
        message = ngettext(
            "%(count)d expired sign-in attempt removed.",
            "%(count)d expired sign-in attempts removed.",
            count,
        ) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, SignInAttemptAdmin)
