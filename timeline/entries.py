"""The timeline's entries: its events, and between them the dated steps of the
designations (inscribed, extended, renamed …), each linking back to its record."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.core.paginator import Page
from django.db.models import Subquery

from .models import Era


@dataclass(frozen=True)
class StepEntry:
    """A designation's step as the timeline shows it."""

    step: object  # heritage.DesignationStep, with its item
    is_step = True

    @property
    def date(self) -> datetime.date:
        return self.step.date

    @property
    def iso_date(self) -> str:
        return self.step.iso_date

    @property
    def display_date(self) -> str:
        return self.step.display_date

    @property
    def decade(self) -> int:
        return self.step.date.year // 10 * 10

    @property
    def era(self) -> Era:
        return Era.for_year(self.step.date.year)

    @property
    def item(self):
        return self.step.item


def with_designation_steps(
    page: Page, *, years: tuple[int, int] = (1, 9999), other_filters: bool = False
) -> list:
    """The page's events with the steps of published designations dated between this
    page's first event and the next page's, within ``years`` (the era's or the track's),
    in date order. Steps have no themes: a list filtered by anything but the era or the
    track shows events only."""
    events = list(page.object_list)
    if other_filters or not events:
        return events
    steps = (
        apps.get_model("heritage", "DesignationStep")
        .objects.filter(item__in=apps.get_model("heritage", "HeritageItem").objects.published())
        .select_related("item")
        .order_by("date", "pk")
    )
    if page.has_previous():
        steps = steps.filter(date__gte=events[0].start_date)
    if page.has_next():
        # The next page's first date, inside the steps' query: no events fetched for it.
        dates = page.paginator.object_list.values_list("start_date", flat=True)
        end = page.end_index()
        steps = steps.filter(date__lt=Subquery(dates[end : end + 1]))
    first, last = years
    steps = steps.filter(date__year__gte=first, date__year__lte=last)
    entries = [*events, *(StepEntry(step) for step in steps)]
    # Stable: a step follows the events of its day.
    return sorted(
        entries, key=lambda entry: entry.date if entry_is_step(entry) else entry.start_date
    )


def entry_is_step(entry) -> bool:
    return isinstance(entry, StepEntry)
