from modeltranslation.translator import TranslationOptions, register

from .models import Author, Publication


@register(Author)
class AuthorTranslation(TranslationOptions):
    fields = ("name",)


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("title", "abstract", "keywords")
