"""Template helpers for translated content."""

import html
import re

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter as linebreaks
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django_prose_editor.fields import ProseEditorField

from core.kazakh_latin import to_latin
from core.richtext import sanitize

register = template.Library()


def _fallback_order(language: str) -> list[str]:
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
    return [language, *(code for code in fallbacks if code != language)]


@register.simple_tag
def translated(obj, field: str, rich: bool = False, paragraphs: bool = False, foreign: str = "en"):
    """The field in the current language; when it is missing, the first
    translation there is, marked with its language and a visible note.
    ``rich`` fields hold HTML, shown sanitised whatever path wrote it; ``paragraphs``
    plain text is shown as paragraphs (its blank lines), like ``linebreaks``. Words written
    in another script or language are marked with ``foreign`` (a language code; English
    unless said, "" for none: ``mark_foreign``)."""
    current = get_language() or settings.LANGUAGE_CODE
    for code in _fallback_order(current):
        value = getattr(obj, f"{field}_{code}", "") or ""
        if value.strip():
            break
    else:
        return ""
    if rich:
        text = sanitize(value)
        if foreign:
            text = mark_foreign_in_html(text, shown_in=code, foreign=foreign)
        text = mark_safe(text)  # noqa: S308 (sanitised)
    elif paragraphs:
        shown = mark_foreign(value, shown_in=code, foreign=foreign) if foreign else value
        text = linebreaks(shown, autoescape=True)
    elif foreign:
        text = mark_foreign(value, shown_in=code, foreign=foreign)
    else:
        text = value
    if code == current:
        return text
    # A sentence: capitalised even where a translation starts with a language's name,
    # which Kazakh writes in lower case ("қазақ тілі").
    note = capfirst(
        _("Not yet translated into %(missing)s; shown in %(shown)s.")
        % {
            "missing": get_language_info(current)["name_translated"],
            "shown": get_language_info(code)["name_translated"],
        }
    )
    element = "div" if rich or paragraphs else "span"
    return format_html(
        '<{} lang="{}" class="fallback">{}</{}> <small class="fallback-note">{}</small>',
        element,
        code,
        text,
        element,
        note,
    )


QUOTATION = re.compile(r"(«)([^«»]+)(»)|(“)([^“”]+)(”)")
# Latin letters with the accented ones of Latin-1 and Latin Extended-A/B (Milošević).
LETTER = "A-Za-zÀ-ÖØ-öø-ÿĀ-ɏ"
LATIN_WORD = rf"[{LETTER}](?:[\w{LETTER}'’.-]*[\w{LETTER}])?"
NUMBER = r"\d(?:[\d.,]*\d)?(?!\w)"
# Latin words, and the numbers among them ("November 1, 1946"), not inside a code ("10.COM").
LATIN_RUN = re.compile(rf"(?<![\w.]){LATIN_WORD}(?:[ ,:–-]+(?:{LATIN_WORD}|{NUMBER}))*", re.ASCII)
LATIN = re.compile(rf"[{LETTER}]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
FRENCH = re.compile(r"[àâçéèêëîïôûùüÿœ]|\b(?:des|du|de|la|le|les|et|aux)\b", re.I)
CYRILLIC_LANGUAGES = ("kk", "ru")


def mark_foreign(text: str, *, shown_in: str, foreign: str) -> str:
    """``text`` escaped, with what is written in another language wrapped in
    ``<span lang>`` so that it is read (and spoken) in its own: in Kazakh or Russian text
    every run of Latin-script words, in English text the quotations that read as French.
    A Latin run is in ``foreign`` (the quoted document's language) unless it reads as French."""
    if shown_in in CYRILLIC_LANGUAGES:
        pattern, group = LATIN_RUN, 0
    else:
        pattern, group = QUOTATION, None
    pieces, end = [], 0
    for match in pattern.finditer(text):
        if group is None:  # a quotation: its words, without the quotation marks
            index = 2 if match.group(2) is not None else 5
            start, stop = match.span(index)
        else:
            start, stop = match.span(group)
        words = text[start:stop]
        language = "fr" if FRENCH.search(words) else foreign
        if CYRILLIC.search(words) or not LATIN.search(words) or language == shown_in:
            continue
        pieces.append(html.escape(text[end:start], quote=False))
        pieces.append(f'<span lang="{language}">{html.escape(words, quote=False)}</span>')
        end = stop
    pieces.append(html.escape(text[end:], quote=False))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece escaped)


@register.filter
def kazakh_latin(text: str) -> str:
    """Kazakh in the 2021 Latin alphabet (core.kazakh_latin)."""
    return to_latin(text)


@register.filter
def foreign_words(text: str, language: str) -> str:
    """A text written in ``language`` (a source's own title), its Latin-script names
    marked when that language is Kazakh or Russian."""
    return mark_foreign(text, shown_in=language, foreign="en")


TAG = re.compile(r"(<[^>]*>)")
VOID_ELEMENTS = frozenset({"br", "hr", "img", "wbr"})


def mark_foreign_in_html(markup: str, *, shown_in: str, foreign: str) -> str:
    """``mark_foreign`` for the text of sanitised HTML, outside elements that already say
    their language."""
    pieces, marked_depth = [], []  # per open element: does it (or a parent) carry lang?
    for piece in TAG.split(markup):
        if piece.startswith("<"):
            name = re.match(r"</?\s*(\w+)", piece)
            tag = name.group(1).lower() if name else ""
            if piece.startswith("</"):
                if marked_depth:
                    marked_depth.pop()
            elif tag not in VOID_ELEMENTS and not piece.endswith("/>"):
                inherited = bool(marked_depth and marked_depth[-1])
                marked_depth.append(inherited or " lang=" in piece)
            pieces.append(piece)
        elif piece and not (marked_depth and marked_depth[-1]):
            pieces.append(mark_foreign(html.unescape(piece), shown_in=shown_in, foreign=foreign))
        else:
            pieces.append(piece)
    return "".join(pieces)


JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, data: str):
    """Structured data for search engines, safe inside HTML and under the CSP nonce."""
    nonce = context.get("csp_nonce", "")
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        nonce,
        mark_safe(data.translate(JSON_ESCAPES)),
    )


SNIPPET = 160


@register.simple_tag
def highlight(obj, field: str, query: str):
    """A snippet of the field (current language, else a translation that matches) around
    the first match of ``query``, with the match marked."""
    current = get_language() or settings.LANGUAGE_CODE
    rich = isinstance(obj._meta.get_field(field), ProseEditorField)
    texts = [(code, getattr(obj, f"{field}_{code}", "") or "") for code in _fallback_order(current)]
    if rich:  # the words of the HTML, escaped again below like any text
        texts = [(code, html.unescape(strip_tags(text))) for code, text in texts]
    pattern = re.compile(re.escape(query), re.IGNORECASE) if query else None
    code, text = next(
        (pair for pair in texts if pattern and pattern.search(pair[1])),
        texts[0] if texts[0][1] else next((pair for pair in texts if pair[1]), texts[0]),
    )
    match = pattern.search(text) if pattern else None

    def marked(piece: str) -> str:  # a Latin title in a Kazakh or Russian text, say
        return mark_foreign(piece, shown_in=code, foreign="en")

    if not match:
        snippet = marked(Truncator(text).chars(SNIPPET))
    else:
        start = max(match.start() - SNIPPET // 2, 0)
        end = min(match.end() + SNIPPET // 2, len(text))
        snippet = format_html(
            "{}{}<mark>{}</mark>{}{}",
            "… " if start else "",
            marked(text[start : match.start()]),
            marked(match.group(0)),
            marked(text[match.end() : end]),
            " …" if end < len(text) else "",
        )
    # A snippet in another language than the page's says so (lang), as a fallback does.
    return (
        snippet
        if code == current or not text
        else format_html('<span lang="{}">{}</span>', code, snippet)
    )
