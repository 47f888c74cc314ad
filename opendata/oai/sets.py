"""The sets: one per app, and under ``heritage`` one per UNESCO programme
(``heritage:<kind>``, each HeritageKind). A set's name is English, as the protocol has
one name; its description gives its title in each language."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from heritage.models import HeritageKind
from opendata.oai.metadata import LANGUAGES
from opendata.oai.records import BY_SPEC, Source

APP_NAMES = {
    "heritage": _("UNESCO designations of Kazakhstan"),
    "timeline": _("Timeline"),
    "publications": _("Publications"),
    "stories": _("Stories"),
}


@dataclass(frozen=True)
class Set:
    spec: str
    source: Source
    kind: str = ""  # a heritage kind, for the programmes' sets

    def name(self, language: str = "en") -> str:
        with translation.override(language):
            name = str(APP_NAMES[self.source.spec])
            if self.kind:
                name = f"{name}: {HeritageKind(self.kind).label}"
        return name

    def titles(self) -> list[tuple[str, str]]:
        return [(code, self.name(code)) for code in LANGUAGES]


SETS = [
    Set("heritage", BY_SPEC["heritage"]),
    *(Set(f"heritage:{kind.value}", BY_SPEC["heritage"], kind.value) for kind in HeritageKind),
    Set("timeline", BY_SPEC["timeline"]),
    Set("publications", BY_SPEC["publications"]),
    Set("stories", BY_SPEC["stories"]),
]
BY_SET_SPEC = {one.spec: one for one in SETS}


def specs_of(source: Source, kind: str) -> list[str]:
    """The sets a record belongs to: its app's and, for a heritage item, its programme's."""
    specs = [source.spec]
    if kind and f"{source.spec}:{kind}" in BY_SET_SPEC:
        specs.append(f"{source.spec}:{kind}")
    return specs
