"""A protocol request's arguments, checked as the specification says: the verb, the
arguments each verb requires, allows or takes alone, values of the right form, and
``from``/``until`` in UTC at day or second granularity (the repository's)."""

import datetime
import re
from dataclasses import dataclass

from opendata.oai import conf
from opendata.oai.records import BY_SPEC, Source

OAI_DC = "oai_dc"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"

# verb: (required, optional, exclusive)
VERBS = {
    "Identify": ((), (), None),
    "ListMetadataFormats": ((), ("identifier",), None),
    "ListSets": ((), (), "resumptionToken"),
    "GetRecord": (("identifier", "metadataPrefix"), (), None),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
}
# The forms OAI-PMH.xsd gives these values.
_PREFIX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
_SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


class OaiError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Request:
    verb: str
    arguments: dict[str, str]


def parse(query) -> Request:
    """The verb and arguments of ``query`` (a QueryDict), or OaiError."""
    given = dict(query.lists())
    verbs = given.pop("verb", [])
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", "The verb is missing, repeated or not one of OAI-PMH's.")
    verb = verbs[0]
    required, optional, exclusive = VERBS[verb]
    allowed = {*required, *optional, exclusive} - {None}
    if unknown := sorted(set(given) - allowed):
        raise OaiError("badArgument", f"{verb} does not take {', '.join(unknown)}.")
    if repeated := sorted(name for name, values in given.items() if len(values) > 1):
        raise OaiError("badArgument", f"Repeated argument: {', '.join(repeated)}.")
    arguments = {name: values[0] for name, values in given.items()}
    if empty := sorted(name for name, value in arguments.items() if not value):
        raise OaiError("badArgument", f"Empty argument: {', '.join(empty)}.")
    if exclusive in arguments:
        if len(arguments) > 1:
            raise OaiError("badArgument", f"{exclusive} is an exclusive argument.")
    elif missing := [name for name in required if not arguments.get(name)]:
        raise OaiError("badArgument", f"Missing argument: {', '.join(missing)}.")
    _check_forms(arguments)
    return Request(verb, arguments)


def _check_forms(arguments: dict[str, str]) -> None:
    forms = {"metadataPrefix": _PREFIX, "set": _SET_SPEC}
    for name, form in forms.items():
        if name in arguments and not form.fullmatch(arguments[name]):
            raise OaiError("badArgument", f"The {name} is not of the protocol's form.")
    dates(arguments.get("from", ""), arguments.get("until", ""))


def dates(start: str, until: str) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """``from`` as a moment (inclusive) and ``until`` as the moment just after it (the
    end of its day or second), or badArgument: a form other than day or second in UTC,
    the two of different granularity, or ``from`` after ``until``."""
    first, first_step = _moment(start)
    last, last_step = _moment(until)
    if first_step and last_step and first_step != last_step:
        raise OaiError("badArgument", "from and until must have the same granularity.")
    if first and last and first > last:
        raise OaiError("badArgument", "from is later than until.")
    if last is None:
        return first, None
    try:
        return first, last + last_step
    except OverflowError:  # until the last day of year 9999: no end
        return first, None


def _moment(text: str) -> tuple[datetime.datetime | None, datetime.timedelta | None]:
    if not text:
        return None, None
    try:
        if _DAY.fullmatch(text):
            day = datetime.date.fromisoformat(text)
            moment = datetime.datetime.combine(day, datetime.time(), datetime.UTC)
            return moment, datetime.timedelta(days=1)
        if _SECOND.fullmatch(text):
            moment = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
            return moment.replace(tzinfo=datetime.UTC), datetime.timedelta(seconds=1)
    except ValueError:
        pass
    raise OaiError("badArgument", f"Not a date of the form YYYY-MM-DD or {GRANULARITY}: {text}")


def identifier_prefix() -> str:
    return f"oai:{conf.repository_identifier()}:"


def identifier(source: Source, pk: int) -> str:
    return f"{identifier_prefix()}{source.spec}/{pk}"


def parse_identifier(text: str) -> tuple[Source, int] | None:
    """The app and primary key an identifier names, or None for one this repository
    never gave."""
    if not text.startswith(identifier_prefix()):
        return None
    spec, _slash, pk = text.removeprefix(identifier_prefix()).partition("/")
    canonical = pk.isascii() and pk.isdigit() and not pk.startswith("0") and len(pk) <= 18
    if spec not in BY_SPEC or not canonical:
        return None
    return BY_SPEC[spec], int(pk)


def utc(moment: datetime.datetime) -> str:
    """A moment at the repository's granularity: YYYY-MM-DDThh:mm:ssZ."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
