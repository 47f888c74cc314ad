import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Anniversary, Event, Figure, Person, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "role", "biography", "source_note")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "source_note")


@register(Anniversary)
class AnniversaryTranslation(TranslationOptions):
    fields = ("subject", "description", "source_note", "joint_with")


@register(Figure)
class FigureTranslation(TranslationOptions):
    fields = ("label", "unit", "source_note")


# Registered after the translations, so that each revision keeps every language's fields;
# an event's links (themes, heritage, publications, people) are kept with each revision too.
for model in (Theme, Person, Anniversary, Figure):
    simple_history.register(model)
simple_history.register(Event, m2m_fields=["themes", "heritage_items", "publications", "people"])
