"""Comparing with UNESCO's World Heritage List from the admin: the archivist uploads
UNESCO's export, reads the report, and previews the differences as an ordinary import
(the import screens' preview and confirmation, the ledger, undo)."""

from django import forms
from django.contrib import messages
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive import job_services, readers, uploads
from archive.mapping import EmptyCells, Mapping
from archive.reconcile import as_csv, reconcile

RECONCILED_LABEL = "heritage.HeritageItem"


class ReconcileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("UNESCO's World Heritage List (CSV or XLSX)"),
        help_text=gettext_lazy("The export whc.unesco.org offers, of any year."),
    )
    country = forms.CharField(
        label=gettext_lazy("Country"),
        initial="kz",
        max_length=60,
        help_text=gettext_lazy("ISO code or English name, e.g. kz."),
    )


class ReconcileAdminMixin:
    """Goes before ArchiveAdminMixin, whose import screens it hands the differences to."""

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view(self.reconcile_view)
        return [
            path("reconcile-whc/", view, name=f"{prefix}_reconcile_whc"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_reconcile": self.has_import_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def reconcile_view(self, request):
        self._require_import(request)
        form = ReconcileForm(request.POST or None, request.FILES or None)
        result = preview_url = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                table = readers.read(upload.read(), name=upload.name)
                result = reconcile(table=table, country=form.cleaned_data["country"])
            except readers.FileError as error:
                form.add_error("file", str(error))
            else:
                if result.missing or result.differences:
                    token = uploads.store(
                        request.session,
                        data=as_csv(result),
                        name=f"reconcile-{upload.name.rsplit('.', 1)[0]}.csv",
                        label=self.label,
                    )
                    mapping = Mapping(empty_cells=EmptyCells.KEEP)
                    uploads.update(request.session, token, mapping=mapping.to_dict())
                    job = job_services.start_import(
                        user=request.user,
                        label=self.label,
                        upload=uploads.info(request.session, token),
                        token=token,
                        may_publish=self.has_publish_permission(request),
                    )
                    preview_url = job.get_absolute_url()
                elif result.in_agreement:
                    messages.success(request, _("The archive agrees with UNESCO's list."))
        return TemplateResponse(
            request,
            "admin/archive/reconcile.html",
            self._context(
                request,
                _("Compare with UNESCO's World Heritage List"),
                form=form,
                result=result,
                preview_url=preview_url,
            ),
        )
