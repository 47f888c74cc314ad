"""Abstract building blocks shared by every public record."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models, transaction
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from core.search_texts import SearchedTexts, searched_texts


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


def published_q(prefix: str = "") -> models.Q:
    """Published and due: the one rule for what the public may see. ``prefix`` reaches
    a related record, e.g. ``"authorships__publication__"``. The database's clock decides,
    at the moment the query runs, so a queryset built once (a view's class attribute)
    still shows a scheduled record when its time comes."""
    due = models.Q(**{f"{prefix}publish_at__isnull": True}) | models.Q(
        **{f"{prefix}publish_at__lte": Now()}
    )
    return models.Q(**{f"{prefix}status": Status.PUBLISHED}) & due


def scheduled_q() -> models.Q:
    """Published, but with a ``publish_at`` still to come (the database's clock decides)."""
    return models.Q(status=Status.PUBLISHED, publish_at__gt=Now())


class SlugQuerySet(models.QuerySet):
    """Records identified by their slug: the natural key of fixtures and spreadsheets."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class EveryRecordShownQuerySet(SlugQuerySet):
    """Records without a status of their own that public pages show, every one of them
    (each is a choice of a public list's filter: regions, themes)."""

    def shown_publicly(self):
        return self


class PublishableQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(published_q())

    def for_detail(self):
        """A record's own page: what it shows besides its fields (here, its source)."""
        return self.select_related("source_document")

    def scheduled(self):
        return self.filter(scheduled_q())

    def search(self, query: str):
        """Records whose text contains ``query`` in any language, ignoring case (Cyrillic
        and the Kazakh letters included, on SQLite as on PostgreSQL)."""
        # One test per record over all its texts rather than one per column (on SQLite
        # each test is a call into Python); the separator keeps matches inside a column.
        # A trigram index answers it (search_index.py): on PostgreSQL the expression's
        # own; on SQLite an FTS5 table names the candidates, each then tested as before.
        texts = SearchedTexts(self.model)
        found = self.alias(searched_texts=texts).filter(searched_texts__icontains=query)
        if connections[self.db].vendor == "sqlite":
            from core.search_index import sqlite_candidates

            candidates = sqlite_candidates(self.model, query, using=self.db)
            if candidates is not None:
                found = found.filter(pk__in=candidates)
        return found

    def similar_to(self, query: str, *, limit: int, threshold: float = 0.4) -> list:
        """Up to ``limit`` records with a name (in any language) close to ``query``, a
        typo's likely meaning, closest first. On PostgreSQL "close" is pg_trgm's word
        similarity of at least ``threshold``: the ``%>`` operator, which the names' trigram
        index answers (search_index.py) and which reads its threshold from a setting, set
        here for this transaction. On SQLite the same similarity is computed in Python for
        the records that share most of the query's trigrams (``sqlite_similar()``)."""
        vendor = connections[self.db].vendor
        if vendor == "sqlite":
            from core.search_index import sqlite_similar

            return sqlite_similar(self, query, limit=limit, threshold=threshold)
        if vendor != "postgresql":
            return []
        from django.contrib.postgres.lookups import TrigramWordSimilar
        from django.contrib.postgres.search import TrigramWordSimilarity

        names = searched_texts((self.model.search_fields[0],))
        similar = (
            self.filter(TrigramWordSimilar(names, query))
            .annotate(similarity=TrigramWordSimilarity(query, names))
            .order_by("-similarity")[:limit]
        )
        with transaction.atomic(using=self.db), connections[self.db].cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                [str(threshold)],
            )
            return list(similar)


class SlugModel(models.Model):
    """A record whose slug is its stable natural key across databases and files."""

    slug = models.SlugField(
        _("web address"),
        max_length=120,
        unique=True,
        allow_unicode=False,
        help_text=_(
            "The end of the page's address, in Latin letters, digits and hyphens. Left "
            "empty, it is made from the name."
        ),
    )

    class Meta:
        abstract = True

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


# Instead of the foreign key's own index: records without a source document (most
# generated or imported ones) are left out, so SQLite's statistics know that a document
# has few records, and it reads them by this index instead of walking a whole list in its
# order to find them. Every concrete model with Provenance declares it.
SOURCE_DOCUMENT_INDEX = models.Index(
    fields=["source_document"],
    condition=models.Q(source_document__isnull=False),
    name="%(app_label)s_%(class)s_src",
)


class ShownName(SlugModel):
    """A named record every public page may show (a region, a state, a theme): no status
    of its own; changing it is for whoever may publish the records ``published_with``
    names."""

    name = models.CharField(_("name"), max_length=120)

    objects = EveryRecordShownQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def is_shown_publicly(self) -> bool:
        return True


class Provenance(models.Model):
    """Where a fact comes from: the source document, its own wording, and notes
    on what was corrected or added from general knowledge."""

    source_document = models.ForeignKey(
        "publications.Publication",
        verbose_name=_("source document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # SOURCE_DOCUMENT_INDEX instead
    )
    source_passage = models.TextField(
        _("source passage"), blank=True, help_text=_("The document's own wording.")
    )
    source_note = models.TextField(
        _("source note"),
        blank=True,
        help_text=_("What differs from the document (transcription slips) and why."),
    )
    added_fields = models.JSONField(
        _("fields added from general knowledge"),
        default=list,
        blank=True,
        help_text=_("Names of fields whose values the source documents do not give."),
    )

    class Meta:
        abstract = True

    def added_field_labels(self) -> list[str]:
        """The added fields as people read them: "title (Russian)", not "title_ru"."""
        labels = []
        for name in self.added_fields:
            base, _sep, code = name.rpartition("_")
            if base and code in settings.MODELTRANSLATION_LANGUAGES:
                language = get_language_info(code)["name_translated"]
                labels.append(f"{self._label(base)} ({language})")
            else:
                labels.append(self._label(name))
        return labels

    def _label(self, name: str) -> str:
        try:
            return str(self._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name


class Located(models.Model):
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        abstract = True

    @property
    def map_url(self) -> str:
        """The place on OpenStreetMap (a link for readers, not an embedded asset)."""
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=13/{self.latitude}/{self.longitude}"
        )


class PublicRecord(SlugModel, Provenance):
    """A record the public sees once it is published and its publish_at time has come.
    Concrete models declare ``class Meta(PublicRecord.Meta)`` to get the publish permission."""

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to publish as soon as the status is Published; a future time keeps "
            "a published record hidden until then."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
        default_permissions = ("add", "change", "delete", "view", "publish")
        # What the public sees is decided by these two: a covering index keeps counts and
        # lists from reading every (wide, three-language) row.
        indexes = [
            models.Index(fields=["status", "publish_at"], name="%(app_label)s_%(class)s_pub"),
            SOURCE_DOCUMENT_INDEX,
            # The feeds' newest records first, without sorting every record.
            models.Index(fields=["created_at"], name="%(app_label)s_%(class)s_new"),
            # The sitemap's latest change of each section, read from the index's newest end
            # instead of every record (60 ms for 100,000 heritage items on SQLite).
            models.Index(
                fields=["updated_at", "status", "publish_at"],
                name="%(app_label)s_%(class)s_upd",
            ),
        ]

    @property
    def is_published(self) -> bool:
        """What the public sees: published and due."""
        return self.status == Status.PUBLISHED and not self.is_scheduled

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )
