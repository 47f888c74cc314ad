import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    ComponentSite,
    DesignationStep,
    FactSource,
    HeritageImage,
    HeritageItem,
    Region,
    State,
)


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(HeritageItem)
class HeritageItemTranslation(TranslationOptions):
    fields = ("name", "summary", "body", "partner_states", "source_note", "city")


@register(ComponentSite)
class ComponentSiteTranslation(TranslationOptions):
    fields = ("name", "description", "source_note")


@register(HeritageImage)
class HeritageImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption")
    # Screen-reader users read the site in every language.
    required_languages = {"kk": ("alt_text",), "ru": ("alt_text",), "en": ("alt_text",)}


@register(State)
class StateTranslation(TranslationOptions):
    fields = ("name",)


@register(DesignationStep)
class DesignationStepTranslation(TranslationOptions):
    fields = ("note",)


@register(FactSource)
class FactSourceTranslation(TranslationOptions):
    fields = ("facts",)


# Registered after the translations, so that each revision keeps every language's fields;
# the links to regions are kept with each revision too.
for model in (Region, State, ComponentSite, HeritageImage):
    simple_history.register(model)
simple_history.register(HeritageItem, m2m_fields=["regions"])
