"""Admin forms that a Kazakh-only or a Russian-only editor can save.

modeltranslation requires a required field (a name, a title) in the default language,
English, on a tab the editor may never open. Here every language's copy is optional and
the form asks for the field in at least one language, naming the field in the editor's
own language; the others fall back on the public pages and count as missing translations.
A record's web address (slug), when left empty, is made from its name in whichever
language is filled, Kazakh letters written in Latin ones (core.slugs)."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.fields import TranslationField
from modeltranslation.translator import translator

from core.slugs import slug_base, slug_from

LANGUAGES = settings.MODELTRANSLATION_LANGUAGES


def required_translation(db_field: models.Field) -> bool:
    """A language's copy of a field the model requires (blank=False), unless the model's
    translation options say in which languages it is required (an image's alt text, in
    all three: screen-reader users read the site in every language)."""
    if not isinstance(db_field, TranslationField) or db_field.translated_field.blank:
        return False
    return not translator.get_options_for_model(db_field.model).required_languages


def required_translated_names(model) -> list[str]:
    return [
        field.translated_field.name
        for field in model._meta.concrete_fields
        if required_translation(field) and field.language == LANGUAGES[0]
    ]


def in_editor_language_first() -> list[str]:
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    return sorted(LANGUAGES, key=lambda code: code != current)


def any_language_form(form_class, *, model, slug_from_field: str | None):
    """``form_class`` asking for each required translated field in at least one language,
    and filling an empty slug from ``slug_from_field``."""
    required = required_translated_names(model)

    class AnyLanguageForm(form_class):
        def clean(self):
            cleaned_data = super().clean()
            for name in required:
                copies = [f"{name}_{code}" for code in in_editor_language_first()]
                shown = [copy for copy in copies if copy in self.fields]
                if shown and not any(_filled(cleaned_data.get(copy)) for copy in shown):
                    self.add_error(
                        shown[0],
                        _("Fill in “%(field)s” in at least one language.")
                        % {"field": model._meta.get_field(name).verbose_name},
                    )
            if slug_from_field and "slug" in self.fields and not cleaned_data.get("slug"):
                name = next(
                    (
                        value
                        for code in in_editor_language_first()
                        if _filled(value := cleaned_data.get(f"{slug_from_field}_{code}"))
                    ),
                    "",
                )
                if name:
                    cleaned_data["slug"] = self._free_slug(name)
            return cleaned_data

        def _free_slug(self, name: str) -> str:
            others = model._default_manager.exclude(pk=self.instance.pk)
            similar = others.filter(slug__startswith=slug_base(name) or "record")
            taken = set(similar.values_list("slug", flat=True))
            return slug_from(name, taken=taken)

    AnyLanguageForm.__name__ = form_class.__name__
    return AnyLanguageForm


def _filled(value) -> bool:
    return bool(value.strip()) if isinstance(value, str) else value not in (None, "")


class AnyLanguageAdminMixin:
    """For a ModelAdmin (``get_form``) or an inline (``get_formset``) of translated records;
    ``slug_from`` names the field a new record's web address is made from."""

    slug_from: str | None = None

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and (
            required_translation(db_field) or (db_field.name == "slug" and self.slug_from)
        ):
            formfield.required = False
        return formfield

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return any_language_form(form, model=self.model, slug_from_field=self.slug_from)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = any_language_form(
            kwargs.get("form", self.form), model=self.model, slug_from_field=self.slug_from
        )
        return super().get_formset(request, obj, **kwargs)
