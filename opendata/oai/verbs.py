"""The six verbs. Each reads what it needs first (raising OaiError for the protocol's
errors), then returns a function that writes its element: a response is either the
verb's answer or an error, never half of one."""

import dataclasses
import datetime
from collections.abc import Callable

from opendata.oai import conf, records, tokens
from opendata.oai.arguments import (
    GRANULARITY,
    OAI_DC,
    OaiError,
    Request,
    dates,
    identifier,
    identifier_prefix,
    parse_identifier,
    utc,
)
from opendata.oai.metadata import dublin_core
from opendata.oai.sets import BY_SET_SPEC, SETS, specs_of
from opendata.oai.writer import DC, OAI, OAI_DC_SCHEMA, OAI_IDENTIFIER, XML, XSI, Writer
from opendata.oai.writer import OAI_DC as OAI_DC_NS
from opendata.oai.writer import OAI_IDENTIFIER_SCHEMA as OAI_IDENTIFIER_SCHEMA_URL

Body = Callable[[Writer], None]


class Context:
    """What every verb may need of the HTTP request: the time, the endpoint's address
    and how to make a path absolute on the request's host."""

    def __init__(self, now: datetime.datetime, base_url: str, absolute: Callable[[str], str]):
        self.now = now
        self.base_url = base_url
        self.absolute = absolute


def identify(request: Request, context: Context) -> Body:
    earliest = records.earliest_datestamp() or context.now
    sample = identifier(records.SOURCES[0], 1)

    def write(out: Writer) -> None:
        with out.element(OAI, "Identify"):
            out.leaf(OAI, "repositoryName", conf.repository_name())
            out.leaf(OAI, "baseURL", context.base_url)
            out.leaf(OAI, "protocolVersion", "2.0")
            for email in conf.admin_emails():
                out.leaf(OAI, "adminEmail", email)
            out.leaf(OAI, "earliestDatestamp", utc(earliest))
            # Deletions are read from the records' revisions, which the project keeps but
            # does not promise to keep for ever: "transient", not "persistent".
            out.leaf(OAI, "deletedRecord", "transient")
            out.leaf(OAI, "granularity", GRANULARITY)
            with out.element(OAI, "description"):
                location = f"{OAI_IDENTIFIER} {OAI_IDENTIFIER_SCHEMA_URL}"
                with out.element(
                    OAI_IDENTIFIER,
                    "oai-identifier",
                    {(XSI, "schemaLocation"): location},
                    declare=(OAI_IDENTIFIER, XSI),
                ):
                    out.leaf(OAI_IDENTIFIER, "scheme", "oai")
                    out.leaf(OAI_IDENTIFIER, "repositoryIdentifier", conf.repository_identifier())
                    out.leaf(OAI_IDENTIFIER, "delimiter", ":")
                    out.leaf(OAI_IDENTIFIER, "sampleIdentifier", sample)

    return write


def list_metadata_formats(request: Request, context: Context) -> Body:
    if "identifier" in request.arguments:
        _header_of(request.arguments["identifier"])

    def write(out: Writer) -> None:
        with out.element(OAI, "ListMetadataFormats"), out.element(OAI, "metadataFormat"):
            out.leaf(OAI, "metadataPrefix", OAI_DC)
            out.leaf(OAI, "schema", OAI_DC_SCHEMA)
            out.leaf(OAI, "metadataNamespace", OAI_DC_NS)

    return write


def list_sets(request: Request, context: Context) -> Body:
    if "resumptionToken" in request.arguments:
        raise OaiError("badResumptionToken", "The list of sets is given whole, without tokens.")

    def write(out: Writer) -> None:
        with out.element(OAI, "ListSets"):
            for one in SETS:
                with out.element(OAI, "set"):
                    out.leaf(OAI, "setSpec", one.spec)
                    out.leaf(OAI, "setName", one.name())
                    with out.element(OAI, "setDescription"), _dc(out):
                        for code, title in one.titles():
                            out.leaf(DC, "title", title, {(XML, "lang"): code})

    return write


def get_record(request: Request, context: Context) -> Body:
    _disseminate(request.arguments["metadataPrefix"])
    header = _header_of(request.arguments["identifier"])
    found = {} if header.deleted else _described(header.source, [header.pk], context)

    def write(out: Writer) -> None:
        with out.element(OAI, "GetRecord"):
            _record(out, header, found.get(header.pk))

    return write


def list_identifiers(request: Request, context: Context) -> Body:
    return _list(request, context, with_records=False)


def list_records(request: Request, context: Context) -> Body:
    return _list(request, context, with_records=True)


def _list(request: Request, context: Context, *, with_records: bool) -> Body:
    state = _state(request, context)
    selection = _selection(state)
    headers, remaining, more = records.page(selection, state.after, conf.page_size())
    if not headers:
        raise OaiError("noRecordsMatch", "No record matches these arguments.")
    found = {}
    if with_records:
        for source in selection.sources:
            live = [
                header.pk for header in headers if header.source is source and not header.deleted
            ]
            found[source] = _described(source, live, context)
    token = None
    if more:
        listed = state.listed + len(headers)
        token = tokens.issue(dataclasses.replace(state, after=headers[-1].key, listed=listed))
    resumed = "resumptionToken" in request.arguments

    def write(out: Writer) -> None:
        with out.element(OAI, request.verb):
            for header in headers:
                if with_records:
                    _record(out, header, found[header.source].get(header.pk))
                else:
                    _header(out, header)
            if token or resumed:
                attributes = {"completeListSize": state.listed + remaining, "cursor": state.listed}
                if token:
                    attributes["expirationDate"] = utc(tokens.expires(context.now))
                out.leaf(OAI, "resumptionToken", token or "", attributes)

    return write


def _state(request: Request, context: Context) -> tokens.State:
    if "resumptionToken" in request.arguments:
        try:
            return tokens.read(request.arguments["resumptionToken"], request.verb)
        except tokens.BadToken:
            raise OaiError(
                "badResumptionToken", "The resumption token is expired, changed or not ours."
            ) from None
    _disseminate(request.arguments["metadataPrefix"])
    return tokens.State(
        verb=request.verb,
        metadata_prefix=request.arguments["metadataPrefix"],
        set_spec=request.arguments.get("set", ""),
        start=request.arguments.get("from", ""),
        until=request.arguments.get("until", ""),
        began=context.now,
    )


def _selection(state: tokens.State) -> records.Selection:
    start, end = dates(state.start, state.until)
    if not state.set_spec:
        return records.Selection(records.SOURCES, "", start, end, state.began)
    if state.set_spec not in BY_SET_SPEC:
        raise OaiError("noRecordsMatch", f"There is no set {state.set_spec}.")
    chosen = BY_SET_SPEC[state.set_spec]
    return records.Selection((chosen.source,), chosen.kind, start, end, state.began)


def _disseminate(prefix: str) -> None:
    if prefix != OAI_DC:
        raise OaiError("cannotDisseminateFormat", f"Records are given as {OAI_DC} only.")


def _header_of(text: str) -> records.Header:
    named = parse_identifier(text)
    header = records.header(*named) if named else None
    if header is None:
        raise OaiError("idDoesNotExist", f"No record {text}; ours begin {identifier_prefix()}")
    return header


def _described(source: records.Source, pks: list[int], context: Context) -> dict[int, list]:
    """The Dublin Core of the public records ``pks``, by primary key."""
    return {
        pk: dublin_core(record, context.absolute)
        for pk, record in records.fetch(source, pks).items()
    }


def _record(out: Writer, header: records.Header, elements: list | None) -> None:
    with out.element(OAI, "record"):
        if elements is None:  # deleted, or no longer public since its header was read
            _header(out, header, deleted=True)
            return
        _header(out, header)
        with out.element(OAI, "metadata"):
            write_dc(out, elements)


def _header(out: Writer, header: records.Header, *, deleted: bool = False) -> None:
    attributes = {"status": "deleted"} if deleted or header.deleted else None
    with out.element(OAI, "header", attributes):
        out.leaf(OAI, "identifier", identifier(header.source, header.pk))
        out.leaf(OAI, "datestamp", utc(header.datestamp))
        for spec in specs_of(header.source, header.kind):
            out.leaf(OAI, "setSpec", spec)


def write_dc(out: Writer, elements: list) -> None:
    """An oai_dc part: each (element, text, language) with xml:lang where it has one."""
    with _dc(out):
        for element, text, language in elements:
            out.leaf(DC, element, text, {(XML, "lang"): language} if language else None)


def _dc(out: Writer):
    location = f"{OAI_DC_NS} {OAI_DC_SCHEMA}"
    return out.element(
        OAI_DC_NS, "dc", {(XSI, "schemaLocation"): location}, declare=(OAI_DC_NS, DC, XSI)
    )


VERBS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
