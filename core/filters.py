"""What the public lists' filters share."""

import django_filters

from core.widgets import Select


def choice_filter(label, *, choices, empty_label, **kwargs) -> django_filters.ChoiceFilter:
    """A drop-down of ``choices`` headed by ``empty_label`` ("All kinds"), in the site's
    own select widget."""
    return django_filters.ChoiceFilter(
        label=label, choices=choices, empty_label=empty_label, widget=Select, **kwargs
    )
