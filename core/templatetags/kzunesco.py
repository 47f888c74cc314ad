"""Template helpers for translated content."""

import html
import re

from django import template
from django.conf import settings
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django_prose_editor.fields import ProseEditorField

from core.richtext import sanitize

register = template.Library()


def _fallback_order(language: str) -> list[str]:
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
    return [language, *(code for code in fallbacks if code != language)]


@register.simple_tag
def translated(obj, field: str, rich: bool = False):
    """The field in the current language; when it is missing, the first
    translation there is, marked with its language and a visible note.
    ``rich`` fields hold HTML, shown sanitised whatever path wrote it."""
    current = get_language() or settings.LANGUAGE_CODE
    for code in _fallback_order(current):
        value = getattr(obj, f"{field}_{code}", "") or ""
        if value.strip():
            break
    else:
        return ""
    text = mark_safe(sanitize(value)) if rich else value  # noqa: S308 (sanitised)
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
    element = "div" if rich else "span"
    return format_html(
        '<{} lang="{}" class="fallback">{}</{}> <small class="fallback-note">{}</small>',
        element,
        code,
        text,
        element,
        note,
    )


@register.filter
def lang_name(code: str) -> str:
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


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
    texts = [getattr(obj, f"{field}_{code}", "") or "" for code in _fallback_order(current)]
    if rich:  # the words of the HTML, escaped again below like any text
        texts = [html.unescape(strip_tags(text)) for text in texts]
    pattern = re.compile(re.escape(query), re.IGNORECASE) if query else None
    text = next(
        (t for t in texts if pattern and pattern.search(t)),
        texts[0] or next(filter(None, texts), ""),
    )
    match = pattern.search(text) if pattern else None
    if not match:
        return Truncator(text).chars(SNIPPET)
    start = max(match.start() - SNIPPET // 2, 0)
    end = min(match.end() + SNIPPET // 2, len(text))
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "… " if start else "",
        text[start : match.start()],
        match.group(0),
        text[match.end() : end],
        " …" if end < len(text) else "",
    )
