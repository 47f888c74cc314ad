"""Streamed responses (downloads, the map's places) that fail as pages fail."""

import itertools
from collections.abc import Iterable, Iterator

from django.utils.translation import get_language, override


def primed(items: Iterable) -> Iterator:
    """``items`` with the first one already read: read in the view, so that a database
    that cannot be reached answers 503 (core.errors) instead of a download cut off after
    its headers were sent."""
    items = iter(items)
    first = list(itertools.islice(items, 1))
    return itertools.chain(first, items)


def in_the_pages_language(chunks: Iterable[str]) -> Iterator[str]:
    """``chunks``, written after the view has returned, in the language of its page:
    addresses and names as the page would give them."""
    language = get_language()

    def written() -> Iterator[str]:
        with override(language):
            yield from chunks

    return written()
