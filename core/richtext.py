"""Rich text: one editor configuration and one sanitiser for every path that writes or shows it."""

from functools import cache

from django.utils.html import escape, linebreaks
from django_prose_editor.fields import ProseEditorField, create_sanitizer

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "HardBreak": True,
    "History": True,
}


def RichTextField(verbose_name, **kwargs) -> ProseEditorField:  # noqa: N802 (a field factory)
    return ProseEditorField(verbose_name, extensions=EXTENSIONS, sanitize=True, **kwargs)


@cache
def _sanitizer():
    return create_sanitizer(EXTENSIONS)


def sanitize(html: str) -> str:
    """Only what the editor can make survives: no scripts, event handlers, styles or
    javascript: links. Plain text (no tags) becomes paragraphs."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        html = linebreaks(escape(html))
    return _sanitizer()(html)
