"""SQLite's LIKE folds only ASCII letters, so "ЖІБЕК" would not find "Жібек" there.
Each SQLite connection gets a LIKE that folds case the way Python does (all of
Unicode, the Kazakh letters ә ғ қ ң ө ұ ү һ і included); PostgreSQL already does."""

import re
from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=256)
def _matcher(pattern: str, escape: str | None) -> Callable[[str], bool]:
    """A test for a case-folded value. ``%text%`` (what icontains and the search send)
    becomes a substring test: a regex ``.*text.*`` backtracks over every long text."""
    regex, literal, wildcards, chars = [], [], [], iter(pattern)
    for char in chars:
        if escape and char == escape:
            char = next(chars, "")
            regex.append(re.escape(char))
            literal.append(char)
        elif char in "%_":
            regex.append(".*" if char == "%" else ".")
            wildcards.append(len(literal))
            literal.append(None)
        else:
            regex.append(re.escape(char))
            literal.append(char)
    inner = literal[1:-1]
    if wildcards == [0, len(literal) - 1] and len(literal) >= 2 and None not in inner:
        needle = "".join(inner)
        return lambda value: needle in value
    compiled = re.compile("".join(regex), re.IGNORECASE | re.DOTALL)
    return lambda value: compiled.fullmatch(value) is not None


def unicode_like(pattern, value, escape=None):
    if pattern is None or value is None:
        return None
    return _matcher(pattern.casefold(), escape)(str(value).casefold())


def install(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("like", 2, unicode_like, deterministic=True)
        connection.connection.create_function("like", 3, unicode_like, deterministic=True)
