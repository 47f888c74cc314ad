"""Words in another language inside a Kazakh, Russian or English text are marked with their
language (``lang``), so that readers' browsers and screen readers read them in it."""

import pytest

from core.templatetags.kzunesco import mark_foreign


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        (
            "Мақалада «Paul Otler» және «Central Bureau» деп жазылған.",
            'Мақалада «<span lang="en">Paul Otler</span>» және'
            ' «<span lang="en">Central Bureau</span>» деп жазылған.',
        ),
        # French by its letters or words, with the numbers that belong to a date.
        (
            "бұл René Maheu (Рене Маэ), «Union des associations internationals».",
            'бұл <span lang="fr">René Maheu</span> (Рене Маэ),'
            ' «<span lang="fr">Union des associations internationals</span>».',
        ),
        (
            "Статья датирует открытие «November 1, 1946».",
            'Статья датирует открытие «<span lang="en">November 1, 1946</span>».',
        ),
        # A decision's code is not a word; Cyrillic stays as it is.
        ("шешім 10.COM 10.b.20 бойынша", "шешім 10.COM 10.b.20 бойынша"),
        ("Таңбалы (№ 1145)", "Таңбалы (№ 1145)"),
        # Markup in the text is escaped, never marked or run.
        (
            "<script>alert(1)</script> & «Scopus»",
            '&lt;<span lang="en">script</span>&gt;<span lang="en">alert</span>(1)'
            '&lt;/<span lang="en">script</span>&gt; &amp; «<span lang="en">Scopus</span>»',
        ),
    ],
)
def test_latin_words_in_kazakh_and_russian_text_are_marked(text, marked):
    assert mark_foreign(text, shown_in="kk", foreign="en") == marked
    assert mark_foreign(text, shown_in="ru", foreign="en") == marked


def test_in_english_only_quotations_in_another_language_are_marked():
    text = "The article writes “Institute international de Coopération” & “Paul Otler” <b>."
    assert mark_foreign(text, shown_in="en", foreign="en") == (
        'The article writes “<span lang="fr">Institute international de Coopération</span>”'
        " &amp; “Paul Otler” &lt;b&gt;."
    )
