from import_export import fields, resources, widgets

from core.resources import PROVENANCE_FIELDS, SlugResource, translated

from .models import Author, Authorship, Publication


class AuthorResource(SlugResource):
    class Meta(SlugResource.Meta):
        model = Author
        fields = ("slug", *translated("name"), "family_name", "given_names", "note")


class PublicationResource(SlugResource):
    source_document = fields.Field(
        attribute="source_document",
        column_name="source_document",
        widget=widgets.ForeignKeyWidget(Publication, field="slug"),
    )

    class Meta(SlugResource.Meta):
        model = Publication
        fields = (
            "slug",
            "status",
            "kind",
            *translated("title", "abstract", "keywords"),
            "year",
            "venue",
            "publisher",
            "institution",
            "specialty_code",
            "degree",
            "language",
            "details",
            "url",
            "source_document",
            *PROVENANCE_FIELDS,
        )


class AuthorshipResource(resources.ModelResource):
    publication = fields.Field(
        attribute="publication",
        column_name="publication",
        widget=widgets.ForeignKeyWidget(Publication, field="slug"),
    )
    author = fields.Field(
        attribute="author",
        column_name="author",
        widget=widgets.ForeignKeyWidget(Author, field="slug"),
    )

    class Meta:
        model = Authorship
        fields = ("publication", "author", "order", "role")
        import_id_fields = ("publication", "author")
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True
