from import_export import resources

from core.resources import PROVENANCE_FIELDS, SlugResource, by_slug, translated

from .models import Author, Authorship, Publication


class AuthorResource(SlugResource):
    class Meta(SlugResource.Meta):
        model = Author
        fields = ("slug", *translated("name"), "family_name", "given_names", "note")


class PublicationResource(SlugResource):
    source_document = by_slug("source_document", Publication)

    class Meta(SlugResource.Meta):
        model = Publication
        fields = (
            "slug",
            "status",
            "kind",
            *translated("title", "abstract", "keywords"),
            "year",
            "venue",
            "volume",
            "issue",
            "pages",
            "doi",
            "isbn",
            "publisher",
            *translated("institution", "specialty_code", "degree"),
            "language",
            *translated("details"),
            "url",
            "source_document",
            *PROVENANCE_FIELDS,
        )


class AuthorshipResource(resources.ModelResource):
    publication = by_slug("publication", Publication)
    author = by_slug("author", Author)

    class Meta:
        model = Authorship
        fields = ("publication", "author", "order", "role")
        import_id_fields = ("publication", "author")
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True
