import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Author, Authorship, Publication


@register(Author)
class AuthorTranslation(TranslationOptions):
    fields = ("name",)


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = (
        "title",
        "abstract",
        "keywords",
        "source_note",
        "degree",
        "specialty_code",
        "institution",
        "details",
    )


# Registered after the translations, so that each revision keeps every language's fields.
for model in (Author, Authorship, Publication):
    simple_history.register(model)
