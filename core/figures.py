"""Figures many pages show and only a change of content alters: the published items'
counts per programme (the heritage list's tabs, the home and About pages), a filtered
list's total, the facts page's charts. At 100,000 items counting them is the largest part
of those pages (per programme 10 ms on SQLite, 9–16 on PostgreSQL: every published item's
kind is read; a region's total 27–32 ms on PostgreSQL).

``remembered(key, compute)`` computes the figure, unless a keeper is installed: the
caching app installs one when it is ready, which keeps each figure for one generation of
the public pages' cache (caching/figures.py), so any publish, edit, import, undo or
scheduled publication that would change a page changes the figure with it. core imports
no app above it; the keeper is handed down."""

from collections.abc import Callable

_keeper: Callable | None = None


def remembered[T](key: str, compute: Callable[[], T]) -> T:
    return compute() if _keeper is None else _keeper(key, compute)


def keep_with(keeper: Callable | None) -> None:
    global _keeper
    _keeper = keeper
