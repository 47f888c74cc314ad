"""The editorial desk on the admin's index: what waits for a publisher's review and what
is scheduled to appear, across every kind of public record the user may see."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpRequest
from django.urls import reverse

from core.models import PublicRecord, Status, scheduled_q

DESK_ROWS = 10


@dataclass(frozen=True)
class DeskEntry:
    record: PublicRecord
    kind: str
    url: str
    when: datetime.datetime
    changed_by: str | None  # who saved the record last (its history), if anyone did


@dataclass(frozen=True)
class DeskCount:
    kind: str
    count: int
    url: str  # the kind's list in the admin, filtered to these records


@dataclass
class DeskList:
    entries: list[DeskEntry]  # at most DESK_ROWS, of every kind together
    counts: list[DeskCount]  # one per kind that has any

    @property
    def total(self) -> int:
        return sum(count.count for count in self.counts)


@dataclass(frozen=True)
class EditorialDesk:
    review: DeskList
    scheduled: DeskList


@dataclass(frozen=True)
class _Rule:
    """Which records one of the desk's lists holds, in which order, and how it links them."""

    condition: Q
    when: str  # the field the list shows and orders by
    latest_first: bool
    changelist_filter: str

    @property
    def order(self) -> tuple[str, str]:
        return (f"-{self.when}", "-pk") if self.latest_first else (self.when, "pk")


RULES = {
    "review": _Rule(Q(status=Status.REVIEW), "updated_at", True, "status__exact=review"),
    "scheduled": _Rule(scheduled_q(), "publish_at", False, "scheduled=yes"),
}


def editorial_desk(*, request: HttpRequest, admin_site) -> EditorialDesk | None:
    """None when the user may see no kind of public record. One query per kind of record
    when nothing of it waits, at most three when something does."""
    model_admins = sorted(
        (
            model_admin
            for model, model_admin in admin_site._registry.items()
            if issubclass(model, PublicRecord)
            and model_admin.has_view_or_change_permission(request)
        ),
        key=lambda model_admin: str(model_admin.opts.verbose_name_plural),
    )
    if not model_admins:
        return None
    lists = {name: DeskList(entries=[], counts=[]) for name in RULES}
    for model_admin in model_admins:
        records = model_admin.get_queryset(request)
        counts = records.aggregate(
            **{name: Count("pk", filter=rule.condition) for name, rule in RULES.items()}
        )
        opts = model_admin.opts
        changelist = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=admin_site.name
        )
        for name, rule in RULES.items():
            if counts[name]:
                first = (
                    records.filter(rule.condition)
                    .annotate(desk_changed_by=_last_editor(model_admin.model))
                    .order_by(*rule.order)[:DESK_ROWS]
                )
                lists[name].entries.extend(_entries(model_admin, first, when=rule.when))
                url = f"{changelist}?{rule.changelist_filter}"
                lists[name].counts.append(DeskCount(opts.verbose_name_plural, counts[name], url))
    for name, rule in RULES.items():
        lists[name].entries.sort(key=lambda entry: entry.when, reverse=rule.latest_first)
        del lists[name].entries[DESK_ROWS:]
    return EditorialDesk(**lists)


def _entries(model_admin, records, *, when: str) -> list[DeskEntry]:
    opts, site_name = model_admin.opts, model_admin.admin_site.name
    return [
        DeskEntry(
            record=record,
            kind=opts.verbose_name,
            url=reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[record.pk],
                current_app=site_name,
            ),
            when=getattr(record, when),
            changed_by=record.desk_changed_by,
        )
        for record in records
    ]


def _last_editor(model) -> Subquery:
    """The user name on the record's latest revision (django-simple-history)."""
    revisions = model.history.filter(id=OuterRef("pk")).order_by("-history_date", "-history_id")
    return Subquery(revisions.values("history_user__username")[:1])
