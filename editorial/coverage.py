"""Translation coverage: what is left to translate into Kazakh, Russian or English. A text
is missing in a language when that language's column is empty (or only whitespace) while
another language has it; a text empty in every language is not a gap, only empty."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, Func, Model, OuterRef, Q, QuerySet, TextField, Value
from django.db.models.lookups import Exact
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)
WHITESPACE = " \t\r\n"  # what a blank text holds, in the database as in Python
FIELD_PARAMETER = "missing_field"  # narrows ``?missing=<code>`` to one field


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def translated_fields(model: type[Model]) -> list[str]:
    """The fields modeltranslation translates for ``model``, in the model's order."""
    try:
        names = set(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:  # not translated, or a revision's model (simple-history)
        return []
    inherited = {  # from an abstract base (provenance): after the model's own
        field.name
        for base in model.__mro__[1:]
        if getattr(getattr(base, "_meta", None), "abstract", False)
        for field in base._meta.fields
    }
    fields = [field.name for field in model._meta.fields if field.name in names]
    return sorted(fields, key=lambda name: name in inherited)


def _blank(field: str, language: str) -> Q:
    column = build_localized_fieldname(field, language)
    # TRIM(text, characters): SQLite's, and PostgreSQL's (15 and later, as Django needs).
    stripped = Func(F(column), Value(WHITESPACE), function="TRIM", output_field=TextField())
    return Q(**{f"{column}__isnull": True}) | Q(Exact(stripped, ""))


def _has_text(field: str) -> Q:
    """A text in at least one language."""
    return reduce(or_, (~_blank(field, language) for language in LANGUAGES))


def _gap(field: str, language: str) -> Q:
    """Missing in ``language`` while another language has it."""
    others = (~_blank(field, other) for other in LANGUAGES if other != language)
    return _blank(field, language) & reduce(or_, others)


@dataclass(frozen=True)
class InlineField:
    """A translated field of the records edited on another record's page (a designation's
    steps, its sources of facts, a story's sections): a gap there is that record's gap."""

    path: str  # "steps__note": what ``?missing_field=`` names
    model: type[Model]
    field: str
    link: str  # the column that names the record ("item_id")

    def _rows(self, condition: Q) -> Exists:
        rows = self.model._default_manager.filter(condition, **{self.link: OuterRef("pk")})
        return Exists(rows)

    def gap(self, language: str) -> Q:
        return Q(self._rows(_gap(self.field, language)))

    def has_text(self) -> Q:
        return Q(self._rows(_has_text(self.field)))


def inline_fields(model_admin: admin.ModelAdmin) -> list[InlineField]:
    """The translated fields the admin's inlines show, in their order."""
    found = []
    for inline in getattr(model_admin, "inlines", ()):
        if not translated_fields(inline.model):
            continue
        shown = flatten_fieldsets(inline.fieldsets or [(None, {"fields": inline.fields or ()})])
        link = next(
            field
            for field in inline.model._meta.fields
            if (field.many_to_one or field.one_to_one)
            and issubclass(model_admin.model, field.related_model)
            and inline.fk_name in (None, field.name)
        )
        found += [
            InlineField(f"{link.related_query_name()}__{name}", inline.model, name, link.attname)
            for name in translated_fields(inline.model)
            if not shown or name in shown
        ]
    return found


def missing_q(
    model: type[Model],
    language: str,
    *,
    field: str | None = None,
    inlines: list[InlineField] | tuple[()] = (),
) -> Q:
    """The records of ``model`` missing ``language`` in at least one translated field, its
    own or its ``inlines``' (or in ``field`` only, a field or an inline's path); none for a
    model without translated fields."""
    by_path = {inline.path: inline for inline in inlines}
    if field in by_path:
        return by_path[field].gap(language)
    gaps = [_gap(name, language) for name in ([field] if field else translated_fields(model))]
    if not field:
        gaps += [inline.gap(language) for inline in inlines]
    return reduce(or_, gaps) if gaps else Q(pk__in=[])


def _present(value: object) -> bool:
    return value is not None and bool(str(value).strip(WHITESPACE))


INLINE_GAP = "inline_gap_{}"  # what ``TranslationChangeList`` annotates, for each language


def languages_complete(obj: Model) -> list[str]:
    """The languages in which ``obj`` has every text it has in some language (no query:
    the record's own columns, and its inlines' gaps where its list annotated them)."""
    fields = [
        {code: _present(getattr(obj, build_localized_fieldname(name, code))) for code in LANGUAGES}
        for name in translated_fields(obj._meta.model)
    ]
    return [
        code
        for code in LANGUAGES
        if all(has[code] or not any(has.values()) for has in fields)
        and not getattr(obj, INLINE_GAP.format(code), False)
    ]


@admin.display(description=_("complete in"))
def complete_languages_column(obj: Model) -> str:
    """For ``list_display``: the codes of the languages complete, "—" if none."""
    codes = [(language_name(code), code.upper()) for code in languages_complete(obj)]
    return format_html_join(" ", '<abbr title="{}">{}</abbr>', codes) or "—"


@dataclass(frozen=True)
class LanguageCoverage:
    language: str  # its code
    name: str  # in the admin's language
    missing: int  # records missing it
    url: str  # the model's admin list, filtered to those records


@dataclass(frozen=True)
class FieldCoverage:
    model_label: str  # "heritage.HeritageItem"
    model_verbose_name: str
    model_verbose_name_plural: str
    field: str
    verbose_name: str
    with_text: int  # records with a text in at least one language
    languages: list[LanguageCoverage]


@dataclass(frozen=True)
class ModelCoverage:
    model_label: str
    verbose_name: str
    verbose_name_plural: str
    url: str  # the model's admin list
    records: int
    languages: list[LanguageCoverage]  # records missing a language in any field
    fields: list[FieldCoverage]

    @property
    def id(self) -> str:
        return self.model_label.replace(".", "-").lower()


class TranslationChangeList(ChangeList):
    """An admin list whose "complete in" column counts the gaps of each record's inlines
    too, read with the page's one query."""

    def get_results(self, request) -> None:
        self.queryset = with_inline_gaps(self.queryset, self.model_admin)
        super().get_results(request)


def with_inline_gaps(records: QuerySet, model_admin: admin.ModelAdmin) -> QuerySet:
    inlines = inline_fields(model_admin)
    if not inlines:
        return records
    return records.annotate(
        **{
            INLINE_GAP.format(code): reduce(or_, (inline.gap(code) for inline in inlines))
            for code in LANGUAGES
        }
    )


def coverage(
    *, admin_site: admin.AdminSite, request: HttpRequest | None = None
) -> list[ModelCoverage]:
    """Each model with translated fields the admin edits (with a request, those the user may
    view, from what its admin lists), in the order of the admin's app list: one query each."""
    return [_model_coverage(model_admin, request) for model_admin in _admins(admin_site, request)]


def _admins(admin_site: admin.AdminSite, request: HttpRequest | None) -> list[admin.ModelAdmin]:
    """Sorted as the app list sorts them: apps by name, then models by name."""
    admins = [
        model_admin
        for model, model_admin in admin_site._registry.items()
        if translated_fields(model)
        and (request is None or model_admin.has_view_permission(request))
    ]
    return sorted(admins, key=lambda model_admin: _app_list_key(model_admin.opts))


def _app_list_key(opts) -> tuple[str, str]:
    return str(opts.app_config.verbose_name).lower(), capfirst(opts.verbose_name_plural)


def _model_coverage(model_admin: admin.ModelAdmin, request: HttpRequest | None) -> ModelCoverage:
    model, opts = model_admin.model, model_admin.opts
    inlines = inline_fields(model_admin)
    fields = translated_fields(model)
    texts = [_has_text(name) for name in fields] + [inline.has_text() for inline in inlines]
    gaps = [{code: _gap(name, code) for code in LANGUAGES} for name in fields] + [
        {code: inline.gap(code) for code in LANGUAGES} for inline in inlines
    ]
    records = model_admin.get_queryset(request) if request else model._default_manager.all()
    counts = records.aggregate(
        records=Count("pk"),
        **{
            f"any_{code}": Count("pk", filter=missing_q(model, code, inlines=inlines))
            for code in LANGUAGES
        },
        **{f"text_{i}": Count("pk", filter=text) for i, text in enumerate(texts)},
        **{
            f"gap_{i}_{code}": Count("pk", filter=gap[code])
            for i, gap in enumerate(gaps)
            for code in LANGUAGES
        },
    )
    changelist = reverse(admin_urlname(opts, "changelist"), current_app=model_admin.admin_site.name)

    def languages(key: str, **narrowed: str) -> list[LanguageCoverage]:
        """The counts ``key`` + language code, each with its filtered list's URL."""
        urls = [f"{changelist}?{urlencode({'missing': code, **narrowed})}" for code in LANGUAGES]
        return [
            LanguageCoverage(code, language_name(code), counts[f"{key}{code}"], url)
            for code, url in zip(LANGUAGES, urls, strict=True)
        ]

    names = (opts.label, str(opts.verbose_name), str(opts.verbose_name_plural))
    return ModelCoverage(
        *names,
        url=changelist,
        records=counts["records"],
        languages=languages("any_"),
        fields=[
            FieldCoverage(
                *names,
                field=name,
                verbose_name=str(opts.get_field(name).verbose_name),
                with_text=counts[f"text_{i}"],
                languages=languages(f"gap_{i}_", **{FIELD_PARAMETER: name}),
            )
            for i, name in enumerate(fields)
        ]
        + [
            FieldCoverage(
                *names,
                field=inline.path,
                verbose_name=_inline_name(inline),
                with_text=counts[f"text_{i}"],
                languages=languages(f"gap_{i}_", **{FIELD_PARAMETER: inline.path}),
            )
            for i, inline in enumerate(inlines, start=len(fields))
        ],
    )


def _inline_name(inline: InlineField) -> str:
    """ "Sources of facts: facts taken from it", in the admin's language."""
    opts = inline.model._meta
    field = opts.get_field(inline.field).verbose_name
    return f"{capfirst(opts.verbose_name_plural)}: {field}"


class MissingLanguageFilter(admin.SimpleListFilter):
    """Records with a text still to translate into a language (``?missing=kk``), in one
    field if ``?missing_field=<name>`` says which (the coverage page links so)."""

    title = _("translation missing")
    parameter_name = "missing"

    def __init__(self, request, params, model, model_admin) -> None:
        self.model = model
        self.inlines = inline_fields(model_admin)
        field = params.pop(FIELD_PARAMETER, None)
        super().__init__(request, params, model, model_admin)
        if field:
            self.used_parameters[FIELD_PARAMETER] = field = field[-1]
        by_path = {inline.path: inline for inline in self.inlines}
        if field in translated_fields(model):  # the sidebar says which field
            self.title = f"{self.title} ({model._meta.get_field(field).verbose_name})"
        elif field in by_path:
            self.title = f"{self.title} ({_inline_name(by_path[field])})"

    def lookups(self, request, model_admin):
        names = dict(settings.LANGUAGES)  # lazy: the admin's language
        return [(code, names[code]) for code in LANGUAGES if translated_fields(self.model)]

    def expected_parameters(self) -> list[str]:
        return [self.parameter_name, FIELD_PARAMETER]

    def queryset(self, request, queryset):
        language, field = self.value(), self.used_parameters.get(FIELD_PARAMETER)
        paths = [inline.path for inline in self.inlines]
        if field and field not in [*translated_fields(self.model), *paths]:
            raise IncorrectLookupParameters(f"{field} is not a translated field")
        if language not in LANGUAGES:
            return queryset
        return queryset.filter(missing_q(self.model, language, field=field, inlines=self.inlines))

    def choices(self, changelist):
        choices = super().choices(changelist)
        every = next(choices)  # "All": in every field too
        every["query_string"] = changelist.get_query_string(remove=self.expected_parameters())
        yield every
        yield from choices


def coverage_view(request: HttpRequest, *, admin_site: admin.AdminSite) -> TemplateResponse:
    """What is left to translate, per model, field and language (staff only)."""
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    request.current_app = admin_site.name
    context = {
        **admin_site.each_context(request),
        "title": gettext("Translation coverage"),
        "models": coverage(admin_site=admin_site, request=request),
        "languages": [language_name(code) for code in LANGUAGES],
    }
    return TemplateResponse(request, "admin/coverage.html", context)
