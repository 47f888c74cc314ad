"""How the permission tests send a write and judge it: the HTTP answer, and whether the
record in the database changed, each against what the matrix allows the role."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.test import Client

from tests.forms import form_data

from .permission_matrix import ACTIONS, LIST_EDITABLE, POLICIES, ROLES, VIEWERS
from .permission_records import ADDED_STATES, RENAMED, fresh

PASSWORD = "A-long-passphrase-42"


@dataclass
class Write:
    """One write tried by a role: allowed to ``allowed``; answered ``ok`` when allowed,
    one of ``refused`` (or ``refused[role]``) when not; anonymous users are sent to the
    admin's sign-in page. ``happened`` tells from the database (or the answer) whether
    it took effect; None where nothing observable is written."""

    label: str
    method: str
    url: str
    allowed: frozenset
    data: dict | Callable[[Client], dict]
    happened: Callable[..., bool | None]
    ok: tuple[int, ...] = (302,)
    refused: tuple[int, ...] | dict[str, tuple[int, ...]] = (403,)

    def check(self, role: str, client: Client) -> str | None:
        assert role in ROLES
        data = self.data(client) if callable(self.data) else self.data
        send = client.post if self.method == "POST" else client.get
        response = send(self.url, data)
        happened = self.happened(response)
        allowed = role in self.allowed
        if role == "anonymous":
            status_ok = response.status_code == 302 and response["Location"].startswith(
                "/admin/login/"
            )
            expected = "302 to the sign-in page"
        else:
            refused = self.refused[role] if isinstance(self.refused, dict) else self.refused
            statuses = self.ok if allowed else refused
            status_ok = response.status_code in statuses
            expected = " or ".join(map(str, statuses))
        if status_ok and happened in (None, allowed):
            return None
        effect = {True: "written", False: "not written", None: "(no effect to see)"}
        return (
            f"{self.label}: {self.method} {self.url} as {role} answered "
            f"{response.status_code}, {effect[happened]}; expected {expected}"
            + ("" if happened is None else f", {effect[allowed]}")
        )


def run(role: str, client: Client, writes: list[Write]) -> list[str]:
    return [problem for write in writes if (problem := write.check(role, client))]


def page_form(client: Client, url: str, form_id: str) -> dict:
    """The form as the client's browser would send it ({} if the page does not load)."""
    response = client.get(url)
    if response.status_code != 200:
        return {}
    return form_data(response.content.decode(), form_id)


def browser_form(root: Client, url: str, form_id: str, field: str) -> Callable[[Client], dict]:
    """What the role's browser sends from its own page; where that page has no form to
    write ``field`` (read-only, or refused), what the superuser's page would send: a
    forged request, which must get no further. (Signed out, nothing: the admin sends
    an anonymous request to its sign-in page before it reads any field.)"""

    def data(client: Client) -> dict:
        response = client.get(url)
        assert response.status_code < 500, f"GET {url}: {response.status_code}"
        if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
            return {}
        own = form_data(response.content.decode(), form_id) if response.status_code == 200 else {}
        return own if field in own else page_form(root, url, form_id)

    return data


def registered() -> list[str]:
    """Every model the admin registers, as "app.model"."""
    return sorted(f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry)


def model_of(label: str):
    return apps.get_model(*label.split("."))


def admin_url(label: str, rest: str = "") -> str:
    app_label, model_name = label.split(".")
    return f"/admin/{app_label}/{model_name}/{rest}"


def changed(record, **values) -> Callable[..., bool]:
    """Whether the record now holds any of ``values`` (or is gone, for ``gone=True``)."""

    def check(_response=None) -> bool:
        current = type(record)._default_manager.filter(pk=record.pk).first()
        if current is None:
            return values.get("gone", False)
        return any(
            str(getattr(current, name)) == str(value)
            for name, value in values.items()
            if name != "gone"
        )

    return check


def copy_for_add(data: dict, label: str, n: int) -> tuple[dict, dict]:
    """A change form's data made into a new record's: inline rows left out, unique values
    made new. Returns the data and the lookup that finds the new record."""
    copy = {}
    for name, value in data.items():
        if re.match(r".+-\d+-", name) or name in ("version", "csrfmiddlewaretoken"):
            continue
        if name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
            value = "0"
        copy[name] = value
    model = model_of(label)
    unique = [f.name for f in model._meta.fields if f.unique and not f.primary_key]
    lookup = {}
    for name in unique:
        if name in copy:
            copy[name] = lookup[name] = f"copy-{n}"
    renamed = RENAMED.get(label)
    if not lookup and renamed in copy:  # nothing unique (contact details): a value of its own
        copy[renamed] = lookup[renamed] = f"copy-{n}"
    return copy, lookup


def exists(label: str, **lookup) -> Callable[..., bool]:
    return lambda _response=None: model_of(label)._default_manager.filter(**lookup).exists()


def unpublished(record) -> Callable[..., bool]:
    """Whether a published record is no longer public (gone, or moved out of Published)."""

    def check(_response=None) -> bool:
        current = type(record)._default_manager.filter(pk=record.pk).first()
        return current is None or current.status != "published"

    return check


def either(*checks: Callable[..., bool]) -> Callable[..., bool]:
    return lambda response=None: any(check(response) for check in checks)


ACTION_EFFECTS = {
    "publish": lambda record: changed(record, status="published"),
    "unpublish": unpublished,
    "submit_for_review": lambda record: changed(record, status="review"),
    "delete_selected": lambda record: changed(record, gone=True),
    "download_mapping": lambda _record: lambda r: "attachment" in r.get("Content-Disposition", ""),
    "cleanup_expired_attempts": lambda _record: lambda _r=None: None,  # nothing to see
}


def action_writes(label: str) -> list[Write]:
    """Every action of the model's changelist, on one selected record. Refused: an action
    the role is not offered does nothing; a list the role may not see answers 403."""
    policy = POLICIES[label]
    model_admin = admin.site._registry[model_of(label)]
    # Refused: 302 back to the list when it offers the role other actions, 200 when none.
    refused = {role: (200, 302) if role in VIEWERS[policy] else (403,) for role in ROLES}
    writes = []
    for action in model_admin._get_base_actions():
        name = action.name
        allowed, state = ACTIONS[policy].get(name, (None, None))
        if allowed is None or name not in ACTION_EFFECTS:
            raise AssertionError(f"no rule in the matrix for the action {name} of {label}")
        if state == "deletable":  # an author with publications cannot be deleted at all
            state = ADDED_STATES[label][0]
        record = fresh(label, state)
        data = {"action": name, "_selected_action": [record.pk]}
        if name == "delete_selected":
            data["post"] = "yes"  # the confirmation page's answer
        writes.append(
            Write(
                f"action {name} on a record"
                + ("" if state == "any" else f" ({state})")
                + f" ({label})",
                "POST",
                admin_url(label),
                allowed,
                data,
                ACTION_EFFECTS[name](record),
                ok=(200,) if name == "download_mapping" else (302,),
                refused=refused,
            )
        )
    return writes


def list_editable_writes(root, label: str) -> list[Write]:
    """Each editable column of the list (yes/no flags), flipped for one record."""
    model_admin = admin.site._registry[model_of(label)]
    if not model_admin.list_editable:
        return []
    assert POLICIES[label] == "public record", f"no rule for the list of {label}"
    writes = []
    for target, allowed in LIST_EDITABLE.items():
        record = fresh(label, "draft" if target == "a draft" else "published")
        url = admin_url(label) + f"?q={record.slug}"
        form = page_form(root, url, "changelist-form")
        assert form.get("form-0-id") == str(record.pk), (url, form)
        flipped = {}
        for name in model_admin.list_editable:
            now = getattr(record, name)
            assert isinstance(now, bool), f"no rule for the editable column {name} of {label}"
            flipped[name] = not now
            form.pop(f"form-0-{name}", None)
            if not now:
                form[f"form-0-{name}"] = "on"
        writes.append(
            Write(
                f"flip {', '.join(flipped)} of {target} from the list ({label})",
                "POST",
                url,
                allowed,
                form | {"_save": "Save"},
                changed(record, **flipped),
                refused=(200, 302, 403),
            )
        )
    return writes
