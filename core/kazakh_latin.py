"""Kazakh in the 2021 Latin alphabet, and a search key shared by Cyrillic and Latin spellings.

``to_latin`` follows the Latin alphabet of Kazakh presented by the Government on 28 January
2021 (31 letters), as the "Latin 2021 approved version" column of qazlatyn-db 4.0.0 gives it
(https://socket.dev/npm/package/qazlatyn-db/overview/4.0.0): Ә Ä, Ғ Ğ, Қ Q, Ң Ñ, Ө Ö, Ұ Ū,
Ү Ü, Ш Ş, Ж J, Ы Y, У U, І I/ı (dotless small letter), И and Й İ/i, Х and Һ H. It gives
the 2021 sample text of "Kazakh alphabets", Wikipedia (https://en.wikipedia.org/wiki/
Kazakh_alphabets) letter for letter. The 31 letters leave out those of Russian loans; for
them: Ч Ch (as qazlatyn-db's 2021 column writes it), Ц Ts, Щ Şş, Ё Io, Ю Iu, Я Ia,
Э E, В V, Ф F, and Ъ Ь are dropped.
"""

import re
import unicodedata
from collections.abc import Callable

_LATIN = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
    "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
    "ч": "ch", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}  # fmt: skip
# The 2021 alphabet pairs dotted İ with i and dotless I with ı, as Turkish does.
_LATIN_CAPITALS = {"и": "İ", "й": "İ", "і": "I"}

# The plain-ASCII spelling English texts use (BGN/PCGN-like, without its diacritics).
_ENGLISH = _LATIN | {
    "ә": "a", "ғ": "g", "ё": "yo", "ж": "zh", "й": "y", "қ": "k", "ң": "ng", "ө": "o",
    "ұ": "u", "ү": "u", "х": "kh", "ч": "ch", "ш": "sh", "щ": "shch", "і": "i", "ю": "yu",
    "я": "ya",
}  # fmt: skip

_SKELETON = dict(zip("абгдезклмнопрстф", "abgdezklmnoprstf", strict=True)) | {
    "ә": "a", "в": "u", "ғ": "g", "ё": "io", "ж": "j", "и": "i", "й": "i", "қ": "k",
    "ң": "n", "ө": "o", "у": "u", "ұ": "u", "ү": "u", "х": "k", "һ": "k", "ц": "ts",
    "ч": "c", "ш": "s", "щ": "s", "ъ": "", "ы": "i", "і": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}  # fmt: skip
_SKELETON_CYRILLIC = str.maketrans(_SKELETON)
_SKELETON_LATIN = str.maketrans("qxhwvy", "kkkuui")
_SKELETON_DIGRAPHS = {"shch": "s", "kh": "k", "gh": "g", "zh": "j", "sh": "s", "ch": "c", "ng": "n"}
_SKELETON_DIGRAPH = re.compile("|".join(_SKELETON_DIGRAPHS))

_KAZAKH_DIGRAPHS = {"sh": "ш", "ch": "ч", "zh": "ж", "kh": "қ", "gh": "ғ"}
_KAZAKH_LETTERS = str.maketrans(
    "aäbcçdefgğhıijklmnñoöpqrsştuūüvwxyz", "аәбцчдефгғхіижклмнңоөпқрсштуұүвухыз"
)
_RUSSIAN_DIGRAPHS = {"shch": "щ", "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "gh": "г", "ts": "ц"}
_RUSSIAN_LETTERS = str.maketrans("abcdefghijklmnopqrstuvwxyz", "абцдефгхижклмнопкрстувухыз")
_IOTATED = {"a": "я", "u": "ю", "o": "ё", "e": "е"}

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+")


def to_latin(text: str) -> str:
    """``text`` with its Cyrillic letters in the 2021 Kazakh Latin alphabet, case kept."""
    return _transliterate(text, _LATIN, _LATIN_CAPITALS)


def folded(text: str) -> str:
    """``text`` as two names are compared: case folded, punctuation as spaces, one space
    between words (a title in a bibliography and in the archive, a name and a query)."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def search_forms(query: str) -> list[str]:
    """The distinct spellings to search ``query`` with, the (stripped) query first: for
    Cyrillic, its 2021 Latin, plain-ASCII and English forms; for Latin, its readings as
    Kazakh (2021 letters, "kh" as Қ) and as Russian Cyrillic ("kh" as Х). Empty if blank."""
    query = query.strip()
    if not query:
        return []
    if _CYRILLIC.search(query):
        latin = to_latin(query)
        forms = [latin, _plain(latin), _transliterate(query, _ENGLISH, {})]
    elif _LATIN_LETTER.search(query):
        forms = [_by_word(query, _kazakh_reading), _by_word(query, _russian_reading)]
    else:
        forms = []
    return list(dict.fromkeys([query, *forms]))


def fold(text: str) -> str:
    """A lossy ASCII search key, the same for a word in Cyrillic, in 2021 Latin and in the
    usual English spellings (Қазақстан, Qazaqstan, Kazakhstan: "kazakstan"). Case and
    diacritics go, and so does all but letters and digits; ә a; ө o; у ұ ү w v в u;
    и й і ы ı y i (so я ia ya, ю iu yu, ё io yo); қ к х һ q x h kh k; ғ gh g; ң ng n;
    ж zh j; ш щ ş sh s; ч ç ch c; ц ts; a run of one letter counts once; a word's
    opening "ie" is "e" (Ерлан, Yerlan)."""
    return fold_words(text).replace(" ", "")


def fold_words(text: str) -> str:
    """``fold`` applied to each word of ``text``, the keys joined by single spaces."""
    return " ".join(key for key in map(_fold_word, text.split()) if key)


def _fold_word(word: str) -> str:
    key = _plain(word.casefold().translate(_SKELETON_CYRILLIC))
    key = _SKELETON_DIGRAPH.sub(lambda m: _SKELETON_DIGRAPHS[m[0]], key)
    key = re.sub(r"[\W_]+", "", key.translate(_SKELETON_LATIN))
    key = re.sub(r"(.)\1+", r"\1", key)
    return key[1:] if key.startswith("ie") else key


def _transliterate(text: str, table: dict[str, str], capitals: dict[str, str]) -> str:
    out = []
    for i, char in enumerate(text):
        lower = char.lower()
        if lower not in table:
            out.append(char)
        elif char == lower:
            out.append(table[lower])
        else:
            title = capitals.get(lower) or table[lower].capitalize()
            # "Ia" in "Ясауи", "IA" in "ЯССЫ": a digraph is all capitals in a word that is.
            shouting = any(c.isupper() for c in text[max(i - 1, 0) : i] + text[i + 1 : i + 2])
            out.append(title.upper() if shouting else title)
    return "".join(out)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("ı", "i"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _by_word(text: str, reading: Callable[[str], str]) -> str:
    def convert(match: re.Match[str]) -> str:
        word = match[0]
        cyrillic = reading(word.replace("İ", "i").lower())
        if len(word) > 1 and word.isupper():
            return cyrillic.upper()
        return cyrillic[:1].upper() + cyrillic[1:] if word[0].isupper() else cyrillic

    return _WORD.sub(convert, text)


def _kazakh_reading(word: str) -> str:
    word = re.sub("|".join(_KAZAKH_DIGRAPHS), lambda m: _KAZAKH_DIGRAPHS[m[0]], word)
    # 2021 writes я ю ё as ia iu io; no Kazakh word opens with ы and a vowel, so "ya" is я.
    word = re.sub(r"(?:^y|i)([aou])", lambda m: _IOTATED[m[1]], word)
    # i is й after a vowel (Abai, Qairat) but и after u, which is itself often у (Iasaui).
    word = re.sub(r"(?<=[aäeoöūü])i", "й", word)
    return word.translate(_KAZAKH_LETTERS)


def _russian_reading(word: str) -> str:
    word = _plain(word)
    word = re.sub("|".join(_RUSSIAN_DIGRAPHS), lambda m: _RUSSIAN_DIGRAPHS[m[0]], word)
    word = re.sub(r"(?:^|(?<=[aeiouy]))(?:y[aueo]|i[auo])", lambda m: _IOTATED[m[0][1]], word)
    word = re.sub(r"(?<=[aeo])[iy]", "й", word)
    return word.translate(_RUSSIAN_LETTERS)
