"""Every URL of the site and the admin, requested by each role, compared with the expected
matrix (permission_matrix.py, written from the README's rules).

What this guarantees:
- every URL pattern of the resolver (recursively: the admin, the i18n patterns in kk, ru
  and en in turn, the API, sitemaps, feeds, downloads, citation files, media, healthz…)
  is requested with its parameters filled in from records the test made: a published, a
  draft, an in-review and a scheduled record for every public page of one record (and
  its images, citation files, API entry); a record of each model for the admin's pages
  of one record; a pattern that cannot be filled or sorted into a kind of the matrix
  fails the test, by name;
- each role (anonymous, every group made by migration, a superuser) gets the status the
  matrix gives for the URL's kind, on a GET;
- no public page, for any role, shows an unpublished record (nor a record only an
  unpublished one shows): they carry a mark that must appear on none.
The writes (POST) are held by test_permissions_writes.py and test_permissions_archive.py."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from archive import uploads

from .permission_matrix import GROUPS, MATRIX, POLICIES, ROLES
from .permission_records import (
    MARK,
    PUBLIC_RECORD_STATES,
    SHOWN_STATES,
    clients,
    fresh,
    images,
    linked_records,
)
from .permission_urls import Walk, patterns

pytestmark = pytest.mark.django_db


def walk() -> Walk:
    records = {}
    for label, policy in POLICIES.items():
        if policy == "public record":
            states = PUBLIC_RECORD_STATES
        else:
            states = SHOWN_STATES.get(label, ("any",))
        records[label] = {state: fresh(label, state) for state in states}
    linked_records()
    token = uploads.store({}, data=b"slug\r\nx\r\n", name="a.csv", label="heritage.HeritageItem")
    return Walk(records=records, images=images(), token=token).run()


def test_the_roles_are_the_groups_made_by_migration():
    assert set(Group.objects.values_list("name", flat=True)) == set(GROUPS.values())


def test_every_url_pattern_is_filled_and_sorted_into_a_kind_of_the_matrix():
    result = walk()
    assert not result.unfilled, "URL patterns not filled or not in the matrix:\n" + "\n".join(
        result.unfilled
    )
    kinds = {kind for _url, kind in result.urls}
    assert kinds == set(MATRIX), (kinds - set(MATRIX), set(MATRIX) - kinds)
    assert len(patterns()) > 200  # the walk reached the admin's and the apps' patterns


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_the_role_as_the_matrix_says(role, django_user_model, user_in):
    client: Client = clients(django_user_model, user_in)[role]
    result = walk()
    assert not result.unfilled, result.unfilled
    mismatches = []
    for url, kind in result.urls:
        response = client.get(url)
        expected = MATRIX[kind][role]
        if response.status_code != expected:
            mismatches.append(f"GET {url} ({kind}): {response.status_code}, expected {expected}")
        elif kind == "public page" and MARK.encode() in _body(response).lower():
            mismatches.append(f"GET {url}: shows an unpublished record ({MARK})")
    assert not mismatches, f"{role}:\n" + "\n".join(mismatches)


def _body(response) -> bytes:
    """The whole body, a streamed one (downloads, geodata) too."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
