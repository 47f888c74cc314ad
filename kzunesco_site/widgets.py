"""Widgets for the public filter forms. Django draws a select through two template
includes per option, and even one template loop over them made a long select (the
publications' 500 authors) the slowest part of its page: the options are written here
in Python, as Django's templates would write them."""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


def attributes_html(attrs: dict) -> str:
    """What django/forms/widgets/attrs.html writes: ``True`` a bare name, ``False`` nothing."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def options_html(optgroups) -> SafeString:
    """Escaped as the templates escape (labels marked safe stay as they are); format_html
    per option cost as much as the template loop it replaced."""
    parts = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        parts.extend(
            f'\n  <option value="{escape(option["value"])}"'
            f"{attributes_html(option['attrs']) if option['attrs'] else ''}>"
            f"{conditional_escape(option['label'])}</option>"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


class Select(forms.Select):
    template_name = "includes/widgets/select.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["options_html"] = options_html(context["widget"]["optgroups"])
        return context


class NumberInput(forms.NumberInput):
    template_name = "includes/widgets/input.html"
