from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("Caching")

    def ready(self) -> None:
        from caching.figures import keep
        from core.figures import keep_with

        keep_with(keep)
