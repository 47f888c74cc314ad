"""Widgets for the public filter forms, drawn by templates that write each option and input
in place: Django's own go through two includes per option, and the filter form was the
largest part of a list page's rendering time."""

from django import forms


class Select(forms.Select):
    template_name = "includes/widgets/select.html"


class NumberInput(forms.NumberInput):
    template_name = "includes/widgets/input.html"
