"""XML written by the standard library's generator, which escapes every text and attribute:
never a string put together from a record's text. Characters XML 1.0 forbids (control
characters, lone surrogates, U+FFFE/U+FFFF) are dropped, so that no record can break a
response. Namespaces are declared where they are used: a metadata part carries its own
declarations and xsi:schemaLocation, as the protocol asks."""

import io
import re
from contextlib import contextmanager
from xml.sax.saxutils import XMLGenerator

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC = "http://purl.org/dc/elements/1.1/"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"

PREFIXES = {OAI: None, OAI_DC: "oai_dc", DC: "dc", OAI_IDENTIFIER: "oai-identifier", XSI: "xsi"}

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text) -> str:
    """``text`` as a string XML 1.0 can hold."""
    return _ILLEGAL.sub("", str(text))


class Writer:
    """A document written element by element into memory, UTF-8."""

    def __init__(self):
        self._buffer = io.BytesIO()
        self._xml = XMLGenerator(self._buffer, encoding="utf-8", short_empty_elements=True)
        self._xml.startDocument()
        self._declared: list[list[str]] = []

    def getvalue(self) -> bytes:
        self._xml.endDocument()
        return self._buffer.getvalue()

    @contextmanager
    def element(self, namespace: str, name: str, attributes: dict | None = None, *, declare=()):
        """``<name>`` … ``</name>``; ``declare``: namespaces declared on this element."""
        self.start(namespace, name, attributes, declare=declare)
        yield
        self.end(namespace, name)

    def leaf(self, namespace: str, name: str, text="", attributes: dict | None = None) -> None:
        self.start(namespace, name, attributes)
        if text:
            self._xml.characters(clean(text))
        self.end(namespace, name)

    def start(self, namespace: str, name: str, attributes=None, *, declare=()) -> None:
        declared = []
        for uri in declare:
            self._xml.startPrefixMapping(PREFIXES[uri], uri)
            declared.append(PREFIXES[uri])
        self._declared.append(declared)
        values = {
            key if isinstance(key, tuple) else (None, key): clean(value)
            for key, value in (attributes or {}).items()
        }
        self._xml.startElementNS((namespace, name), None, values)

    def end(self, namespace: str, name: str) -> None:
        self._xml.endElementNS((namespace, name), None)
        for prefix in self._declared.pop():
            self._xml.endPrefixMapping(prefix)
