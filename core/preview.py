from django.contrib.auth import get_permission_codename
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.views.generic import DetailView


class PublicDetailView(DetailView):
    """The page of a published record. Staff who may view the record in the admin also
    see it before it is public, exactly as the public will, marked as a preview and
    never cached or indexed."""

    def get_queryset(self):
        # The model's records with what the page shows of them (``for_detail()``), built
        # for each request: django-modeltranslation fixes the order of related records by
        # a translated name to the language active when a queryset is made, English at
        # import for a class attribute.
        queryset = self.model._default_manager.for_detail()
        return queryset if self.previewing else queryset.published()

    @cached_property
    def previewing(self) -> bool:
        user = self.request.user
        opts = self.model._meta
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
