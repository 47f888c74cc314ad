"""Shared pieces of the django-import-export resources: every record is matched
on its slug, never on a database id."""

from django.conf import settings
from django.utils.encoding import smart_str
from import_export import fields, resources, widgets


def translated(*field_names: str) -> tuple[str, ...]:
    """``name`` -> ``name_kk``, ``name_ru``, ``name_en`` (the columns of a spreadsheet)."""
    return tuple(
        f"{name}_{code}" for name in field_names for code in settings.MODELTRANSLATION_LANGUAGES
    )


PROVENANCE_FIELDS = ("source_passage", *translated("source_note"), "added_fields")


def prefetched_name(attribute: str) -> str:
    """Where an export keeps a record's related records, prefetched as a plain list."""
    return f"{attribute}_for_export"


def by_slug(name: str, model) -> fields.Field:
    """The column ``name`` naming one ``model`` record by its slug."""
    return fields.Field(
        attribute=name, column_name=name, widget=widgets.ForeignKeyWidget(model, field="slug")
    )


class SlugsWidget(widgets.ManyToManyWidget):
    """Related records as their slugs joined by the separator, from a manager or a list."""

    def render(self, value, obj=None, **kwargs):
        if isinstance(value, list):
            return self.separator.join(smart_str(getattr(related, self.field)) for related in value)
        return super().render(value, obj, **kwargs)


class ManyBySlugField(fields.Field):
    """A many-to-many column of slugs ("a|b"). An export reads the list prefetched into
    ``prefetched_name(column)``: a related manager per row and relation cost about half a
    millisecond (Django and django-modeltranslation build a queryset, and a class, for each)."""

    def __init__(self, model, column: str):
        super().__init__(
            attribute=column,
            column_name=column,
            widget=SlugsWidget(model, field="slug", separator="|"),
        )

    def get_value(self, instance):
        prefetched = getattr(instance, prefetched_name(self.attribute), None)
        return super().get_value(instance) if prefetched is None else prefetched


class SlugResource(resources.ModelResource):
    class Meta:
        abstract = True
        import_id_fields = ("slug",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
