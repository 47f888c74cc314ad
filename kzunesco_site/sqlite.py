"""SQLite's LIKE folds only ASCII letters, so "ЖІБЕК" would not find "Жібек" there.
Each SQLite connection gets a LIKE that folds case the way Python does (all of
Unicode, the Kazakh letters ә ғ қ ң ө ұ ү һ і included); PostgreSQL already does."""

import re
from functools import lru_cache


@lru_cache(maxsize=256)
def _pattern(pattern: str, escape: str | None) -> re.Pattern:
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
    return re.compile("".join(regex), re.IGNORECASE | re.DOTALL)


def unicode_like(pattern, value, escape=None):
    if pattern is None or value is None:
        return None
    return _pattern(pattern.casefold(), escape).fullmatch(str(value).casefold()) is not None


def install(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("like", 2, unicode_like, deterministic=True)
        connection.connection.create_function("like", 3, unicode_like, deterministic=True)
