"""What applying a plan writes besides the records: the ledger entry as the import was
(file name, profile, rows left out by filters), the revisions' reason, and a refusal
that says why."""

import pytest
from django.apps import apps

from archive import readers
from archive.applying import _new_records, apply_plan
from archive.mapping import Mapping, RowFilter
from archive.models import ImportRecord, MappingProfile
from archive.services import ImportRefused, RowPlan, plan_import
from heritage.models import HeritageItem
from tests.factories import make_heritage_item
from tests.files import csv_bytes
from tests.imports import map_columns, upload

pytestmark = pytest.mark.django_db

ROWS = [
    ["slug", "kind", "name_en", "category"],
    ["kept", "world", "Kept", "cultural"],
    ["left-out", "world", "Left out", "natural"],
]


def plan(rows=ROWS, mapping=None):
    table = readers.read(csv_bytes(rows), name="f.csv")
    return plan_import(label="heritage.HeritageItem", table=table, mapping=mapping)


def test_the_ledger_keeps_the_profile_the_rows_left_out_and_the_file_name():
    mapping = Mapping(filters=[RowFilter(column="category", value="cultural", match="equals")])
    profile = MappingProfile.objects.create(
        name="Cultural only", model_label="heritage.HeritageItem", mapping=mapping.to_dict()
    )
    long_name = "a" * 310 + ".csv"
    record = apply_plan(
        plan=plan(mapping=mapping), file_name=long_name, checksum="0" * 64, profile=profile
    )
    assert (record.profile, record.filtered_out, record.new) == (profile, 1, 1)
    assert record.file_name == "a" * 300
    assert list(HeritageItem.objects.values_list("slug", flat=True)) == ["kept"]


def test_each_new_record_has_a_revision_naming_the_import():
    apply_plan(plan=plan(), file_name="sites.csv", checksum="0" * 64)
    reasons = set(HeritageItem.history.values_list("history_change_reason", flat=True))
    assert reasons == {"Import of sites.csv"}


def test_a_plan_with_errors_is_refused_with_the_reason():
    bad = plan([["slug", "kind", "name_en"], ["x", "castle", "X"]])
    with pytest.raises(ImportRefused, match=r"^The file has errors; nothing was imported\.$"):
        apply_plan(plan=bad, file_name="f.csv", checksum="0" * 64)
    assert not HeritageItem.objects.exists()


def test_a_record_written_by_someone_else_after_the_preview_refuses_in_words():
    """Two archivists confirming the same file: the second is told, nothing is half
    written, and no server error."""
    second = plan([["slug", "kind", "name_en"], ["x", "world", "X"], ["y", "world", "Y"]])
    make_heritage_item(slug="y", name_en="Written first")  # the first confirmation
    with pytest.raises(ImportRefused, match="changed by someone else after the preview"):
        apply_plan(plan=second, file_name="f.csv", checksum="0" * 64)
    assert list(HeritageItem.objects.values_list("slug", "name_en")) == [("y", "Written first")]
    assert not ImportRecord.objects.exists()


def test_the_admin_shows_a_fresh_preview_after_such_a_refusal(user_in):
    client = user_in("Archivist")
    data = csv_bytes([["slug", "kind", "name_en"], ["y", "world", "Y"]])
    preview_url = map_columns(client, upload(client, data))
    fingerprint = client.get(preview_url).context["plan"].fingerprint
    make_heritage_item(slug="y", name_en="Written first", status="draft")
    response = client.post(preview_url, {"fingerprint": fingerprint}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "changed these records since the preview: this is a fresh preview" in html
    assert response.context["plan"].counts["update"] == 1  # "y" is there now
    assert not ImportRecord.objects.exists()


@pytest.mark.parametrize("label", ["heritage.HeritageItem", "timeline.Event"])
def test_new_records_are_made_as_the_model_would_make_them_from_the_rows_values(label):
    model = apps.get_model(label)
    given = [{"slug": "a", "name_en": "A"}, {"slug": "b", "name_en": "B", "name_ru": "Б"}]
    if label == "timeline.Event":
        given = [{"slug": "a", "title_en": "A", "summary_kk": "Қ"}]
    rows = [
        RowPlan(number=n, key=(values["slug"],), values=values) for n, values in enumerate(given)
    ]

    def made(instance):
        return {name: value for name, value in vars(instance).items() if name != "_state"}

    assert [made(instance) for instance in _new_records(model, rows)] == [
        made(model(**values)) for values in given
    ]
