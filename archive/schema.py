"""The columns of a model's spreadsheet, taken from its django-import-export resource,
with a fast converter for each: relations by natural key, never by database id."""

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_prose_editor.fields import ProseEditorField
from import_export import widgets

from archive import cells
from archive.registry import resource_for
from core.richtext import sanitize
from editorial.any_language import required_translation

META_COLUMNS = {"row", "column", "message"}  # added by our error files; ignored on import
# Columns of earlier exports, and the column that now holds their values.
RENAMED_COLUMNS = {
    "source_note": "source_note_en",  # notes were English only until 2026-11
    # a dissertation's facts and a publication's details, English only until 2026-12
    **{name: f"{name}_en" for name in ("institution", "specialty_code", "degree", "details")},
    "joint_with": "joint_with_en",  # an anniversary's partner states, until 2026-12
}

# Decimal fields whose extra places are rounded away rather than refused.
ROUNDED_FIELDS = frozenset({"latitude", "longitude"})


@dataclass(frozen=True, slots=True)
class Deferred:
    """A reference to a record created by the same file, resolved once it exists."""

    key: str


@dataclass
class Column:
    name: str
    attribute: str
    model_field: models.Field
    related_model: type[models.Model] | None = None
    related_key: str = ""
    separator: str = ""
    # The stored value of each choice, to itself: a cell that names one keeps the model's
    # own string instead of a copy of its own (100,000 rows' "world" and "cultural").
    choice_values: dict = field(default_factory=dict)

    @property
    def is_fk(self) -> bool:
        return self.related_model is not None and not self.separator

    @property
    def is_m2m(self) -> bool:
        return bool(self.separator)

    @cached_property
    def required(self) -> bool:
        if self.is_m2m:
            return False
        original = getattr(self.model_field, "translated_field", None)
        if original is not None:
            if self.translation_group:  # any one language of it will do
                return False
            # A translation required in given languages (an image's alt text): the default.
            default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
            return not original.blank and self.model_field.language == default
        return not self.model_field.blank and not self.model_field.has_default()

    @cached_property
    def translation_group(self) -> str:
        """The required field this column is one language of, when a record needs it in
        any one language (as the admin saves it: editorial/any_language.py), else ""."""
        if required_translation(self.model_field):
            return self.model_field.translated_field.name
        return ""


@dataclass
class Schema:
    model: type[models.Model]
    columns: dict[str, Column]
    key: tuple[str, ...]
    alternate_keys: tuple[str, ...] = ()
    lookups: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def for_label(cls, label: str) -> "Schema":
        resource_class = resource_for(label)
        resource = resource_class()
        model = resource._meta.model
        columns = {}
        for export_field in resource.get_export_fields():
            attribute = export_field.attribute
            model_field = model._meta.get_field(attribute)
            widget = export_field.widget
            column = Column(export_field.column_name, attribute, model_field)
            if model_field.choices:
                column.choice_values = {value: value for value, _l in model_field.flatchoices}
            if isinstance(widget, widgets.ManyToManyWidget):
                column.related_model, column.related_key = widget.model, widget.field
                column.separator = widget.separator
            elif isinstance(widget, widgets.ForeignKeyWidget):
                column.related_model, column.related_key = widget.model, widget.field
            columns[column.name] = column
        key = tuple(resource._meta.import_id_fields)
        alternate = tuple(getattr(resource_class, "alternate_keys", ()))
        return cls(model=model, columns=columns, key=key, alternate_keys=alternate)

    def choose_key(self, headers: list[str]) -> bool:
        """Match on the natural key, or on an alternate one (e.g. the UNESCO reference
        number of a list made by UNESCO) when the file has no natural-key column."""
        if all(name in headers for name in self.key):
            return True
        for name in self.alternate_keys:
            if name in headers:
                self.key = (name,)
                return True
        return False

    def column_of(self, name: str) -> str:
        """The column that writes an attribute or attname ("source_document_id" is
        written by the column "source_document")."""
        return self._columns_by_attname.get(name, name)

    @cached_property
    def _columns_by_attname(self) -> dict[str, str]:
        return {
            (column.attribute if column.is_m2m else column.model_field.attname): column.name
            for column in self.columns.values()
        }

    def label(self, name: str) -> str:
        return f"{name} — {self.columns[name].model_field.verbose_name}"

    def suggest_columns(self, headers: list[str]) -> dict[str, str]:
        """The column each header names: its own name, its name in earlier exports, or its
        label in any of the site's languages written another way ("Name (EN)", "Широта",
        "YEAR_INSCRIBED"). A header that names no column, or a column another header
        already names, is left out."""
        suggested = {header: header for header in headers if header in self.columns}
        taken = set(suggested)
        for header in headers:
            name = RENAMED_COLUMNS.get(header)
            if name not in self.columns:
                name = self._columns_by_spelling.get(_spelling(header))
            if header not in suggested and name and name not in taken:
                suggested[header] = name
                taken.add(name)
        return suggested

    @cached_property
    def _columns_by_spelling(self) -> dict[str, str]:
        names_by_spelling: dict[str, set[str]] = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for name, column in self.columns.items():
                    for spelling in (name, str(column.model_field.verbose_name)):
                        names_by_spelling.setdefault(_spelling(spelling), set()).add(name)
        return {
            spelling: names.pop()
            for spelling, names in names_by_spelling.items()
            if len(names) == 1 and spelling
        }

    @cached_property
    def required_columns(self) -> list[str]:
        return [name for name, column in self.columns.items() if column.required]

    @cached_property
    def required_in_any_language(self) -> dict[str, list[str]]:
        """Field → its language columns, of which a new record needs one filled."""
        groups: dict[str, list[str]] = {}
        for name, column in self.columns.items():
            if column.translation_group:
                groups.setdefault(column.translation_group, []).append(name)
        return groups

    @cached_property
    def m2m_columns(self) -> list[Column]:
        return [column for column in self.columns.values() if column.is_m2m]

    def key_lookup(self) -> list[str]:
        """The ORM path of each key column, joined for values_list()."""
        return [
            f"{self.columns[name].attribute}__{self.columns[name].related_key}"
            if self.columns[name].is_fk
            else self.columns[name].attribute
            for name in self.key
        ]

    def natural_keys(self, column: Column) -> dict:
        """Natural key -> pk of a related model, fetched once per import."""
        if column.name not in self.lookups:
            self.lookups[column.name] = dict(
                column.related_model._default_manager.values_list(column.related_key, "pk")
            )
        return self.lookups[column.name]

    def key_of(self, column: Column, pk) -> str:
        """The natural key of a related record, for showing a change to a person."""
        reverse_name = f"reverse:{column.name}"
        if reverse_name not in self.lookups:
            self.lookups[reverse_name] = {pk: key for key, pk in self.natural_keys(column).items()}
        return str(self.lookups[reverse_name].get(pk, pk))

    @cached_property
    def fk_columns_by_attname(self) -> dict[str, Column]:
        return {c.model_field.attname: c for c in self.columns.values() if c.is_fk}

    def convert(self, column: Column, raw):
        """The Python value of one cell; ValueError with a readable message if invalid."""
        verbatim = cells.is_guarded(raw)
        raw = cells.unescape_formula(raw)
        if column.is_m2m:
            if cells.is_empty(raw):
                return []
            keys = [item.strip() for item in cells.text(raw).split(column.separator)]
            lookup = self.natural_keys(column)
            missing = [key for key in keys if key and key not in lookup]
            if missing:
                raise ValueError(_("Not found: %(keys)s.") % {"keys": ", ".join(missing)})
            return sorted({lookup[key] for key in keys if key})
        if cells.is_empty(raw):
            return self._empty(column)
        if column.is_fk:
            key = cells.text(raw)
            try:
                return self.natural_keys(column)[key]
            except KeyError:
                if column.related_model is self.model:
                    return Deferred(key)  # may be a row of this same file; checked later
                raise ValueError(_("“%(key)s” was not found.") % {"key": key}) from None
        value = self._value(column.model_field, raw, verbatim=verbatim)
        if column.choice_values:
            if value in column.choice_values:
                value = column.choice_values[value]
            else:
                value = self._choice(column.model_field, value)
        try:
            column.model_field.run_validators(value)
        except ValidationError as error:
            raise ValueError(" ".join(error.messages)) from None
        return value

    def _empty(self, column: Column):
        model_field = column.model_field
        if column.required:
            raise ValueError(_("This column is required."))
        if model_field.has_default():
            return model_field.get_default()
        if model_field.null:  # e.g. an empty translation, stored as the admin stores it
            return None
        return ""

    @staticmethod
    def _value(model_field: models.Field, raw, *, verbatim: bool = False):
        if isinstance(model_field, models.BooleanField):
            return cells.boolean(raw)
        if isinstance(model_field, models.IntegerField):
            return cells.integer(raw)
        if isinstance(model_field, models.DecimalField):
            rounds = model_field.name in ROUNDED_FIELDS
            return cells.decimal_number(raw, model_field, rounds=rounds)
        if isinstance(model_field, models.DateField):
            return cells.date(raw)
        if isinstance(model_field, models.JSONField):
            return cells.string_list(raw)
        if isinstance(model_field, ProseEditorField):
            return sanitize(str(raw))  # rich text keeps its (sanitised) HTML
        # A cell the export guarded comes back exactly as it went out (a leading TAB or CR
        # included); any other is tidied (HTML to text, spaces trimmed).
        value = raw if verbatim else cells.text(raw)
        if model_field.max_length and len(value) > model_field.max_length:
            raise ValueError(
                ngettext(
                    "%(length)s character; at most %(limit)s are allowed.",
                    "%(length)s characters; at most %(limit)s are allowed.",
                    len(value),
                )
                % {"length": len(value), "limit": model_field.max_length}
            )
        return value

    @staticmethod
    def _choice(model_field: models.Field, value):
        """Accept a choice's label as well as its stored value, in any case."""
        wanted = str(value).strip().lower()
        for stored, label in model_field.flatchoices:
            if wanted in {str(stored).lower(), str(label).lower()}:
                return stored
        allowed = ", ".join(str(stored) for stored, _label in model_field.flatchoices if stored)
        raise ValueError(
            _("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed}
        )


def _spelling(header: str) -> str:
    """A header with case, spaces, underscores and punctuation taken out."""
    return re.sub(r"[\W_]+", "", header.casefold())
