"""Loading the designations' data: new records appear published with their history and
sources; records the portal has keep what they hold; a second run changes nothing; a
mistake anywhere writes nothing."""

import copy
import datetime
import json

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from core.models import Status
from heritage.models import DesignationStep, FactSource, HeritageItem, Region, State
from heritage.services import RegionNames, load_designations
from tests.factories import make_heritage_item

pytestmark = pytest.mark.django_db

REGIONS = RegionNames(
    {"ulytau-region": {"kk": "Ұлытау облысы", "ru": "Область Ұлытау", "en": "Ulytau Region"}}
)
FILE = {
    "checked_on": "2026-12-06",
    "states": {"kyrgyzstan": {"kk": "Қырғызстан", "ru": "Кыргызстан", "en": "Kyrgyzstan"}},
    "records": [
        {
            "slug": "new-reserve",
            "kind": "biosphere",
            "name": {"kk": "Жаңа қорық", "ru": "Новый заповедник", "en": "New reserve"},
            "summary": {"kk": "Қысқаша", "ru": "Кратко", "en": "In short"},
            "unesco_url": "https://www.unesco.org/en/mab/new-reserve",
            "year": 2021,
            "area_ha": 1234.5,
            "regions": ["ulytau-region"],
            "partners": [{"state": "kyrgyzstan", "joined": 2022}],
            "steps": [
                {
                    "date": "2021-09",
                    "kind": "designated",
                    "decision": "",
                    "note": {"kk": "Белгіленді.", "ru": "Включён.", "en": "Designated."},
                    "source": "https://example.org/mab",
                }
            ],
            "sources": [
                {
                    "url": "https://example.org/mab",
                    "title": "MAB",
                    "language": "en",
                    "facts": {"kk": "жылы", "ru": "год", "en": "year"},
                }
            ],
        },
        {
            "slug": "documented-item",
            "kind": "world",
            "name": {"en": "A newer name"},
            "unesco_reference": "999",
            "unesco_url": "https://whc.unesco.org/en/list/999/",
            "year": 1999,
            "steps": [{"date": "1999", "kind": "inscribed", "note": {"en": "Inscribed."}}],
        },
    ],
}


def load(data=FILE):
    return load_designations(files=[copy.deepcopy(data)], regions=REGIONS)


def test_a_new_designation_is_published_with_its_history_partners_and_sources():
    result = load()
    item = HeritageItem.objects.get(slug="new-reserve")
    assert (item.status, item.kind, item.name_kk, item.year_inscribed) == (
        Status.PUBLISHED,
        "biosphere",
        "Жаңа қорық",
        2021,
    )
    assert str(item.area_ha) == "1234.50"
    assert item.data_checked_on == datetime.date(2026, 12, 6)
    assert [region.name_ru for region in item.regions.all()] == ["Область Ұлытау"]
    step = item.steps.get()
    assert (step.date, step.precision, step.note_kk) == (
        datetime.date(2021, 9, 1),
        "month",
        "Белгіленді.",
    )
    partnership = item.partnerships.get()
    assert (partnership.state.name_kk, partnership.joined) == ("Қырғызстан", 2022)
    source = item.fact_sources.get()
    assert source.checked_on == datetime.date(2026, 12, 6)
    assert (source.facts_kk, source.facts_ru, source.facts_en) == ("жылы", "год", "year")
    assert (result.created, result.completed, result.unchanged) == (2, 0, 0)


def test_a_note_on_a_sources_facts_written_as_plain_text_is_english():
    data = copy.deepcopy(FILE)
    data["records"][0]["sources"][0]["facts"] = "year"
    load(data)
    source = FactSource.objects.get()
    assert (source.facts_kk, source.facts_ru, source.facts_en) == ("", "", "year")


def test_a_record_the_portal_has_keeps_its_values_and_gets_what_it_lacks():
    kept = make_heritage_item(
        slug="documented-item", name_en="As the document names it", year_inscribed=2000
    )
    result = load()
    kept.refresh_from_db()
    assert (kept.name_en, kept.year_inscribed) == ("As the document names it", 2000)
    assert (kept.unesco_reference, kept.unesco_url) == (
        "999",
        "https://whc.unesco.org/en/list/999/",
    )
    assert kept.steps.get().kind == "inscribed"
    assert (result.created, result.completed) == (1, 1)


def test_a_second_run_changes_nothing():
    load()
    before = (
        HeritageItem.objects.count(),
        DesignationStep.objects.count(),
        FactSource.objects.count(),
    )
    result = load()
    after = (
        HeritageItem.objects.count(),
        DesignationStep.objects.count(),
        FactSource.objects.count(),
    )
    assert before == after == (2, 2, 1)
    assert (result.created, result.completed, result.unchanged) == (0, 0, 2)


def test_a_mistake_in_any_record_writes_nothing():
    broken = copy.deepcopy(FILE)
    broken["records"][1]["partners"] = [{"state": "nowhere"}]  # a state the file lacks
    with pytest.raises(KeyError):
        load(broken)
    assert not HeritageItem.objects.exists()
    assert not State.objects.exists()
    assert not Region.objects.exists()


def shipped_files() -> list[dict]:
    folder = settings.BASE_DIR / "fixtures" / "designations"
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"))
        if path.name != "regions.json"
    ]


def test_the_shipped_designations_load_and_every_record_is_valid(source_data):
    folder = settings.BASE_DIR / "fixtures" / "designations"
    regions = json.loads((folder / "regions.json").read_text(encoding="utf-8"))["regions"]
    files = shipped_files()
    load_designations(files=files, regions=RegionNames(regions))
    slugs = [record["slug"] for data in files for record in data["records"]]
    assert len(slugs) == len(set(slugs))
    for item in HeritageItem.objects.filter(slug__in=slugs):
        try:
            item.full_clean()
        except ValidationError as error:  # pragma: no cover - names the record
            pytest.fail(f"{item.slug}: {error}")
        assert item.name_kk and item.name_ru and item.name_en, item.slug
        assert item.summary_kk and item.summary_ru and item.summary_en, item.slug
        assert item.fact_sources.exists() or item.source_document_id, item.slug
    for step in DesignationStep.objects.all():
        step.full_clean()
        assert step.note_kk and step.note_ru, f"{step.item.slug}: {step}"


def test_every_shipped_designation_links_to_unesco_or_says_why_not():
    for data in shipped_files():
        for record in data["records"]:
            unconfirmed = [field.split(":")[0] for field in record.get("unconfirmed", [])]
            assert record.get("unesco_url") or "unesco_url" in unconfirmed, record["slug"]


def test_the_readme_lists_every_shipped_designation():
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    documents = {
        entry["fields"]["slug"]: entry["fields"]["name_en"]
        for entry in json.loads((settings.BASE_DIR / "fixtures" / "02_heritage.json").read_text())
        if entry["model"] == "heritage.heritageitem"
    }
    for data in shipped_files():
        for record in data["records"]:
            name = documents.get(record["slug"], record["name"]["en"])
            assert name in readme, record["slug"]
