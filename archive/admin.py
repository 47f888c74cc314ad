"""The archivists' import and export screens, added to the admin of every model the
archive's registry names (the domain apps' admins know nothing of the archive), and the
archive's own records (ledger_admin.py)."""

import itertools

from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from archive import (
    exporting,
    job_admin,
    job_services,
    ledger_admin,
    readers,
    registry,
    shapes,
    uploads,
)
from archive.forms import MappingForm, UploadForm
from archive.mapping import EmptyCells, Mapping
from archive.models import IMPORT_PERMISSION, MappingProfile
from archive.reconcile_admin import RECONCILED_LABEL, ReconcileAdminMixin
from archive.schema import Schema

__all__ = ["ArchiveAdminMixin", "add_archive_to_admins", "job_admin", "ledger_admin"]


class ArchiveAdminMixin:
    """Import (upload → map columns → preview → confirm) and export for a ModelAdmin."""

    change_list_template = "admin/archive/change_list.html"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("import-file/", wrap(self.import_upload_view), name=f"{prefix}_import_file"),
            path(
                "import-file/<str:token>/map/",
                wrap(self.import_map_view),
                name=f"{prefix}_import_map",
            ),
            path("export-file/", wrap(self.export_view), name=f"{prefix}_export_file"),
            *super().get_urls(),
        ]

    def has_import_permission(self, request) -> bool:
        return request.user.has_perm(IMPORT_PERMISSION)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_import": self.has_import_permission(request),
            "export_formats": readers.FORMATS,
        }
        return super().changelist_view(request, extra_context)

    # Import ----------------------------------------------------------------

    @property
    def label(self) -> str:
        return self.opts.label

    def _url(self, name: str, *args) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}",
            args=args,
            current_app=self.admin_site.name,
        )

    def _context(self, request, title: str, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "app_label": self.opts.app_label,
            **extra,
        }

    def _require_import(self, request, token: str | None = None) -> dict | None:
        if not self.has_import_permission(request):
            raise PermissionDenied
        if token is None:
            return None
        upload = uploads.info(request.session, token)
        if upload is None or upload["label"] != self.label:
            raise Http404(_("This upload has expired; upload the file again."))
        return upload

    def _table(self, request, token: str, upload: dict) -> readers.Table:
        data = uploads.read(token)
        if data is None:
            raise Http404(_("This upload has expired; upload the file again."))
        return shapes.read_for(
            data, name=upload["name"], label=self.label, encoding=upload.get("encoding", "")
        )

    def import_upload_view(self, request):
        self._require_import(request)
        form = UploadForm(request.POST or None, request.FILES or None, model_label=self.label)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                shapes.read_for(data, name=upload.name, label=self.label)
            except readers.FileError as error:
                form.add_error("file", str(error))
            else:
                token = uploads.store(
                    request.session, data=data, name=upload.name, label=self.label
                )
                profile, mapping = form.cleaned_data["profile"], form.cleaned_data["mapping"]
                uploads.update(
                    request.session,
                    token,
                    mapping=mapping.to_dict() if mapping else None,
                    profile=profile.pk if profile else None,
                )
                return redirect(self._url("import_map", token))
        schema = Schema.for_label(self.label)
        return TemplateResponse(
            request,
            "admin/archive/upload.html",
            self._context(
                request,
                _("Import %(name)s") % {"name": self.opts.verbose_name_plural},
                form=form,
                columns=schema.columns,
                key=schema.key,
                required=schema.required_columns,
                template_url=self._url("export_file") + "?format=xlsx&template=1",
            ),
        )

    def import_map_view(self, request, token):
        upload = self._require_import(request, token)
        try:
            table = self._table(request, token, upload)
        except readers.FileError as error:
            messages.error(request, str(error))
            return redirect(self._url("import_file"))
        schema = Schema.for_label(self.label)
        mapping = Mapping.from_dict(upload["mapping"]) if upload["mapping"] else Mapping()
        if not upload["mapping"] and table.notes.fills_in:  # a bibliography: see its shape
            mapping.empty_cells = EmptyCells.KEEP
        form = MappingForm(
            request.POST or None,
            headers=table.headers,
            targets={name: schema.label(name) for name in schema.columns},
            suggested=schema.suggest_columns(table.headers),
            mapping=mapping,
        )
        if request.method == "POST" and form.is_valid():
            chosen = form.mapping()
            profile_id = upload["profile"]
            if form.cleaned_data["save_as"]:
                profile, _created = MappingProfile.objects.update_or_create(
                    name=form.cleaned_data["save_as"],
                    defaults={
                        "model_label": self.label,
                        "mapping": chosen.to_dict(),
                        "created_by": request.user,
                    },
                )
                profile_id = profile.pk
                messages.success(
                    request, _("Mapping saved as “%(name)s”.") % {"name": profile.name}
                )
            uploads.update(request.session, token, mapping=chosen.to_dict(), profile=profile_id)
            may_publish = getattr(self, "has_publish_permission", lambda request: True)(request)
            job = job_services.start_import(
                user=request.user,
                label=self.label,
                upload=uploads.info(request.session, token),
                token=token,
                may_publish=may_publish,
            )
            return redirect(job.get_absolute_url())
        return TemplateResponse(
            request,
            "admin/archive/map.html",
            self._context(
                request,
                _("Match the columns of %(file)s") % {"file": upload["name"]},
                form=form,
                upload=upload,
                column_rows=_column_rows(form, table),
            ),
        )

    # Export ----------------------------------------------------------------

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.copy()
        fmt = query.pop("format", ["csv"])[0]
        template = query.pop("template", None)
        if fmt not in readers.FORMATS:
            raise Http404
        request.GET = query  # the changelist's own filters select what is exported
        if template:
            queryset = self.model._default_manager.none()
        else:
            changelist = self.get_changelist_instance(request)
            queryset = changelist.get_queryset(request)
            if queryset.count() > settings.ARCHIVE_EXPORT_IN_REQUEST_ROWS:
                job = job_services.start_export(
                    user=request.user,
                    label=self.label,
                    queryset=queryset,
                    fmt=fmt,
                    ordering=[str(o) for o in changelist.get_ordering(request, queryset)],
                )
                return redirect(job.get_absolute_url())
        dataset = exporting.export_dataset(label=self.label, queryset=queryset)
        return _download(exporting.render(dataset, fmt), f"{self.opts.model_name}.{fmt}", fmt)


def _column_rows(form: MappingForm, table: readers.Table) -> list[tuple]:
    """Each column's form field with up to three example values from the file."""
    samples = [cells for _number, cells in itertools.islice(table.rows, 3)]
    return [
        (field, [row[index] for row in samples]) for index, field in enumerate(form.column_fields())
    ]


def _download(data: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=exporting.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def add_archive_to_admins(site: admin.AdminSite) -> None:
    """Gives the admin of each importable model the import and export screens: its class
    is registered again as a subclass with ``ArchiveAdminMixin`` first. Run once every
    app's admin module is loaded (``ArchiveConfig.ready``)."""
    for label in registry.resources():
        model = apps.get_model(label)
        model_admin = site._registry.get(model)
        if model_admin is None or isinstance(model_admin, ArchiveAdminMixin):
            continue
        base = type(model_admin)
        mixins = (ArchiveAdminMixin, base)
        if model._meta.label == RECONCILED_LABEL:  # and the World Heritage List's comparison
            mixins = (ReconcileAdminMixin, *mixins)
        site.unregister(model)
        site.register(model, type(base.__name__, mixins, {"__module__": base.__module__}))
