"""What the OAI-PMH tests share: validation against the protocol's schemas (vendored in
tests/vendor/oai/, README there), requests that validate every answer, reading answers,
and setting the moments records changed."""

import datetime
import functools
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import xmlschema

from opendata.models import OaiStamp

VENDOR = Path(__file__).resolve().parents[2] / "vendor" / "oai"
OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"oai": OAI, "oai_dc": OAI_DC, "dc": DC}
SCHEMA_LOCATION = f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
DC_SCHEMA_LOCATION = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
# The schemas' imports, read from the vendored files (and xmlschema's own xml.xsd), never
# from the network.
URI_MAP = {
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": str(VENDOR / "simpledc20021212.xsd"),
    "http://www.w3.org/2001/03/xml.xsd": str(
        Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"
    ),
}


@functools.cache
def oai_schema() -> xmlschema.XMLSchema10:
    """OAI-PMH.xsd, with the schemas its strictly checked parts name (oai_dc in records
    and set descriptions, oai-identifier in Identify)."""
    return xmlschema.XMLSchema10(
        str(VENDOR / "OAI-PMH.xsd"),
        locations=[
            (OAI_DC, str(VENDOR / "oai_dc.xsd")),
            (
                "http://www.openarchives.org/OAI/2.0/oai-identifier",
                str(VENDOR / "oai-identifier.xsd"),
            ),
        ],
        uri_mapper=URI_MAP,
        allow="local",
    )


@functools.cache
def dc_schema() -> xmlschema.XMLSchema10:
    return xmlschema.XMLSchema10(str(VENDOR / "oai_dc.xsd"), uri_mapper=URI_MAP, allow="local")


def validate(content: bytes) -> ET.Element:
    """The response, valid against OAI-PMH.xsd and each oai_dc part against oai_dc.xsd
    on its own (with the declarations and schemaLocation the protocol asks of it)."""
    oai_schema().validate(io.BytesIO(content), use_location_hints=False)
    root = ET.fromstring(content)
    assert root.get(f"{{{XSI}}}schemaLocation") == SCHEMA_LOCATION
    for part in root.iter(f"{{{OAI_DC}}}dc"):
        assert part.get(f"{{{XSI}}}schemaLocation") == DC_SCHEMA_LOCATION
        dc_schema().validate(part, use_location_hints=False)
    return root


@dataclass
class Answer:
    root: ET.Element
    content: bytes

    @property
    def error(self) -> str | None:
        error = self.root.find("oai:error", NS)
        return None if error is None else error.get("code")

    @property
    def request(self) -> ET.Element:
        return self.root.find("oai:request", NS)

    @property
    def headers(self) -> list[ET.Element]:
        return self.root.findall(".//oai:header", NS)

    @property
    def identifiers(self) -> list[str]:
        return [header.findtext("oai:identifier", namespaces=NS) for header in self.headers]

    @property
    def live(self) -> list[str]:
        return [
            header.findtext("oai:identifier", namespaces=NS)
            for header in self.headers
            if header.get("status") != "deleted"
        ]

    @property
    def deleted(self) -> list[str]:
        return [
            header.findtext("oai:identifier", namespaces=NS)
            for header in self.headers
            if header.get("status") == "deleted"
        ]

    @property
    def token(self) -> ET.Element | None:
        return self.root.find(".//oai:resumptionToken", NS)

    def records(self) -> dict[str, ET.Element]:
        """Each record's oai_dc part, by identifier (None for a deleted one)."""
        found = {}
        for record in self.root.iter(f"{{{OAI}}}record"):
            name = record.findtext("oai:header/oai:identifier", namespaces=NS)
            found[name] = record.find("oai:metadata/oai_dc:dc", NS)
        return found

    def datestamps(self) -> dict[str, str]:
        return {
            header.findtext("oai:identifier", namespaces=NS): header.findtext(
                "oai:datestamp", namespaces=NS
            )
            for header in self.headers
        }


def ask(client, method: str = "get", http: dict | None = None, **params) -> Answer:
    """The endpoint's answer to ``params`` (``http``: the request's own options, e.g.
    headers), checked as every answer must be."""
    response = getattr(client, method)("/oai/", params, **(http or {}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return Answer(validate(response.content), response.content)


def harvest(client, pages: int = 50, **params) -> tuple[list[Answer], list[str]]:
    """Every page of a list request, following its tokens, and every identifier listed;
    a list longer than ``pages`` fails (a harvest that loops)."""
    answers = [ask(client, **params)]
    while (token := answers[-1].token) is not None and token.text:
        assert len(answers) < pages, "the harvest does not end"
        answers.append(ask(client, verb=params["verb"], resumptionToken=token.text))
    return answers, [name for answer in answers for name in answer.identifiers]


def values(dc: ET.Element, element: str) -> list[tuple[str, str | None]]:
    """(text, xml:lang) of each ``dc:<element>`` of an oai_dc part."""
    return [(node.text, node.get(XML_LANG)) for node in dc.findall(f"dc:{element}", NS)]


def oai_id(record) -> str:
    spec = {
        "heritageitem": "heritage",
        "event": "timeline",
        "publication": "publications",
        "story": "stories",
    }
    return f"oai:unesco.kz:{spec[record._meta.model_name]}/{record.pk}"


def stamp(record, moment: datetime.datetime) -> None:
    """Make ``record`` look last changed (and created) at ``moment``: its row, its
    revisions and those of the records its metadata names."""
    model = type(record)
    model.objects.filter(pk=record.pk).update(created_at=moment, updated_at=moment)
    model.history.filter(id=record.pk).update(history_date=moment)
    name = model._meta.model_name
    if name == "heritageitem":
        related = [(region.history, region.pk) for region in record.regions.all()]
    elif name == "event":
        related = [(theme.history, theme.pk) for theme in record.themes.all()]
    else:
        related = [(a.history, a.pk) for a in record.authorships.all()]
        related += [(a.author.history, a.author_id) for a in record.authorships.all()]
    for history, pk in related:
        history.filter(id=pk).update(history_date=moment)
    # The stored stamp only ever rises with a write; a test going back in time sets it.
    source, pk = oai_id(record).removeprefix("oai:unesco.kz:").split("/")
    OaiStamp.objects.filter(source=source, record_id=pk).update(stamp=moment)


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=datetime.UTC)
