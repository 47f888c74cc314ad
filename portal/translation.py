from modeltranslation.translator import TranslationOptions, register

from .models import Contact


@register(Contact)
class ContactTranslation(TranslationOptions):
    fields = ("address",)
