"""What a designation keeps besides its own fields: the states of a multinational or
transboundary file, its dated status history and the public pages its facts come from.
Defined with string references so that heritage/models.py can import this module."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dates import Precision, format_at_precision, iso_at_precision
from core.models import ShownName


class State(ShownName):
    """A state party named as a partner of a multinational or transboundary file; shown
    on the pages of the files it is a partner of."""

    published_with = "heritage.HeritageItem"

    class Meta(ShownName.Meta):
        verbose_name = _("state")
        verbose_name_plural = _("states")

    def get_absolute_url(self) -> str:
        return reverse("heritage:list")


class Partnership(models.Model):
    """A state's part in a file: Kyrgyzstan in the yurt file since 2014."""

    item = models.ForeignKey(
        "heritage.HeritageItem",
        on_delete=models.CASCADE,
        related_name="partnerships",
        verbose_name=_("heritage item"),
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="partnerships", verbose_name=_("state")
    )
    joined = models.PositiveSmallIntegerField(
        _("year joined"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
        help_text=_("When the state joined the file, if later than its first inscription."),
    )

    class Meta:
        ordering = ["item", "state__name"]
        constraints = [
            models.UniqueConstraint(fields=["item", "state"], name="one_partnership_per_state")
        ]
        verbose_name = _("partner state")
        verbose_name_plural = _("partner states")

    def __str__(self) -> str:
        return f"{self.state} ({self.joined})" if self.joined else str(self.state)


class StepKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted to the Tentative List")
    NOMINATED = "nominated", _("Nominated")
    INSCRIBED = "inscribed", _("Inscribed")
    DESIGNATED = "designated", _("Designated")
    JOINED = "joined", _("Kazakhstan joined the file")
    EXTENDED = "extended", _("Extended")
    RENAMED = "renamed", _("Renamed")
    DANGER_LISTED = "danger_listed", _("Placed on the List in Danger")
    DANGER_REMOVED = "danger_removed", _("Removed from the List in Danger")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DesignationStep(models.Model):
    """One dated step of a designation's path: submitted, inscribed, extended, renamed …"""

    item = models.ForeignKey(
        "heritage.HeritageItem",
        on_delete=models.CASCADE,
        related_name="steps",
        verbose_name=_("heritage item"),
    )
    date = models.DateField(
        _("date"), help_text=_("Use the first day of the month or year when less precise.")
    )
    precision = models.CharField(
        _("date precision"), max_length=8, choices=Precision.choices, default=Precision.YEAR
    )
    kind = models.CharField(_("step"), max_length=16, choices=StepKind.choices)
    decision = models.CharField(
        _("decision"), max_length=60, blank=True, help_text=_("For example 28 COM 14B.29.")
    )
    note = models.TextField(_("note"), blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)

    class Meta:
        ordering = ["item", "date", "pk"]
        indexes = [models.Index(fields=["date"], name="heritage_step_date")]
        verbose_name = _("status step")
        verbose_name_plural = _("status history")

    def __str__(self) -> str:
        return f"{self.display_date} — {self.get_kind_display()}"

    @property
    def display_date(self) -> str:
        return format_at_precision(self.date, self.precision)

    @property
    def iso_date(self) -> str:
        return iso_at_precision(self.date, self.precision)


class FactSource(models.Model):
    """A public page a designation's facts were taken from, and when it was checked."""

    item = models.ForeignKey(
        "heritage.HeritageItem",
        on_delete=models.CASCADE,
        related_name="fact_sources",
        verbose_name=_("heritage item"),
    )
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=300, blank=True)
    language = models.CharField(
        _("language of the page"), max_length=8, blank=True, help_text=_("For example en, ru, kk.")
    )
    facts = models.CharField(_("facts taken from it"), max_length=500, blank=True)
    checked_on = models.DateField(_("checked on"))

    class Meta:
        ordering = ["item", "pk"]
        verbose_name = _("source of facts")
        verbose_name_plural = _("sources of facts")

    def __str__(self) -> str:
        return self.title or self.url
