"""Widgets for the public filter forms, drawn by templates that write each option in place:
Django's own go through two includes per option, which made a long select (the
publications' authors) the slowest part of its page."""

from django import forms


class Select(forms.Select):
    template_name = "includes/widgets/select.html"


class NumberInput(forms.NumberInput):
    template_name = "includes/widgets/input.html"
