"""Fill in an HTML form as a browser would submit it, for admin POSTs in tests."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_values: list[str] = []
        self._select_first: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._select_values, self._select_first = name, [], None
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                self._select_values.append(value)
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            values = self._select_values
            if not values and not self._multiple and self._select_first is not None:
                values = [self._select_first]
            self.data += [(self._select, value) for value in values]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.data.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None


def form_data(html: str, form_id: str) -> dict[str, str | list[str]]:
    """The fields of the form with ``form_id`` as the browser would send them."""
    parser = _FormParser(form_id)
    parser.feed(html)
    data: dict[str, str | list[str]] = {}
    for name, value in parser.data:
        if name in data:
            existing = data[name]
            data[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            data[name] = value
    return data


# A heritage item's first photograph as its admin inline posts it, without the file.
PHOTO_INLINE = {
    "images-0-alt_text_kk": "Кесененің күмбезі",
    "images-0-alt_text_ru": "Купол мавзолея",
    "images-0-alt_text_en": "The mausoleum's dome",
    "images-0-author": "Petar Milošević",
    "images-0-licence": "CC-BY-SA-4.0",
    "images-0-source_url": "https://commons.wikimedia.org/wiki/File:Yasawi.jpg",
}
