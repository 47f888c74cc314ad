"""Which kind of publication each type of entry is, in BibTeX/biblatex, RIS and CSL.

A type with no counterpart in the archive (a film, a data set, software, a map) is not
mapped to a near one: the record gets an error naming the type. Book-length works are
"book"; "monograph" is an archivist's judgement that no reference manager records.
"""

from publications.models import PublicationKind

ARTICLE = PublicationKind.ARTICLE.value
BOOK = PublicationKind.BOOK.value
CHAPTER = PublicationKind.CHAPTER.value
DISSERTATION = PublicationKind.DISSERTATION.value
DOCUMENT = PublicationKind.DOCUMENT.value

# biblatex's types and BibTeX's aliases (biblatex manual §2.1.1–2.1.3), lowercased.
BIBTEX_ALIASES = {
    "conference": "inproceedings",
    "electronic": "online",
    "www": "online",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "techreport": "report",
}
BIBTEX_KINDS = {
    "article": ARTICLE,
    "suppperiodical": ARTICLE,
    "review": ARTICLE,
    "book": BOOK,
    "mvbook": BOOK,
    "collection": BOOK,
    "mvcollection": BOOK,
    "proceedings": BOOK,
    "mvproceedings": BOOK,
    "reference": BOOK,
    "mvreference": BOOK,
    "periodical": BOOK,
    "inbook": CHAPTER,
    "bookinbook": CHAPTER,
    "suppbook": CHAPTER,
    "incollection": CHAPTER,
    "suppcollection": CHAPTER,
    "inreference": CHAPTER,
    "inproceedings": CHAPTER,
    "thesis": DISSERTATION,
    "report": DOCUMENT,
    "manual": DOCUMENT,
    "booklet": DOCUMENT,
    "online": DOCUMENT,
    "misc": DOCUMENT,
    "unpublished": DOCUMENT,
    "patent": DOCUMENT,
    "standard": DOCUMENT,
    "legislation": DOCUMENT,
    "legal": DOCUMENT,
    "jurisdiction": DOCUMENT,
    "letter": DOCUMENT,
}
# Entries that hold data for others and are no publication themselves.
BIBTEX_NOT_RECORDS = {"xdata", "set"}

# The RIS specification's reference types (and EndNote's), upper case.
RIS_KINDS = {
    "JOUR": ARTICLE,
    "EJOUR": ARTICLE,
    "JFULL": BOOK,
    "MGZN": ARTICLE,
    "NEWS": ARTICLE,
    "INPR": ARTICLE,
    "ABST": ARTICLE,
    "BOOK": BOOK,
    "EBOOK": BOOK,
    "EDBOOK": BOOK,
    "CLSWK": BOOK,
    "DICT": BOOK,
    "ENCYC": BOOK,
    "CTLG": BOOK,
    "SER": BOOK,
    "CHAP": CHAPTER,
    "ECHAP": CHAPTER,
    "CPAPER": CHAPTER,
    # The specification's "conference proceeding", but Zotero writes its conference
    # papers as CONF, and EndNote's users file papers under that type too.
    "CONF": CHAPTER,
    "THES": DISSERTATION,
    "RPRT": DOCUMENT,
    "GEN": DOCUMENT,
    "GOVDOC": DOCUMENT,
    "ELEC": DOCUMENT,
    "BLOG": DOCUMENT,
    "ICOMM": DOCUMENT,
    "PCOMM": DOCUMENT,
    "PAMP": DOCUMENT,
    "MANSCPT": DOCUMENT,
    "UNPB": DOCUMENT,
    "STAND": DOCUMENT,
    "STAT": DOCUMENT,
    "BILL": DOCUMENT,
    "UNBILL": DOCUMENT,
    "LEGAL": DOCUMENT,
    "CASE": DOCUMENT,
    "HEAR": DOCUMENT,
    "GRANT": DOCUMENT,
    "PAT": DOCUMENT,
    "ANCIENT": DOCUMENT,
}

# CSL 1.0.2's item types.
CSL_KINDS = {
    "article": ARTICLE,  # a preprint or working paper
    "article-journal": ARTICLE,
    "article-magazine": ARTICLE,
    "article-newspaper": ARTICLE,
    "review": ARTICLE,
    "review-book": ARTICLE,
    "book": BOOK,
    "classic": BOOK,
    "collection": BOOK,
    "periodical": BOOK,
    "chapter": CHAPTER,
    "entry": CHAPTER,
    "entry-dictionary": CHAPTER,
    "entry-encyclopedia": CHAPTER,
    "paper-conference": CHAPTER,
    "thesis": DISSERTATION,
    "report": DOCUMENT,
    "document": DOCUMENT,
    "manuscript": DOCUMENT,
    "pamphlet": DOCUMENT,
    "webpage": DOCUMENT,
    "post": DOCUMENT,
    "post-weblog": DOCUMENT,
    "legislation": DOCUMENT,
    "legal_case": DOCUMENT,
    "bill": DOCUMENT,
    "regulation": DOCUMENT,
    "treaty": DOCUMENT,
    "hearing": DOCUMENT,
    "standard": DOCUMENT,
    "patent": DOCUMENT,
    "speech": DOCUMENT,
    "interview": DOCUMENT,
    "personal_communication": DOCUMENT,
}

# biblatex's localisation keys for a thesis's `type`, as a degree.
THESIS_DEGREES = {
    "phdthesis": "PhD",
    "mathesis": "Master's",
    "mastersthesis": "Master's",
    "bathesis": "Bachelor's",
    "candthesis": "Candidate of Sciences",
    "habilthesis": "Habilitation",
    "dissthesis": "Doctoral",
}


def bibtex_type(entry_type: str) -> str:
    entry_type = entry_type.lower()
    return BIBTEX_ALIASES.get(entry_type, entry_type)


def bibtex_kind(entry_type: str) -> str:
    return BIBTEX_KINDS.get(bibtex_type(entry_type), "")


def ris_kind(entry_type: str) -> str:
    return RIS_KINDS.get(entry_type.strip().upper(), "")


def csl_kind(entry_type: str) -> str:
    return CSL_KINDS.get(entry_type.strip().lower(), "")
