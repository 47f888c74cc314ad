from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import remembered
from core.models import (
    SOURCE_DOCUMENT_INDEX,
    Located,
    Provenance,
    PublicRecord,
    PublishableQuerySet,
    ShownName,
    SlugModel,
    SlugQuerySet,
    Status,
)
from core.richtext import RichTextField


class HeritageKind(models.TextChoices):
    """The UNESCO programmes, in the order the lists show them. A new programme is a
    choice here (and in PROGRAMME_ORDER), not a new app."""

    WORLD_HERITAGE = "world", _("World Heritage property")
    TENTATIVE = "tentative", _("Tentative List entry")
    INTANGIBLE = "intangible", _("Intangible cultural heritage")
    MEMORY_OF_THE_WORLD = "memory", _("Memory of the World")
    BIOSPHERE = "biosphere", _("Biosphere reserve")
    GEOPARK = "geopark", _("UNESCO Global Geopark")
    CREATIVE_CITY = "creative_city", _("Creative City")


def programme_rank(kind: str) -> int:
    """The rank PROGRAMME_ORDER stores for an item of ``kind``."""
    return list(HeritageKind).index(HeritageKind(kind))


# Lists open on World Heritage, then the Tentative List, and so on (not by the values'
# alphabet): stored as a generated column so that the order's index serves each page.
PROGRAMME_ORDER = models.Case(
    *(models.When(kind=kind, then=programme_rank(kind)) for kind in HeritageKind),
    default=len(HeritageKind),
)


class InscriptionList(models.TextChoices):
    REPRESENTATIVE = "representative", _("Representative List")
    URGENT = "urgent", _("Urgent Safeguarding List")
    GOOD_PRACTICE = "good_practice", _("Register of Good Safeguarding Practices")
    INTERNATIONAL = "international", _("International Register")
    REGIONAL = "regional", _("Regional Register for Asia and the Pacific")


class CreativeField(models.TextChoices):
    MUSIC = "music", _("Music")
    LITERATURE = "literature", _("Literature")
    DESIGN = "design", _("Design")
    FILM = "film", _("Film")
    GASTRONOMY = "gastronomy", _("Gastronomy")
    MEDIA_ARTS = "media_arts", _("Media Arts")
    CRAFTS = "crafts_and_folk_art", _("Crafts and Folk Art")
    ARCHITECTURE = "architecture", _("Architecture")


class Category(models.TextChoices):
    CULTURAL = "cultural", _("Cultural")
    NATURAL = "natural", _("Natural")
    MIXED = "mixed", _("Mixed")


class Region(ShownName):
    """A region (oblys) of Kazakhstan, used to place heritage on the map and filter it."""

    # Every region is a choice of the public heritage list's region filter.
    published_with = "heritage.HeritageItem"

    class Meta(ShownName.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def get_absolute_url(self) -> str:
        return f"{reverse('heritage:list')}?region={self.slug}"


class HeritageItemQuerySet(PublishableQuerySet):
    def count_by_kind(self) -> dict[str, int]:
        """How many records of each kind, keyed by the kind's value, in one query. Grouped
        by kind and counting kinds, not ids: the database reads the kind index
        (heritage_item_by_kind) alone, in its order, instead of the table."""
        counts = dict.fromkeys(HeritageKind.values, 0)
        counts.update(self.order_by().values_list("kind").annotate(models.Count("kind")))
        return counts

    def programme_counts(self) -> dict[str, int]:
        """The published items' counts per programme, as the heritage list's tabs and the
        home and About pages show them: remembered until the content changes
        (core/figures.py). Of the whole archive, whatever this queryset is filtered by."""
        return remembered("heritage:programme-counts", self.model.objects.published().count_by_kind)

    def inscriptions_per_year(self) -> list[tuple[int, int]]:
        """The published items inscribed each year, as the facts page charts them:
        remembered until the content changes (every published year is read to count them:
        12 ms on PostgreSQL at 100,000 items)."""
        return remembered(
            "heritage:inscriptions-per-year", self.model.objects.published().count_by_year
        )

    def count_by_year(self) -> list[tuple[int, int]]:
        """(year, how many inscribed that year), by year, for the records with a year. The
        years are counted, not the ids: the year index (heritage_item_by_year) answers
        alone, where counting ids sent PostgreSQL to an index that holds them."""
        return list(
            self.exclude(year_inscribed=None)
            .values_list("year_inscribed")
            .annotate(count=models.Count("year_inscribed"))
            .order_by("year_inscribed")
        )

    def for_listing(self):
        # Plain lists (to_attr): no related manager and queryset built for every card.
        # A card without a photograph draws its place: its own point and its located
        # component sites (for an item with no point of its own, those alone).
        located_sites = ComponentSite.objects.filter(
            latitude__isnull=False, longitude__isnull=False
        )
        return self.prefetch_related(
            models.Prefetch("regions", to_attr="region_list"),
            models.Prefetch("images", to_attr="image_list"),
            models.Prefetch("components", queryset=located_sites, to_attr="located_sites"),
        )

    def for_map(self):
        """The items with a place to draw, their own or a component site's, with only the
        component sites that have one."""
        located = models.Q(latitude__isnull=False, longitude__isnull=False)
        sites = ComponentSite.objects.filter(located)
        # An IN, not an EXISTS per item: SQLite then reads the located items from their
        # own index and the others by primary key, instead of testing every item.
        return self.filter(located | models.Q(pk__in=sites.values("item"))).prefetch_related(
            models.Prefetch("components", queryset=sites, to_attr="located_sites")
        )

    def count_on_map(self) -> int:
        """How many items ``for_map()`` holds, in one query: those with a place of their own
        (their index, heritage_item_located, alone) and those without one whose component
        sites have one. Counted as one condition with an OR, PostgreSQL read every item."""
        located = models.Q(latitude__isnull=False, longitude__isnull=False)
        sites = ComponentSite.objects.filter(located).values("item")
        own_place = self.filter(located).values("pk")
        sites_place = self.exclude(located).filter(pk__in=sites).values("pk")
        return own_place.union(sites_place, all=True).count()

    def for_detail(self):
        return self.prefetch_related(
            "regions",
            "images",
            "steps",
            "fact_sources",
            models.Prefetch("components", queryset=ComponentSite.objects.select_related("region")),
            models.Prefetch("partnerships", queryset=Partnership.objects.select_related("state")),
            models.Prefetch(
                "inscribed_as", queryset=HeritageItem.objects.published(), to_attr="inscribed"
            ),
        ).select_related("source_document", "tentative_entry", "map_area")


class HeritageItem(PublicRecord, Located):
    search_fields = ("name", "summary", "body", "partner_states")  # searched in every language

    kind = models.CharField(_("kind"), max_length=16, choices=HeritageKind.choices)
    name = models.CharField(_("name"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, blank=True)
    unesco_reference = models.CharField(
        _("UNESCO reference number"), max_length=40, blank=True, db_index=True
    )
    criteria = models.CharField(
        _("criteria"), max_length=80, blank=True, help_text=_("For example (i)(iii)(iv).")
    )
    year_inscribed = models.PositiveSmallIntegerField(
        _("year inscribed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
    )
    partner_states = models.CharField(
        _("partner states"),
        max_length=500,
        blank=True,
        help_text=_("Other states of a transboundary or multinational inscription."),
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="heritage_items", verbose_name=_("regions")
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)
    inscription_list = models.CharField(
        _("list or register"), max_length=16, choices=InscriptionList.choices, blank=True
    )
    unesco_url = models.URLField(
        _("UNESCO's page"), max_length=500, blank=True, help_text=_("The record on UNESCO's site.")
    )
    wikidata_id = models.CharField(
        _("Wikidata identifier"),
        max_length=16,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", _("A Wikidata item: Q and digits."))],
    )
    area_ha = models.DecimalField(
        _("area (ha)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    buffer_zone_ha = models.DecimalField(
        _("buffer zone (ha)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    submitted_on = models.DateField(
        _("submitted on"), null=True, blank=True, help_text=_("Tentative List entries.")
    )
    tentative_entry = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inscribed_as",
        limit_choices_to={"kind": "tentative"},
        verbose_name=_("Tentative List entry"),
        help_text=_("The entry this property was inscribed from."),
    )
    creative_field = models.CharField(
        _("creative field"), max_length=24, choices=CreativeField.choices, blank=True
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    data_checked_on = models.DateField(
        _("data checked on"),
        null=True,
        blank=True,
        help_text=_("When the facts were last compared with their sources."),
    )
    programme_rank = models.GeneratedField(
        expression=PROGRAMME_ORDER, output_field=models.PositiveSmallIntegerField(), db_persist=True
    )

    objects = HeritageItemQuerySet.as_manager()

    class Meta(PublicRecord.Meta):
        ordering = ["programme_rank", "year_inscribed", "name"]
        # The list's order in each language (name is name_kk, name_ru or name_en), so a
        # page of the list is read in order instead of sorting every item.
        indexes = [
            *PublicRecord.Meta.indexes,
            # The few featured items, without scanning the others. Led by the fields
            # published() tests: otherwise SQLite reads every published item by status.
            models.Index(
                fields=["status", "publish_at"],
                condition=models.Q(featured=True),
                name="heritage_item_featured",
            ),
            # Led by the filtered column, not by status: SQLite's planner, without
            # statistics, would take an index led by status for every published() query
            # and sort the whole list. The counts per programme (home, lists), a
            # programme's total and the inscriptions per year (facts and figures) read
            # these alone.
            models.Index(fields=["kind", "status", "publish_at"], name="heritage_item_by_kind"),
            models.Index(
                fields=["year_inscribed", "status", "publish_at"], name="heritage_item_by_year"
            ),
            # Whether an item is public, by its id alone: a region's items are counted from
            # the region's links, each item looked up here instead of in the table's wide
            # rows (6 ms against 23 for a region of 11,000 items).
            models.Index(fields=["id", "status", "publish_at"], name="heritage_item_public_by_id"),
            # The map's items with a place of their own, without reading the others.
            models.Index(
                fields=["status", "publish_at"],
                condition=models.Q(latitude__isnull=False, longitude__isnull=False),
                name="heritage_item_located",
            ),
            # The few inscribed properties of a Tentative List entry: the foreign key's own
            # index counts the many items with none as one value, so SQLite's planner took it
            # for unselective and read the whole list in its order instead.
            models.Index(
                fields=["tentative_entry"],
                condition=models.Q(tentative_entry__isnull=False),
                name="heritage_item_tentative",
            ),
            # The order, the id that ends it for the pages (core.pagination), then the
            # fields published() tests: a page far into the list finds its ids in the
            # index, forwards or backwards, without reading an item from the table.
            *(
                models.Index(
                    fields=[
                        "programme_rank",
                        "year_inscribed",
                        f"name_{code}",
                        "id",
                        "status",
                        "publish_at",
                    ],
                    name=f"heritage_item_in_order_{code}",
                )
                for code in ("kk", "ru", "en")
            ),
        ]
        verbose_name = _("heritage item")
        verbose_name_plural = _("heritage items")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("heritage:detail", kwargs={"slug": self.slug})


class ComponentSiteQuerySet(SlugQuerySet):
    def shown_publicly(self):
        """Components of published items (due or scheduled): their pages show them."""
        return self.filter(item__status=Status.PUBLISHED)


class ComponentSite(SlugModel, Provenance, Located):
    """One site of a serial property, e.g. one of the 8 Kazakh components of the
    Silk Roads Chang'an–Tianshan corridor."""

    item = models.ForeignKey(
        HeritageItem,
        on_delete=models.CASCADE,
        related_name="components",
        verbose_name=_("heritage item"),
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    component_reference = models.CharField(_("component reference"), max_length=40, blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="components",
        verbose_name=_("region"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ComponentSiteQuerySet.as_manager()
    published_with = "heritage.HeritageItem"  # shown on its item's page

    class Meta:
        ordering = ["item", "order", "name"]
        indexes = [SOURCE_DOCUMENT_INDEX]
        verbose_name = _("component site")
        verbose_name_plural = _("component sites")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{self.item.get_absolute_url()}#{self.slug}"

    def is_shown_publicly(self) -> bool:
        return self.item_id is not None and self.item.status == Status.PUBLISHED


# The designations' related records and the images live in modules of their own;
# importing them here registers them with the app.
from heritage.areas import MapArea  # noqa: E402
from heritage.designations import (  # noqa: E402
    DesignationStep,
    FactSource,
    Partnership,
    State,
)
from heritage.images import HeritageImage  # noqa: E402

__all__ = [
    "Category",
    "ComponentSite",
    "CreativeField",
    "DesignationStep",
    "FactSource",
    "HeritageImage",
    "HeritageItem",
    "HeritageKind",
    "InscriptionList",
    "MapArea",
    "Partnership",
    "Region",
    "State",
]
