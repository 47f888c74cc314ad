import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Story, StoryLeadImage, StorySection


@register(Story)
class StoryTranslation(TranslationOptions):
    fields = ("title", "summary", "source_note")


@register(StorySection)
class StorySectionTranslation(TranslationOptions):
    # The alternative text is required in every language once there is a photograph
    # (stories/photos.py), not always: a section's photograph is optional.
    fields = ("heading", "body", "alt_text", "caption")


@register(StoryLeadImage)
class StoryLeadImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption")


# Registered after the translations, so that each revision keeps every language's fields;
# a section's embedded records are kept with each of its revisions too.
simple_history.register(Story)
simple_history.register(StoryLeadImage)
simple_history.register(StorySection, m2m_fields=["heritage_items", "events", "publications"])
