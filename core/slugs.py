"""Slugs made from names in Kazakh, Russian or English: Cyrillic letters, the Kazakh ones
included, written in Latin letters, then Django's slugify. (Unidecode writes "Әлем" as
"@lem" and "Қожа" as "K'ozha", so the table is our own.)"""

from django.utils.text import slugify

CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
}  # fmt: skip
MAX_LENGTH = 120  # SlugModel.slug


def latin(text: str) -> str:
    return "".join(CYRILLIC.get(letter, letter) for letter in text.casefold())


def slug_base(name: str) -> str:
    """The slug ``name`` gives before any "-2" that keeps it unique ("" for no letters)."""
    return slugify(latin(name))[: MAX_LENGTH - 6].strip("-")


def slug_from(name: str, *, taken: set[str], fallback: str = "record") -> str:
    """A slug for ``name`` not in ``taken`` ("name", "name-2", "name-3" …), added to it."""
    base = slug_base(name) or fallback
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug
