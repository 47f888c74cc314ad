"""SQLite's LIKE folds only ASCII letters, so "ЖІБЕК" would not find "Жібек" there.
Each SQLite connection gets a LIKE that folds case the way Python does (all of
Unicode, the Kazakh letters ә ғ қ ң ө ұ ү һ і included); PostgreSQL already does."""

import re
from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=256)
def _matcher(pattern: str, escape: str | None) -> Callable[[str], bool]:
    """A test for a case-folded value. ``%text%`` with no other wildcard or escape in it
    (what icontains and the search send for most words) becomes a substring test: a
    regex ``.*text.*`` backtracks over every long text."""
    inner = pattern[1:-1]
    plain = not any(char in inner for char in ("%", "_", escape) if char)
    if plain and len(pattern) >= 2 and pattern[0] == pattern[-1] == "%":
        return lambda value: inner in value
    regex, chars = [], iter(pattern)
    for char in chars:
        if escape and char == escape:
            regex.append(re.escape(next(chars, "")))
        elif char == "%":
            regex.append(".*")
        elif char == "_":
            regex.append(".")
        else:
            regex.append(re.escape(char))
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
