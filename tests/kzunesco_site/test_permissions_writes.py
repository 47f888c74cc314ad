"""The admin's writes, tried by each role (anonymous, every group made by migration, a
superuser) against the matrix (permission_matrix.py).

What this guarantees:
- every model the admin registers has a policy in the matrix (a new model fails);
- for each of them, a POST of its add form and of its change form with valid data, of
  its delete confirmation, of its history page's revert form, of every action of its
  list and of its list's editable columns answers the role as the matrix says, and the
  database changed exactly when the matrix lets the role write it (looked up after each
  write: the record's name, status, publish time, existence). Records with a status are
  tried as drafts and published (reverts: a published record to a published and to a
  draft revision, a draft to its published revision), so a record's public state never
  changes by a user without the publish permission;
- a role sends what its own admin page gives its browser; where that page has no form
  for the field (read-only, or refused), what a superuser's page gives: a forged
  request gets no further than a real one (anonymous requests send nothing: the admin
  turns them away before it reads a field);
- regions, themes, components and authors have no status; public while a public page
  shows them, they are held to "cannot change what is public" by a test of their own."""

import itertools

import pytest
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .permission_matrix import POLICIES, ROLES, WRITES
from .permission_records import ADDED_STATES, RENAMED, SHOWN_STATES, clients, earlier, fresh
from .permission_writes import (
    PASSWORD,
    Write,
    action_writes,
    admin_url,
    browser_form,
    changed,
    copy_for_add,
    either,
    exists,
    list_editable_writes,
    model_of,
    page_form,
    registered,
    run,
    unpublished,
)

pytestmark = pytest.mark.django_db
RENAMED_TO = "Renamed by the test"
SCHEDULE = {"status": "published", "publish_at_0": "2099-01-01", "publish_at_1": "09:00:00"}
_copies = itertools.count(1)


@pytest.fixture
def by_role(django_user_model, user_in):
    return clients(django_user_model, user_in)


def test_every_model_of_the_admin_has_a_policy_in_the_matrix():
    assert set(registered()) == set(POLICIES)


def _form_id(label: str, history: bool = False) -> str:
    return ("historical" if history else "") + label.split(".")[1] + "_form"


def _change(root, label, record, rule, allowed, extra=None, **options) -> Write:
    url = admin_url(label, f"{record.pk}/change/")
    extra = extra if extra is not None else {RENAMED[label]: RENAMED_TO}
    happened = options.pop("happened", None) or changed(record, **extra)
    data = browser_form(root, url, _form_id(label), RENAMED[label])
    return Write(
        f"{rule} ({label})", "POST", url, allowed, lambda c: data(c) | extra, happened, **options
    )


def _delete(label, record, rule, allowed) -> Write:
    url = admin_url(label, f"{record.pk}/delete/")
    return Write(
        f"{rule} ({label})", "POST", url, allowed, {"post": "yes"}, changed(record, gone=True)
    )


def has_publish_time(record):
    manager = type(record)._default_manager
    return lambda _r=None: manager.filter(pk=record.pk, publish_at__isnull=False).exists()


def _source_form(root, label, record) -> dict:
    """The superuser's change form of ``record``: what an add form is filled in from."""
    return page_form(root, admin_url(label, f"{record.pk}/change/"), _form_id(label))


def _add(label, source_form, rule, allowed, **extra) -> Write:
    data, lookup = copy_for_add(source_form, label, next(_copies))
    refused = (200,) if extra else (403,)  # a status the role may not choose: form error
    return Write(
        f"{rule} ({label})",
        "POST",
        admin_url(label, "add/"),
        allowed,
        data | extra,
        exists(label, **lookup, **extra),
        refused=refused,
    )


def form_writes(root, label: str) -> list[Write]:
    policy, field = POLICIES[label], RENAMED[label]
    rules = WRITES[policy]
    if policy == "public record":
        draft, published = fresh(label, "draft"), fresh(label, "published")
        scheduled = fresh(label, "draft")
        source = _source_form(root, label, fresh(label, "draft"))
        return [
            _add(label, source, "add a draft", rules["add a draft"]),
            _add(label, source, "add it published", rules["add it published"], status="published"),
            _change(root, label, draft, "change a draft", rules["change a draft"]),
            _change(
                root,
                label,
                fresh(label, "draft"),
                "publish a draft by its form",
                rules["publish a draft by its form"],
                {"status": "published"},
                refused=(200,),
            ),
            _change(
                root,
                label,
                scheduled,
                "schedule a draft by its form",
                rules["schedule a draft by its form"],
                SCHEDULE,
                refused=(200,),
                happened=either(
                    changed(scheduled, status="published"), has_publish_time(scheduled)
                ),
            ),
            _change(
                root,
                label,
                published,
                "change a published record",
                rules["change a published record"],
                happened=either(changed(published, **{field: RENAMED_TO}), unpublished(published)),
            ),
            _delete(label, fresh(label, "draft"), "delete a draft", rules["delete a draft"]),
            _delete(
                label,
                fresh(label, "published"),
                "delete a published record",
                rules["delete a published record"],
            ),
        ]
    if policy == "shown by public records":
        writes = []
        for state in ADDED_STATES[label]:
            rule = "add a private one" if state == "private" else "add one a public page shows"
            source = _source_form(root, label, fresh(label, state))
            writes.append(_add(label, source, rule, rules[rule]))
        for state in SHOWN_STATES[label]:
            shown = "a private one" if state == "private" else "one a public page shows"
            rule = f"change {shown}"
            writes.append(_change(root, label, fresh(label, state), rule, rules[rule]))
        for state in ADDED_STATES[label]:  # an author with publications cannot be deleted
            shown = "a private one" if state == "private" else "one a public page shows"
            rule = f"delete {shown}"
            writes.append(_delete(label, fresh(label, state), rule, rules[rule]))
        return writes
    return _other_form_writes(root, label, policy, rules)


def _other_form_writes(root, label, policy, rules) -> list[Write]:
    record = fresh(label)
    if label == "auth.user":
        password = admin_url(label, f"{record.pk}/password/")
        passwords = {"password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"}
        n = next(_copies)
        writes = [
            Write(
                "add (auth.user)",
                "POST",
                admin_url(label, "add/"),
                rules["add"],
                passwords | {"username": f"copy-{n}"},
                exists(label, username=f"copy-{n}"),
            ),
            Write(
                "change another user's password (auth.user)",
                "POST",
                password,
                rules["change"],
                passwords,
                lambda _r=None, pk=record.pk: (
                    type(record).objects.get(pk=pk).check_password(PASSWORD)
                ),
            ),
        ]
    elif policy in ("ledger", "jobs", "sign-in records"):  # nothing to copy: none may add one
        value = f"added-{next(_copies)}"
        writes = [
            Write(
                f"add ({label})",
                "POST",
                admin_url(label, "add/"),
                rules["add"],
                {RENAMED[label]: value},
                exists(label, **{RENAMED[label]: value}),
            )
        ]
    else:
        writes = [_add(label, _source_form(root, label, record), "add", rules["add"])]
    # Sign-in records have no field to change: a change saves nothing (or is refused).
    options = {"refused": (302, 403)} if policy == "sign-in records" else {}
    writes.append(_change(root, label, record, "change", rules["change"], **options))
    writes.append(_delete(label, fresh(label), "delete", rules["delete"]))
    return writes


def revert_writes(root, label: str) -> list[Write]:
    """Reverting to the record's first revision, which had another name (and, for the
    'unpublished' draft, was published)."""
    policy, field = POLICIES[label], RENAMED[label]
    if not isinstance(admin.site._registry[model_of(label)], SimpleHistoryAdmin):
        return []  # no revert form (the URL walk fails on a revert form it has no kind for)
    rules = WRITES[policy]
    if policy == "public record":
        cases = [
            ("draft", "revert a draft", {}),
            ("published after a draft", "revert a published record to its draft revision", {}),
            # with a status the editor's own form offers
            ("published", "revert a published record", {"status": "draft"}),
            ("unpublished", "revert a draft to its published revision", {"status": "published"}),
        ]
    else:
        cases = [
            (s, "revert a private one" if s == "private" else "revert one a public page shows", {})
            for s in SHOWN_STATES[label]
        ]
    writes = []
    for state, rule, extra in cases:
        record = fresh(label, state)
        first = earlier(record)
        url = admin_url(label, f"{record.pk}/history/{first.history_id}/")
        data = browser_form(root, url, _form_id(label, history=True), field)
        happened = changed(record, **{field: getattr(first, field)})
        if state.startswith("published"):
            happened = either(happened, unpublished(record))
        elif state == "unpublished":
            happened = changed(record, status="published")
        writes.append(
            Write(
                f"{rule} ({label})",
                "POST",
                url,
                rules[rule],
                lambda c, data=data, extra=extra: data(c) | extra,
                happened,
                refused=(200, 403),
            )
        )
    return writes


def _assert_none(role, problems):
    assert not problems, f"{role}: {len(problems)} mismatches\n" + "\n".join(problems)


def _labels(shown: bool) -> list[str]:
    return [label for label in registered() if (POLICIES[label] in SHOWN) is shown]


SHOWN = ("shown by public records",)


@pytest.mark.parametrize("role", ROLES)
def test_add_change_and_delete_forms(role, by_role):
    root = by_role["superuser"]
    writes = [write for label in _labels(shown=False) for write in form_writes(root, label)]
    _assert_none(role, run(role, by_role[role], writes))


@pytest.mark.parametrize("role", ROLES)
def test_revert_from_the_history_page(role, by_role):
    root = by_role["superuser"]
    writes = [write for label in _labels(shown=False) for write in revert_writes(root, label)]
    _assert_none(role, run(role, by_role[role], writes))


@pytest.mark.parametrize("role", ROLES)
def test_records_without_a_status_that_public_pages_show(role, by_role):
    """Regions, themes, components and authors: the README's "cannot change what is
    public" read for records that are public because a public page shows them."""
    root = by_role["superuser"]
    writes = [
        write
        for label in _labels(shown=True)
        for write in form_writes(root, label) + revert_writes(root, label)
    ]
    _assert_none(role, run(role, by_role[role], writes))


@pytest.mark.parametrize("role", ROLES)
def test_changelist_actions_and_editable_columns(role, by_role):
    writes = [w for label in registered() for w in action_writes(label)]
    writes += [
        w for label in registered() for w in list_editable_writes(by_role["superuser"], label)
    ]
    _assert_none(role, run(role, by_role[role], writes))
