"""Identifiers, languages, pages, keywords and titles as the archive keeps them.

Each ``normal_*`` function returns the normalised value or raises ``ValueError`` with a
message a person can act on."""

import re
import unicodedata
from urllib.parse import unquote

from django.utils.translation import gettext as _

from publications.models import Language

DOI_PREFIX = re.compile(
    r"^(?:https?://)?(?:dx\.|www\.)?doi\.org/|^(?:info:)?doi[:/]\s*|^doi\s+", re.IGNORECASE
)
DOI = re.compile(r"10\.\d{4,9}/\S+")
ISBN_PREFIX = re.compile(r"^isbn(?:-1[03])?:?\s*", re.IGNORECASE)
NUMBER_RANGE = re.compile(r"(?<=[\dIVXLCivxlc])\s*(?:-{1,3}|–|—|‐|‑)\s*(?=[\dIVXLCivxlc])")


def normal_doi(value: str) -> str:
    """``https://doi.org/10.1000/ABC`` or ``doi:10.1000/abc`` → ``10.1000/abc``."""
    cleaned = unquote(value.strip())
    while True:
        stripped = DOI_PREFIX.sub("", cleaned, count=1).strip()
        if stripped == cleaned:
            break
        cleaned = stripped
    cleaned = cleaned.rstrip(".,;")
    if not DOI.fullmatch(cleaned):
        raise ValueError(
            _("“%(value)s” is not a DOI; a DOI starts with 10. and a slash, as in 10.1000/xyz.")
            % {"value": value}
        )
    return cleaned.lower()


def doi_in_url(url: str) -> str:
    """The DOI a doi.org link names, or ""."""
    if re.match(r"^https?://(?:dx\.)?doi\.org/10\.", url.strip(), re.IGNORECASE):
        try:
            return normal_doi(url)
        except ValueError:
            return ""
    return ""


def split_identifiers(value: str) -> list[str]:
    """Several ISBNs or ISSNs in one field: ``978-… 978-…``, ``…; …``, one a line."""
    value = ISBN_PREFIX.sub("", value.strip())
    parts = re.split(r"[,;\s]+(?:isbn(?:-1[03])?:?\s*)?", value, flags=re.IGNORECASE)
    return [part for part in parts if part.strip(" -")]


def compact(value: str) -> str:
    return re.sub(r"[\s\-‐‑–]", "", ISBN_PREFIX.sub("", value.strip())).upper()


def normal_isbn(value: str) -> str:
    """An ISBN-10 or ISBN-13 whose check digit is right, as ISBN-13 digits."""
    digits = compact(value)
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        if total % 11 == 0:
            return _isbn13("978" + digits[:9])
    elif re.fullmatch(r"97[89]\d{10}", digits):
        if _isbn13(digits[:12]) == digits:
            return digits
    else:
        raise ValueError(
            _("“%(value)s” is not an ISBN: an ISBN has 10 or 13 digits.") % {"value": value}
        )
    raise ValueError(
        _("“%(value)s” is not a valid ISBN: its check digit is wrong.") % {"value": value}
    )


def _isbn13(first12: str) -> str:
    total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def is_issn_shaped(value: str) -> bool:
    return bool(re.fullmatch(r"\d{7}[\dX]", compact(value)))


def normal_issn(value: str) -> str:
    digits = compact(value)
    if not re.fullmatch(r"\d{7}[\dX]", digits):
        raise ValueError(_("“%(value)s” is not an ISSN.") % {"value": value})
    total = sum((8 - i) * int(c) for i, c in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    if digits[7] != ("X" if check == 10 else str(check)):
        raise ValueError(
            _("“%(value)s” is not a valid ISSN: its check digit is wrong.") % {"value": value}
        )
    return f"{digits[:4]}-{digits[4:]}"


def normal_pages(value: str) -> str:
    """``123--145``, ``123-145``, ``123 – 145`` → ``123–145``."""
    return NUMBER_RANGE.sub("–", " ".join(value.split()))


def split_keywords(value: str, separators: str = ",;") -> list[str]:
    parts = re.split(f"[{re.escape(separators)}]", value)
    return [" ".join(part.split()) for part in parts if part.strip()]


def unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for value in values:
        if value.casefold() not in seen:
            seen.add(value.casefold())
            result.append(value)
    return result


def join_title(title: str, subtitle: str, language: str = "") -> str:
    """Title and subtitle as style guides join them: "Title: Subtitle" ("Title :
    Subtitle" in French), with no colon after a title that ends in its own mark."""
    title, subtitle = title.strip(), subtitle.strip()
    if not subtitle:
        return title
    if not title:
        return subtitle
    if title[-1] in ".?!:…":
        return f"{title} {subtitle}"
    return f"{title}{' : ' if language == 'fr' else ': '}{subtitle}"


SPACES = re.compile(r"[^\S\u00a0]+")  # whitespace but the no-break space (a TeX tie)


def clean_text(value: str, *, paragraphs: bool = False) -> str:
    """Spaces collapsed (a no-break space kept), Unicode composed; ``paragraphs`` keeps
    blank-line breaks."""
    value = unicodedata.normalize("NFC", value)
    if not paragraphs:
        return SPACES.sub(" ", value).strip()
    blocks = re.split(r"\n\s*\n", value.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n\n".join(SPACES.sub(" ", block).strip() for block in blocks if block.strip())


# Languages by every name bibliographies give them: biblatex's/babel's (`russian`),
# ISO 639-1/2/3 codes, BCP 47 tags (`ru-RU`, primary subtag only), and their names in
# English, Russian and Kazakh.
LANGUAGE_NAMES = {
    "kk": "kazakh kazak qazaq kaz казахский казахском казах қазақ қазақша қазақ_тілі",
    "ru": "russian rus русский русском русск рус орыс орысша орыс_тілі russe russisch",
    "en": "english eng american british ukenglish usenglish australian canadian "
    "newzealand английский англ ағылшын ағылшынша anglais englisch",
    "fr": "french francais français fre fra французский франц француз французша",
    "de": "german ngerman deutsch ger deu austrian naustrian swissgerman nswissgerman "
    "немецкий нем неміс",
    "uk": "ukrainian ukr украинский украин украинша",
    "be": "belarusian belarusian bel белорусский",
    "uz": "uzbek uzb узбекский өзбек",
    "ky": "kyrgyz kirghiz kir кыргызский киргизский қырғыз",
    "tg": "tajik tgk таджикский тәжік",
    "tk": "turkmen tuk туркменский түрікмен",
    "tr": "turkish tur турецкий түрік",
    "zh": "chinese chi zho китайский қытай",
    "ja": "japanese jpn японский жапон",
    "ko": "korean kor корейский корей",
    "ar": "arabic ara арабский араб",
    "fa": "persian farsi per fas персидский парсы",
    "es": "spanish spa испанский испан",
    "it": "italian ita итальянский итальян",
    "pt": "portuguese portuges brazilian por португальский",
    "pl": "polish pol польский поляк",
    "mn": "mongolian mon монгольский моңғол",
}
LANGUAGE_CODES = {
    name: code for code, names in LANGUAGE_NAMES.items() for name in (code, *names.split())
}
LANGUAGE_WORDS = re.compile(r"\s+(?:язык|тілі|language)$")


def normal_language(value: str) -> str:
    """ISO 639-1 code of the first language named: ``Russian``, ``rus``, ``ru-RU``,
    ``Русский``, ``russian and english`` → ``ru``. Raises for a language the
    archive does not record."""
    first = re.split(r"\s+and\s+|[,;/]", value.strip(), maxsplit=1)[0]
    cleaned = LANGUAGE_WORDS.sub("", first.strip().lower().replace("\u00a0", " "))
    cleaned = cleaned.replace(" ", "_")
    code = LANGUAGE_CODES.get(cleaned) or LANGUAGE_CODES.get(re.split(r"[-_]", cleaned)[0])
    if code is None:
        raise ValueError(_("“%(value)s” is not a language the archive knows.") % {"value": value})
    if code not in Language.values:
        raise ValueError(
            _("“%(value)s” is not one of the archive's languages (%(languages)s).")
            % {
                "value": value.strip(),
                "languages": ", ".join(str(label) for label in Language.labels),
            }
        )
    return code
