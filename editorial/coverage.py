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
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Func, Model, Q, TextField, Value
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


def missing_q(model: type[Model], language: str, *, field: str | None = None) -> Q:
    """The records of ``model`` missing ``language`` in at least one translated field (or
    in ``field`` only); none for a model without translated fields."""
    fields = [field] if field else translated_fields(model)
    gaps = [_gap(name, language) for name in fields]
    return reduce(or_, gaps) if gaps else Q(pk__in=[])


def _present(value: object) -> bool:
    return value is not None and bool(str(value).strip(WHITESPACE))


def languages_complete(obj: Model) -> list[str]:
    """The languages in which ``obj`` has every text it has in some language (no query:
    the record's own columns)."""
    fields = [
        {code: _present(getattr(obj, build_localized_fieldname(name, code))) for code in LANGUAGES}
        for name in translated_fields(obj._meta.model)
    ]
    return [code for code in LANGUAGES if all(has[code] or not any(has.values()) for has in fields)]


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
    fields = translated_fields(model)
    records = model_admin.get_queryset(request) if request else model._default_manager.all()
    counts = records.aggregate(
        records=Count("pk"),
        **{f"any_{code}": Count("pk", filter=missing_q(model, code)) for code in LANGUAGES},
        **{f"text_{i}": Count("pk", filter=_has_text(name)) for i, name in enumerate(fields)},
        **{
            f"gap_{i}_{code}": Count("pk", filter=_gap(name, code))
            for i, name in enumerate(fields)
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
        ],
    )


class MissingLanguageFilter(admin.SimpleListFilter):
    """Records with a text still to translate into a language (``?missing=kk``), in one
    field if ``?missing_field=<name>`` says which (the coverage page links so)."""

    title = _("translation missing")
    parameter_name = "missing"

    def __init__(self, request, params, model, model_admin) -> None:
        self.model = model
        field = params.pop(FIELD_PARAMETER, None)
        super().__init__(request, params, model, model_admin)
        if field:
            self.used_parameters[FIELD_PARAMETER] = field = field[-1]
        if field in translated_fields(model):  # the sidebar says which field
            self.title = f"{self.title} ({model._meta.get_field(field).verbose_name})"

    def lookups(self, request, model_admin):
        names = dict(settings.LANGUAGES)  # lazy: the admin's language
        return [(code, names[code]) for code in LANGUAGES if translated_fields(self.model)]

    def expected_parameters(self) -> list[str]:
        return [self.parameter_name, FIELD_PARAMETER]

    def queryset(self, request, queryset):
        language, field = self.value(), self.used_parameters.get(FIELD_PARAMETER)
        if field and field not in translated_fields(self.model):
            raise IncorrectLookupParameters(f"{field} is not a translated field")
        if language not in LANGUAGES:
            return queryset
        return queryset.filter(missing_q(self.model, language, field=field))

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
