"""Which resource describes the columns of each importable model."""

from django.apps import apps
from django.utils.translation import gettext as _


def resources() -> dict[str, type]:
    from heritage.resources import ComponentSiteResource, HeritageItemResource, RegionResource
    from publications.resources import AuthorResource, AuthorshipResource, PublicationResource
    from timeline.resources import (
        AnniversaryResource,
        EventResource,
        FigureResource,
        PersonResource,
        ThemeResource,
    )

    classes = [
        RegionResource,
        HeritageItemResource,
        ComponentSiteResource,
        ThemeResource,
        PersonResource,
        EventResource,
        AnniversaryResource,
        FigureResource,
        AuthorResource,
        PublicationResource,
        AuthorshipResource,
    ]
    return {resource._meta.model._meta.label_lower: resource for resource in classes}


def resource_for(label: str):
    """The resource class for "app.Model" (any case); a clear error otherwise."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise LookupError(_("Unknown model %(label)s.") % {"label": label}) from error
    try:
        return resources()[model._meta.label_lower]
    except KeyError as error:
        raise LookupError(_("%(label)s cannot be imported.") % {"label": label}) from error
