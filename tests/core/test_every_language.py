"""Nothing shipped lacks Kazakh or Russian: every string of the site's interface has its
translation, compiled into what the site reads, and every text of the shipped records
exists in all three languages (except where a document's own wording is kept as it is)."""

import polib
import pytest
from django.conf import settings
from django.utils import translation
from modeltranslation.translator import translator

CATALOGUES = [
    settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    for language in ("kk", "ru")
]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_every_interface_string_is_translated_and_compiled(path):
    catalogue = polib.pofile(str(path))
    language = path.parts[-3]
    entries = [entry for entry in catalogue if not entry.obsolete]
    assert len(entries) > 500
    untranslated = [
        entry.msgid
        for entry in entries
        if "fuzzy" in entry.flags or not (entry.msgstr or all(entry.msgstr_plural.values() or [""]))
    ]
    assert untranslated == []
    # What the site reads is the compiled catalogue: it must say what the .po says.
    stale = []
    with translation.override(language):
        for entry in entries:
            if entry.msgid_plural or entry.msgctxt:
                continue
            if translation.gettext(entry.msgid) != entry.msgstr:
                stale.append(entry.msgid)
    assert stale == []


def test_every_shipped_text_exists_in_kazakh_russian_and_english(source_data):
    missing, checked = [], 0
    for model in translator.get_registered_models():
        fields = translator.get_options_for_model(model).fields
        for record in model._default_manager.all():
            for field in fields:
                values = {code: getattr(record, f"{field}_{code}") for code in ("kk", "ru", "en")}
                if not any(values.values()):
                    continue
                checked += 1
                key = (model._meta.label_lower, getattr(record, "slug", record.pk), field)
                lacking = [code for code, value in values.items() if not (value or "").strip()]
                if lacking:
                    missing.append((*key, lacking))
    assert checked > 500  # the documents' records and every designation, field by field
    assert missing == []
