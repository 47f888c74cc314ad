from urllib.parse import urlsplit

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Cast, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dates import Precision, format_at_precision, iso_at_precision
from core.figures import remembered
from core.models import (
    EveryRecordShownQuerySet,
    PublicRecord,
    PublishableQuerySet,
    SlugModel,
)
from core.richtext import RichTextField


class Era(models.TextChoices):
    ORIGINS = "origins", _("Intellectual cooperation before UNESCO (to 1941)")
    FOUNDING = "founding", _("The founding of UNESCO (1942–1946)")
    UNESCO = "unesco", _("UNESCO before Kazakhstan's independence (1947–1991)")
    KAZAKHSTAN = "kazakhstan", _("Kazakhstan in UNESCO (since 1992)")

    @property
    def years(self) -> tuple[int, int]:
        """First and last year of the era."""
        return ERA_YEARS[self]

    @classmethod
    def for_year(cls, year: int) -> "Era":
        return next(era for era, (first, last) in ERA_YEARS.items() if first <= year <= last)


ERA_YEARS = {
    Era.ORIGINS: (1, 1941),
    Era.FOUNDING: (1942, 1946),
    Era.UNESCO: (1947, 1991),
    Era.KAZAKHSTAN: (1992, 9999),
}


class Track(models.TextChoices):
    """The timeline's two stories, and both together."""

    KAZAKHSTAN = "kazakhstan", _("Kazakhstan and UNESCO, since 1992")
    HISTORY = "history", _("UNESCO's history, before 1992")
    ALL = "all", _("The whole timeline")

    @property
    def years(self) -> tuple[int, int]:
        return TRACK_YEARS[self]


TRACK_YEARS = {
    Track.KAZAKHSTAN: (1992, 9999),
    Track.HISTORY: (1, 1991),
    Track.ALL: (1, 9999),
}


class Theme(SlugModel):
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = EveryRecordShownQuerySet.as_manager()
    # No status of its own: changing what the public sees of it is for whoever may
    # publish events.
    published_with = "timeline.Event"

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('timeline:list')}?theme={self.slug}"

    def is_shown_publicly(self) -> bool:
        return True  # a choice of the public timeline's theme filter


class Person(PublicRecord):
    search_fields = ("name", "role", "biography")  # searched in every language

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=300, blank=True)
    biography = RichTextField(_("biography"), blank=True)
    born = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    died = models.PositiveSmallIntegerField(_("year of death"), null=True, blank=True)

    objects = PublishableQuerySet.as_manager()

    class Meta(PublicRecord.Meta):
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("timeline:person", kwargs={"slug": self.slug})

    @property
    def life_years(self) -> str:
        if self.born or self.died:
            return f"{self.born or '?'}–{self.died or ''}"
        return ""


class EventQuerySet(PublishableQuerySet):
    def count_by_decade(self) -> dict[int, int]:
        """How many events start in each decade (1940: …), counted per year by the
        database: a row per year, not per event."""
        decades: dict[int, int] = {}
        # The year as the date's first four characters: SQLite's own substr(), where
        # __year calls back into Python for every event (140 ms for 20,000 events). The
        # dates are counted (every event has one), not the ids: PostgreSQL then reads the
        # dated index alone (5 ms for 20,000 events instead of 15 for the table).
        first_four = Substr(Cast("start_date", models.CharField()), 1, 4)
        for year, count in (
            self.annotate(year=first_four)
            .values_list("year")
            .annotate(count=models.Count("start_date"))
            .order_by()
        ):
            decade = int(year) // 10 * 10
            decades[decade] = decades.get(decade, 0) + count
        return decades

    def events_per_decade(self) -> dict[int, int]:
        """The published events of each decade, as the facts page charts them: remembered
        until the content changes (core/figures.py); every published event's date is read
        to count them (5 ms on PostgreSQL at 20,000 events)."""
        return remembered(
            "timeline:events-per-decade", self.model.objects.published().count_by_decade
        )

    def in_theme(self, slug: str):
        """The events of a theme, found from the theme's links: with a join instead,
        SQLite read every event in date order and tested each (130 ms for 20,000)."""
        links = Event.themes.through.objects.filter(theme__slug=slug)
        return self.filter(pk__in=links.values("event_id"))

    def milestones(self, theme: str):
        """The events of a theme that no heritage item's page tells (linked to none).
        The links are tested on their index before an event is read: reading the theme's
        events and joining their heritage links read 4,300 events at 100 times the
        documents' data to find ten (5.8 ms, now 1.8)."""
        linked = Event.heritage_items.through.objects.filter(event_id=models.OuterRef("event_id"))
        links = Event.themes.through.objects.filter(theme__slug=theme).exclude(
            models.Exists(linked)
        )
        return self.filter(pk__in=links.values("event_id"))

    def for_listing(self):
        # A list per event rather than a related manager and queryset per event.
        return self.prefetch_related(models.Prefetch("themes", to_attr="theme_list"))

    def for_detail(self):
        HeritageItem = apps.get_model("heritage", "HeritageItem")
        Publication = apps.get_model("publications", "Publication")
        return self.select_related("source_document").prefetch_related(
            models.Prefetch("themes", to_attr="theme_list"),
            models.Prefetch("heritage_items", queryset=HeritageItem.objects.published()),
            models.Prefetch("publications", queryset=Publication.objects.published()),
            models.Prefetch("people", queryset=Person.objects.published()),
        )


class Event(PublicRecord):
    search_fields = ("title", "summary", "body")  # searched in every language

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("description"), blank=True)
    start_date = models.DateField(
        _("start date"), help_text=_("Use the first day of the month or year when less precise.")
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    precision = models.CharField(
        _("date precision"), max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    themes = models.ManyToManyField(Theme, related_name="events", verbose_name=_("themes"))
    heritage_items = models.ManyToManyField(
        "heritage.HeritageItem", blank=True, related_name="events", verbose_name=_("heritage items")
    )
    publications = models.ManyToManyField(
        "publications.Publication",
        blank=True,
        related_name="events",
        verbose_name=_("publications"),
    )
    people = models.ManyToManyField(
        Person, blank=True, related_name="events", verbose_name=_("people")
    )

    objects = EventQuerySet.as_manager()

    class Meta(PublicRecord.Meta):
        ordering = ["start_date", "end_date", "title"]
        indexes = [
            *PublicRecord.Meta.indexes,
            models.Index(fields=["start_date", "end_date"], name="timeline_event_order"),
            # Events per decade (facts and figures) read this index alone.
            models.Index(
                fields=["start_date", "status", "publish_at"], name="timeline_event_dated"
            ),
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_date} — {self.title}"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})

    def get_absolute_url(self) -> str:
        return reverse("timeline:event", kwargs={"slug": self.slug})

    @property
    def display_date(self) -> str:
        start = format_at_precision(self.start_date, self.precision)
        if not self.end_date:
            return start
        return f"{start} – {format_at_precision(self.end_date, self.precision)}"

    @property
    def iso_date(self) -> str:
        return iso_at_precision(self.start_date, self.precision)

    @property
    def decade(self) -> int:
        return self.start_date.year // 10 * 10

    @property
    def era(self) -> Era:
        return Era.for_year(self.start_date.year)

    @property
    def track(self) -> "Track":
        """The part of the timeline page it is on."""
        first, _last = Track.KAZAKHSTAN.years
        return Track.KAZAKHSTAN if self.start_date.year >= first else Track.HISTORY


class AnniversaryKind(models.TextChoices):
    BIRTH = "birth", _("Birth")
    DEATH = "death", _("Death")
    FOUNDING = "founding", _("Founding of a city")
    WORK = "work", _("Work")


class AnniversaryQuerySet(PublishableQuerySet):
    def calendar(self):
        return self.published().order_by(models.F("year_celebrated").asc(nulls_last=True), "order")


class Anniversary(PublicRecord):
    """An entry of the UNESCO calendar of memorable dates proposed by Kazakhstan."""

    subject = models.CharField(_("subject"), max_length=300)
    description = models.CharField(_("description"), max_length=300, blank=True)
    ordinal = models.PositiveIntegerField(_("anniversary (years)"))
    kind = models.CharField(_("kind"), max_length=16, choices=AnniversaryKind.choices)
    year_celebrated = models.PositiveSmallIntegerField(_("year celebrated"), null=True, blank=True)
    joint_with = models.CharField(_("joint application with"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order in the document"), default=0)

    objects = AnniversaryQuerySet.as_manager()

    class Meta(PublicRecord.Meta):
        ordering = ["order"]
        verbose_name = _("UNESCO anniversary")
        verbose_name_plural = _("UNESCO anniversaries")

    def __str__(self) -> str:
        return f"{self.ordinal} — {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("timeline:kazakhstan") + f"#{self.slug}"


class FigureGroup(models.TextChoices):
    MEMBERSHIP = "membership", _("UNESCO membership")
    CHAIRS = "chairs", _("UNESCO Chairs by country")
    CHAIRS_TOTAL = "chairs-total", _("UNESCO Chairs programme")
    HISTORY = "history", _("History")
    KAZAKHSTAN = "kazakhstan", _("Kazakhstan and UNESCO")
    EDUCATION = "education", _("Education")
    RESEARCH = "research", _("Research output")
    NETWORKS = "networks", _("UNESCO networks in Kazakhstan")


class Qualifier(models.TextChoices):
    EXACT = "", _("exactly")
    ABOUT = "about", _("about")
    MORE_THAN = "more-than", _("more than")


class FigureQuerySet(PublishableQuerySet):
    def in_group(self, group: str):
        return self.published().filter(group=group)


class Figure(PublicRecord):
    """A number stated by the sources, with its date and its place in a series."""

    group = models.CharField(_("group"), max_length=20, choices=FigureGroup.choices)
    label = models.CharField(_("label"), max_length=300)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    qualifier = models.CharField(
        _("qualifier"), max_length=16, choices=Qualifier.choices, blank=True, default=""
    )
    unit = models.CharField(_("unit"), max_length=80, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source_url = models.URLField(
        _("public source"),
        max_length=500,
        blank=True,
        help_text=_("The public page a figure the source documents do not give was taken from."),
    )
    source_language = models.CharField(
        _("language of the source"),
        max_length=8,
        blank=True,
        help_text=_("For example en, ru, kk."),
    )
    checked_on = models.DateField(_("source checked on"), null=True, blank=True)

    objects = FigureQuerySet.as_manager()

    class Meta(PublicRecord.Meta):
        ordering = ["group", "order", "label"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self) -> str:
        return f"{self.label}: {self.display_value}"

    def get_absolute_url(self) -> str:
        return reverse("timeline:kazakhstan") + f"#{self.slug}"

    @property
    def source_site(self) -> str:
        """The public source's site as people name it: "astanatimes.com"."""
        return urlsplit(self.source_url).hostname.removeprefix("www.") if self.source_url else ""

    @property
    def display_value_number(self) -> int | float:
        number = self.value.normalize()
        return int(number) if number == number.to_integral() else float(number)

    @property
    def display_value(self) -> str:
        number = self.value.normalize()
        text = f"{number:f}" if number == number.to_integral() else str(number)
        if not self.qualifier:
            return text
        return f"{self.get_qualifier_display()} {text}"
