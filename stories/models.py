"""Stories: pages staff write in Kazakh, Russian and English that weave text, photographs
and the portal's own records together (an exhibit, in Omeka's sense), e.g. "The Silk Roads
in Kazakhstan". A story is a public record like a heritage item (draft → in review →
published, publish-at, provenance); its sections are one model, whose kind is a choice
and a line of KIND_NEEDS, not code of its own."""

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import PublicRecord, PublishableQuerySet
from core.richtext import RichTextField
from images.renditions import rendition

from .photos import Photograph


class SectionKind(models.TextChoices):
    """How a section is laid out (static/css/stories.css) and what it holds at the least."""

    TEXT = "text", _("Text, with a photograph beside it")
    PHOTOGRAPH = "photograph", _("Photograph across the page, text below")
    RECORDS = "records", _("Records of the portal, with a text before them")


# What a section of each kind needs (the other fields are optional in every kind): a new
# kind is a choice above, a line here and its layout in static/css/stories.css.
KIND_NEEDS = {
    SectionKind.TEXT: ("text", _("A text section needs its text, in at least one language.")),
    SectionKind.PHOTOGRAPH: ("photograph", _("A photograph section needs its photograph.")),
    SectionKind.RECORDS: (
        "records",
        _("A records section needs at least one heritage item, event or publication."),
    ),
}


def kind_lacks(kind: str, *, text: bool, photograph: bool, records: bool) -> tuple[str, str]:
    """What a section of ``kind`` holding these lacks: ("text", why), ("photograph", why)
    or ("records", why); ("", "") when it is complete."""
    need, message = KIND_NEEDS[SectionKind(kind)]
    has = {"text": text, "photograph": photograph, "records": records}
    return ("", "") if has[need] else (need, str(message))


class StoryQuerySet(PublishableQuerySet):
    def newest_first(self):
        """By when the story appeared: its publish-at time, else when it was written."""
        return self.order_by(Coalesce("publish_at", "created_at").desc(), "-pk")

    def for_listing(self):
        return self.select_related("lead_image")

    def for_detail(self):
        """The story, its lead image, its sections in order and, in each, the published
        records it embeds, ready for the page: a fixed number of queries however many
        sections and records there are."""
        return self.select_related("lead_image", "source_document").prefetch_related(
            models.Prefetch(
                "sections",
                queryset=StorySection.objects.with_published_records(),
                to_attr="section_list",
            )
        )


class Story(PublicRecord):
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("A sentence or two, shown under the title and on the story's card."),
    )

    objects = StoryQuerySet.as_manager()

    class Meta(PublicRecord.Meta):
        ordering = ["-created_at"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("stories:detail", kwargs={"slug": self.slug})

    @property
    def lead_photo(self) -> "StoryLeadImage | None":
        try:
            return self.lead_image
        except ObjectDoesNotExist:
            return None


class StorySectionQuerySet(models.QuerySet):
    def with_published_records(self):
        """Each section's embedded records as lists (``heritage_list``, ``event_list``,
        ``publication_list``) holding only the published ones, each ready for its include;
        a heritage item's located component sites (``located_sites``) for the map."""
        HeritageItem = apps.get_model("heritage", "HeritageItem")
        Event = apps.get_model("timeline", "Event")
        Publication = apps.get_model("publications", "Publication")
        heritage = HeritageItem.objects.published().for_listing()  # with located_sites
        return self.prefetch_related(
            models.Prefetch("heritage_items", queryset=heritage, to_attr="heritage_list"),
            models.Prefetch(
                "events", queryset=Event.objects.published().for_listing(), to_attr="event_list"
            ),
            models.Prefetch(
                "publications",
                queryset=Publication.objects.published().for_listing(),
                to_attr="publication_list",
            ),
        )


class StorySection(Photograph):
    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="sections", verbose_name=_("story")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Left at 0, a new section goes after the others.")
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=SectionKind.choices, default=SectionKind.TEXT
    )
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    body = RichTextField(_("text"), blank=True)
    heritage_items = models.ManyToManyField(
        "heritage.HeritageItem",
        blank=True,
        related_name="story_sections",
        verbose_name=_("heritage items"),
    )
    show_map = models.BooleanField(
        _("show a map of these heritage items"),
        default=False,
        help_text=_("Their places, and their component sites' places, on a map of Kazakhstan."),
    )
    events = models.ManyToManyField(
        "timeline.Event", blank=True, related_name="story_sections", verbose_name=_("events")
    )
    publications = models.ManyToManyField(
        "publications.Publication",
        blank=True,
        related_name="story_sections",
        verbose_name=_("publications"),
    )

    # Renditions are made by the worker (images/renditions.py), kept under MEDIA_ROOT/CACHE/.
    webp_320 = rendition(320, "WEBP")
    webp_640 = rendition(640, "WEBP")
    webp_1280 = rendition(1280, "WEBP")
    jpeg_640 = rendition(640, "JPEG")

    objects = StorySectionQuerySet.as_manager()
    published_with = "stories.Story"  # shown on its story's page

    class Meta:
        ordering = ["story", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.heading or str(_("Section %(number)s") % {"number": self.order})

    def save(self, *args, **kwargs):
        if self._state.adding and not self.order and self.story_id is not None:
            last = StorySection.objects.filter(story_id=self.story_id).aggregate(
                last=models.Max("order")
            )["last"]
            self.order = (last or 0) + 1
        super().save(*args, **kwargs)

    @property
    def anchor(self) -> str:
        """The section's id on the page (a link to it, its map's data)."""
        return f"section-{self.pk}"


class StoryLeadImage(Photograph):
    """The photograph at the top of a story and on its card."""

    story = models.OneToOneField(
        Story, on_delete=models.CASCADE, related_name="lead_image", verbose_name=_("story")
    )
    image = models.ImageField(
        _("photograph"), upload_to="stories/", width_field="width", height_field="height"
    )

    webp_320 = rendition(320, "WEBP")
    webp_640 = rendition(640, "WEBP")
    webp_1280 = rendition(1280, "WEBP")
    jpeg_640 = rendition(640, "JPEG")

    published_with = "stories.Story"

    class Meta:
        verbose_name = _("lead image")
        verbose_name_plural = _("lead images")

    def __str__(self) -> str:
        return self.alt_text or str(self._meta.verbose_name)
