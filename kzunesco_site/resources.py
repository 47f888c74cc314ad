"""Shared pieces of the django-import-export resources: every record is matched
on its slug, never on a database id."""

from django.conf import settings
from import_export import resources


def translated(*field_names: str) -> tuple[str, ...]:
    """``name`` -> ``name_kk``, ``name_ru``, ``name_en`` (the columns of a spreadsheet)."""
    return tuple(
        f"{name}_{code}" for name in field_names for code in settings.MODELTRANSLATION_LANGUAGES
    )


PROVENANCE_FIELDS = ("source_passage", "source_note", "added_fields")


class SlugResource(resources.ModelResource):
    class Meta:
        abstract = True
        import_id_fields = ("slug",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
