from django.apps import apps
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from core.models import (
    PublicRecord,
    PublishableQuerySet,
    SlugModel,
    SlugQuerySet,
    Status,
    published_q,
)


class PublicationKind(models.TextChoices):
    DISSERTATION = "dissertation", _("Dissertation")
    ARTICLE = "article", _("Article")
    MONOGRAPH = "monograph", _("Monograph")
    CHAPTER = "chapter", _("Chapter")
    BOOK = "book", _("Book")
    DOCUMENT = "document", _("Official document")


class Language(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")


class AuthorQuerySet(SlugQuerySet):
    def with_published_work(self):
        """Authors with a published work: tested for each author, in the list's order,
        so that the first of many are read without joining every authorship."""
        Authorship = apps.get_model("publications", "Authorship")
        published_works = Authorship.objects.filter(
            published_q("publication__"), author=models.OuterRef("pk")
        )
        return self.filter(models.Exists(published_works))

    def shown_publicly(self):
        """Authors of published works (due or scheduled): their pages name them."""
        return self.filter(authorships__publication__status=Status.PUBLISHED).distinct()


class Author(SlugModel):
    name = models.CharField(_("name"), max_length=200)
    family_name = models.CharField(
        _("family name"),
        max_length=120,
        blank=True,
        help_text=_("In Latin script, for citations; an organisation's name goes here alone."),
    )
    given_names = models.CharField(_("given names"), max_length=120, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = AuthorQuerySet.as_manager()
    published_with = "publications.Publication"  # no status of its own

    class Meta:
        ordering = ["name"]
        # The list's order in each language (name is name_kk, name_ru or name_en): the
        # publications' author filter reads its first 201 authors from it.
        indexes = [
            models.Index(fields=[f"name_{code}"], name=f"publications_author_name_{code}")
            for code in ("kk", "ru", "en")
        ]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('publications:list')}?author={self.slug}"

    def is_shown_publicly(self) -> bool:
        return (
            self.pk is not None
            and self.authorships.filter(publication__status=Status.PUBLISHED).exists()
        )

    @property
    def initials(self) -> str:
        """ "Assel Erkenovna" -> "A. E."; hyphenated names keep their hyphen."""
        return " ".join(
            "-".join(f"{part[0]}." for part in word.split("-") if part)
            for word in self.given_names.split()
        )


class PublicationQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.prefetch_related(
            models.Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("author"),
                to_attr="authorship_list",
            )
        )

    def for_detail(self):
        return self.for_listing()

    def about(self, item):
        """The publications a heritage item's page cites: its source document and those
        of the published events about it. Subqueries, not joins: an OR across the joins
        made the database read every publication."""
        Event = apps.get_model("timeline", "Event")
        cited_by_events = Event.objects.published().filter(heritage_items=item)
        cited = models.Q(pk__in=cited_by_events.values("publications"))
        if item.source_document_id is not None:
            cited |= models.Q(pk=item.source_document_id)
        return self.filter(cited)

    def source_documents(self):
        """The documents this portal's records come from (the dissertation and the
        article): the publications that published heritage items or events name as their
        source."""
        HeritageItem = apps.get_model("heritage", "HeritageItem")
        Event = apps.get_model("timeline", "Event")

        def sources_of(model):
            # "Not null" lets the database read only the records that name a source (their
            # partial index), once, instead of looking records up for each publication.
            named = model.objects.published().filter(source_document__isnull=False)
            return models.Q(pk__in=named.values("source_document"))

        return self.filter(sources_of(HeritageItem) | sources_of(Event))


class Publication(PublicRecord):
    search_fields = ("title", "abstract", "keywords")  # searched in every language

    kind = models.CharField(_("type"), max_length=16, choices=PublicationKind.choices)
    title = models.CharField(_("title"), max_length=500)
    abstract = models.TextField(_("abstract"), blank=True)
    keywords = models.CharField(
        _("keywords"), max_length=500, blank=True, help_text=_("Comma-separated.")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    volume = models.CharField(_("volume"), max_length=40, blank=True)
    issue = models.CharField(_("issue"), max_length=40, blank=True)
    pages = models.CharField(
        _("pages"), max_length=40, blank=True, help_text=_("For example 12–34.")
    )
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        db_index=True,
        validators=[
            RegexValidator(
                r"^10\.\d{4,9}/\S+$",
                _("Write the DOI as it begins, with 10. (without https://doi.org/)."),
            )
        ],
        help_text=_("For example 10.26577/jh.2024.v112.i1.05"),
    )
    isbn = models.CharField(
        "ISBN",
        max_length=13,
        blank=True,
        db_index=True,
        validators=[
            RegexValidator(r"^97[89]\d{10}$", _("Write the ISBN-13 as its 13 digits, no hyphens."))
        ],
        help_text=_("ISBN-13, digits only."),
    )
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    institution = models.CharField(_("institution"), max_length=300, blank=True)
    specialty_code = models.CharField(_("specialty code"), max_length=100, blank=True)
    degree = models.CharField(_("degree"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    details = models.TextField(
        _("details"), blank=True, help_text=_("Structure, approbation, related output.")
    )
    file = models.FileField(_("file"), upload_to="publications/", blank=True)
    url = models.URLField(_("URL"), blank=True)
    authors = models.ManyToManyField(
        Author, through="Authorship", related_name="publications", verbose_name=_("authors")
    )

    objects = PublicationQuerySet.as_manager()

    class Meta(PublicRecord.Meta):
        ordering = [models.F("year").desc(nulls_first=True), "title"]
        # The list's order in each language, the id that ends it for the pages
        # (core.pagination), then the fields published() tests: PostgreSQL reads a page's
        # ids from the index instead of sorting every publication (a descending index puts
        # the undated first there, as the order asks).
        indexes = [
            *PublicRecord.Meta.indexes,
            *(
                models.Index(
                    fields=["-year", f"title_{code}", "id", "status", "publish_at"],
                    name=f"publication_in_order_{code}",
                )
                for code in ("kk", "ru", "en")
            ),
        ]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publications:detail", kwargs={"slug": self.slug})

    def ordered_authors(self) -> list[Author]:
        """Authors in their order; uses the prefetch from ``for_listing()`` when there is one."""
        authorships = getattr(self, "authorship_list", None)
        if authorships is None:
            authorships = self.authorships.select_related("author")
        return [a.author for a in sorted(authorships, key=lambda a: a.order)]

    @property
    def first_page(self) -> str:
        return self._page_range()[0]

    @property
    def last_page(self) -> str:
        return self._page_range()[1]

    def _page_range(self) -> tuple[str, str]:
        start, _dash, end = self.pages.replace("--", "–").replace("-", "–").partition("–")
        return start.strip(), end.strip()

    def keyword_list(self) -> list[str]:
        return [keyword.strip() for keyword in self.keywords.split(",") if keyword.strip()]

    def abstracts(self) -> list[tuple]:
        """Every abstract there is, the work's own first (its language's before the
        others), then those translated for the portal: (code, heading, title, abstract,
        (keywords label, keywords), a note in that language when the abstract is such a
        translation)."""
        codes = sorted(
            settings.MODELTRANSLATION_LANGUAGES,
            key=lambda code: (f"abstract_{code}" in self.added_fields, code != self.language),
        )
        result = []
        for code in codes:
            abstract = getattr(self, f"abstract_{code}")
            if not abstract:
                continue
            keywords = getattr(self, f"keywords_{code}")
            with translation.override(code):
                label = translation.gettext("Keywords:")
                translated_here = f"abstract_{code}" in self.added_fields and translation.gettext(
                    "Translated for this portal from the work's own abstract."
                )
            result.append(
                (
                    code,
                    get_language_info(code)["name_local"],
                    getattr(self, f"title_{code}"),
                    abstract,
                    (label, keywords) if keywords else None,
                    translated_here or "",
                )
            )
        return result


class AuthorshipQuerySet(models.QuerySet):
    def get_by_natural_key(self, publication_slug, author_slug):
        return self.get(publication__slug=publication_slug, author__slug=author_slug)

    def shown_publicly(self):
        return self.filter(publication__status=Status.PUBLISHED)


class Authorship(models.Model):
    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="authorships"
    )
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="authorships")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    role = models.CharField(_("role"), max_length=100, blank=True)

    objects = AuthorshipQuerySet.as_manager()
    published_with = "publications.Publication"  # shown on its publication's page

    class Meta:
        ordering = ["publication", "order"]
        verbose_name = _("authorship")
        verbose_name_plural = _("authorships")
        constraints = [
            models.UniqueConstraint(fields=["publication", "author"], name="unique_authorship")
        ]

    def __str__(self) -> str:
        return f"{self.publication} — {self.order}. {self.author}"

    def is_shown_publicly(self) -> bool:
        return self.publication_id is not None and self.publication.status == Status.PUBLISHED

    def natural_key(self):
        return (*self.publication.natural_key(), *self.author.natural_key())

    natural_key.dependencies = ["publications.publication", "publications.author"]
