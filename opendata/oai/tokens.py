"""Resumption tokens: stateless, signed (django.core.signing, with the site's secret key),
carrying the request's arguments, the moment the harvest began and a keyset cursor (the
last record's datestamp, app and primary key), never an offset. A token is refused when
it expired, was changed, comes from another repository or another verb."""

import datetime
from dataclasses import dataclass

from django.core import signing

from opendata.oai import conf
from opendata.oai.records import Key

SALT = "opendata.oai.resumption-token"


class BadToken(Exception):
    pass


@dataclass(frozen=True)
class State:
    """Where a list request stands: its arguments, when the harvest began, the last
    record listed and how many were listed before."""

    verb: str
    metadata_prefix: str
    set_spec: str
    start: str  # the from and until arguments as given ("" when absent)
    until: str
    began: datetime.datetime
    after: Key | None = None
    listed: int = 0


def issue(state: State) -> str:
    after = state.after
    payload = {
        "r": conf.repository_identifier(),
        "v": state.verb,
        "m": state.metadata_prefix,
        "s": state.set_spec,
        "f": state.start,
        "u": state.until,
        "b": state.began.isoformat(),
        "a": [after.datestamp.isoformat(), after.rank, after.pk] if after else None,
        "n": state.listed,
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def read(token: str, verb: str) -> State:
    try:
        payload = signing.loads(token, salt=SALT, max_age=conf.token_seconds())
        if payload["r"] != conf.repository_identifier() or payload["v"] != verb:
            raise BadToken
        after = payload["a"]
        return State(
            verb=verb,
            metadata_prefix=str(payload["m"]),
            set_spec=str(payload["s"]),
            start=str(payload["f"]),
            until=str(payload["u"]),
            began=_moment(payload["b"]),
            after=Key(_moment(after[0]), int(after[1]), int(after[2])) if after else None,
            listed=int(payload["n"]),
        )
    except (
        signing.BadSignature,
        AttributeError,
        KeyError,
        TypeError,
        ValueError,
        IndexError,
    ) as error:
        raise BadToken from error


def expires(issued: datetime.datetime) -> datetime.datetime:
    return issued + datetime.timedelta(seconds=conf.token_seconds())


def _moment(text: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("a moment without its time zone")
    return moment
