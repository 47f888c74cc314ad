"""Widgets for the public filter forms. Django draws a select through two template
includes per option, and even one template loop over them made a long select (the
publications' 500 authors) the slowest part of its page: the options are written here
in Python, as Django's templates would write them."""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


def options_html(choices, selected: list[str], *, multiple: bool) -> SafeString:
    """The options of Django's select templates, chosen as ChoiceWidget.optgroups() would
    choose them (the first matching value only, unless several may be chosen) but without
    the dictionary of attributes it builds per option, and escaped as the templates escape
    (labels marked safe stay as they are): format_html per option cost as much as the
    template loop it replaced."""
    parts, has_selected = [], False
    for group_value, group_label in choices:
        is_group = isinstance(group_label, (list, tuple))
        if is_group:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_value)}">')
            options = group_label
        else:
            options = [("" if group_value is None else group_value, group_label)]
        for value, label in options:
            chosen = (not has_selected or multiple) and str(value) in selected
            has_selected |= chosen
            parts.append(
                f'\n  <option value="{escape(value)}"{" selected" if chosen else ""}>'
                f"{conditional_escape(label)}</option>"
            )
        if is_group:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


class Select(forms.Select):
    template_name = "includes/widgets/select.html"

    def get_context(self, name, value, attrs):
        # Widget's context, not ChoiceWidget's: no optgroups() for the template to loop over.
        context = forms.Widget.get_context(self, name, value, attrs)
        if self.allow_multiple_selected:
            context["widget"]["attrs"]["multiple"] = True
        context["widget"]["options_html"] = options_html(
            self.choices, context["widget"]["value"], multiple=self.allow_multiple_selected
        )
        return context


class NumberInput(forms.NumberInput):
    template_name = "includes/widgets/input.html"
