from django.contrib.auth import get_permission_codename
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.views.generic import DetailView


class PublicDetailView(DetailView):
    """The page of a published record. Staff who may view the record in the admin also
    see it before it is public, exactly as the public will, marked as a preview and
    never cached or indexed."""

    def get_queryset(self):
        queryset = self.records()
        return queryset if self.previewing else queryset.published()

    def records(self):
        """The records the page may show, with what it shows of them. A view whose records
        bring related records in an order by a translated name (``for_detail()``'s
        prefetches) builds them here, for each request: django-modeltranslation fixes that
        order to the language active when a queryset is made, English at import."""
        return super().get_queryset()

    @cached_property
    def previewing(self) -> bool:
        user = self.request.user
        opts = (self.model or self.queryset.model)._meta
        codename = get_permission_codename("view", opts)
        return user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.{codename}")

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=not self.object.is_published, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["preview"]:
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex"
        return response
