"""LaTeX in BibTeX values, as Unicode text: accents (``{\\"u}``, ``\\'{e}``,
``\\c{c}``, ``{\\i}``), dashes, ties, escaped specials, text commands, and formulas
without their markup (``Cu$_2$O`` → ``Cu₂O``). Braces that protect case go.

Also the pass that takes ``%`` comments out of a .bib file before it is split."""

import functools
import re
import unicodedata

from pylatexenc import latexwalker, macrospec
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

# Text commands reference managers write that pylatexenc does not know: (name,
# arguments, replacement; %s or %(n)s is the argument's text).
EXTRA_MACROS = [
    ("foreignlanguage", "[{{", "%(3)s"),
    ("foreignquote", "{{", "“%(2)s”"),
    ("enquote", "{", "“%s”"),
    ("mkbibquote", "{", "“%s”"),
    ("mkbibemph", "{", "%s"),
    ("mkbibitalic", "{", "%s"),
    ("mkbibbold", "{", "%s"),
    ("textcyrillic", "{", "%s"),
    ("textcyr", "{", "%s"),
    ("textenglish", "{", "%s"),
    ("textrussian", "{", "%s"),
    ("selectlanguage", "{", ""),
    ("copyright", "", "©"),
    ("textnumero", "", "№"),
    ("No", "", "№"),
]

_walker_context = latexwalker.get_default_latex_context_db()
_walker_context.add_context_category(
    "bibliography", macros=[macrospec.MacroSpec(name, args) for name, args, _r in EXTRA_MACROS]
)
_text_context = get_default_latex_context_db()
_text_context.add_context_category(
    "bibliography",
    macros=[MacroTextSpec(name, simplify_repl=repl) for name, _a, repl in EXTRA_MACROS],
    prepend=True,
)
_converter = LatexNodes2Text(latex_context=_text_context, math_mode="text")

LATEX_SIGNS = re.compile(r"[\\{}$~]|--|``|''")
# A % or & not escaped: in a value written by a program that does not escape them
# (Mendeley, hand-written files), the sign itself.
BARE_SPECIAL = re.compile(r"(?<!\\)([%&#])")
MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$")
SCRIPT = re.compile(r"([_^])(?:\{([^{}]*)\}|(\\?\w))")
SUBSCRIPTS = str.maketrans("0123456789+-=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ")
SUPERSCRIPTS = str.maketrans("0123456789+-=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ")


# Without a command or a formula, LaTeX is braces, ties, dashes and quotes: replaced
# directly (pylatexenc takes a millisecond a value; a file holds tens of thousands).
PLAIN = [("{", ""), ("}", ""), ("~", "\u00a0"), ("---", "—"), ("--", "–"), ("``", "“"), ("''", "”")]


@functools.lru_cache(maxsize=4096)
def to_text(value: str) -> str:
    """LaTeX → Unicode, spaces not yet collapsed; ``~`` becomes a no-break space."""
    if not LATEX_SIGNS.search(value):
        return unicodedata.normalize("NFC", value)
    if "\\" not in value and "$" not in value:
        for sign, replacement in PLAIN:
            value = value.replace(sign, replacement)
        return unicodedata.normalize("NFC", value)
    value = BARE_SPECIAL.sub(r"\\\1", value)
    value = MATH.sub(lambda m: "$" + SCRIPT.sub(_script, m.group(1)) + "$", value)
    walker = latexwalker.LatexWalker(value, latex_context=_walker_context, tolerant_parsing=True)
    try:
        nodes, _pos, _length = walker.get_latex_nodes()
        text = _converter.nodelist_to_text(nodes)
    except latexwalker.LatexWalkerError:
        text = value.replace("{", "").replace("}", "")
    return unicodedata.normalize("NFC", text)


def _script(match: re.Match) -> str:
    sign, group, single = match.groups()
    content = group if group is not None else single
    table = SUBSCRIPTS if sign == "_" else SUPERSCRIPTS
    converted = content.translate(table)
    if content.startswith("\\") or any(a == b for a, b in zip(content, converted, strict=True)):
        return content if group is None else "{" + content + "}"
    return converted


def verbatim(value: str) -> str:
    """A URL or DOI as written: only the braces and the escapes of special signs go
    (``\\_``, ``\\%``, ``\\#``, ``\\&``); ``~`` and ``%20`` stay."""
    value = re.sub(r"\\url\{([^{}]*)\}", r"\1", value.strip())
    value = re.sub(r"\\([_%#&$~])", r"\1", value)
    return value.replace("{", "").replace("}", "").strip()


def strip_comments(text: str) -> str:
    """The .bib text without ``%`` comments where BibTeX and biber take them as comments:
    between entries, and between the fields of an entry. Inside a braced or quoted value
    ``%`` is kept (``\\%`` is a percent sign; a program that does not escape it means one
    too). ``@comment`` blocks stay as they are. Line breaks are kept, so lines still count.

    Also gives an entry written without a key (EndNote's BibTeX) an empty one, so the
    splitter reads its fields."""
    out: list[str] = []
    i, length = 0, len(text)
    while i < length:
        char = text[i]
        if char == "%":
            i = _line_end(text, i)
            continue
        if char == "@" and (match := re.compile(r"@\s*(\w+)\s*([{(])").match(text, i)):
            out.append(match.group(0))
            i = match.end()
            kind = match.group(1).lower()
            if kind == "comment":
                i = _copy_comment(text, i, out, match.group(2))
                continue
            if kind not in ("string", "preamble") and re.match(r"\s*[\w\-:.]+\s*=", text[i:]):
                out.append(",")
            i = _copy_entry(text, i, out, closing="}" if match.group(2) == "{" else ")")
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _copy_comment(text: str, i: int, out: list[str], opening: str) -> int:
    """An @comment block, whole: the splitter reads it, and it may hold any sign."""
    depth, signs = 1, ({"{": 1, "}": -1} if opening == "{" else {"(": 1, ")": -1})
    for j in range(i, len(text)):
        depth += signs.get(text[j], 0)
        if depth == 0:
            out.append(text[i : j + 1])
            return j + 1
    out.append(text[i:])
    return len(text)


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end == -1 else end


def _copy_entry(text: str, i: int, out: list[str], *, closing: str) -> int:
    depth, quoted, length = 0, False, len(text)
    while i < length:
        char = text[i]
        if char == "\\" and i + 1 < length:
            out.append(text[i : i + 2])
            i += 2
            continue
        if char == "@" and depth == 0 and not quoted and _at_line_start(text, i):
            return i  # an unclosed entry: the splitter starts anew here too
        if depth == 0 and not quoted:
            if char == "%":
                i = _line_end(text, i)
                continue
            if char == closing:
                out.append(char)
                return i + 1
            if char == '"':
                quoted = True
        elif depth == 0 and char == '"':
            quoted = False
        if char == "{":
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
        out.append(char)
        i += 1
    return i


def _at_line_start(text: str, i: int) -> bool:
    start = text.rfind("\n", 0, i) + 1
    return not text[start:i].strip()
