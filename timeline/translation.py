import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Anniversary, Event, Figure, Person, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "role", "biography")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Anniversary)
class AnniversaryTranslation(TranslationOptions):
    fields = ("subject", "description")


@register(Figure)
class FigureTranslation(TranslationOptions):
    fields = ("label", "unit")


# Registered after the translations, so that each revision keeps every language's fields;
# an event's links (themes, heritage, publications, people) are kept with each revision too.
for model in (Theme, Person, Anniversary, Figure):
    simple_history.register(model)
simple_history.register(Event, m2m_fields=["themes", "heritage_items", "publications", "people"])
