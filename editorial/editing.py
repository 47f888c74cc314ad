"""The admin form of public records: refuses a save that would overwrite someone else's."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


def current_version(model, pk, *, lock: bool = False) -> str:
    """The record's version token: its last-saved time as stored. With ``lock`` (inside
    the admin's save transaction) the row stays locked until the save is done."""
    records = model._default_manager.filter(pk=pk)
    if lock:
        records = records.select_for_update()
    updated_at = records.values_list("updated_at", flat=True).first()
    return updated_at.isoformat() if updated_at else ""


class PublicRecordForm(forms.ModelForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = current_version(type(self.instance), self.instance.pk)

    def clean(self):
        cleaned_data = super().clean()
        loaded = cleaned_data.get("version")
        if self.instance.pk and loaded:
            model = type(self.instance)
            if current_version(model, self.instance.pk, lock=True) != loaded:
                raise ValidationError(self._conflict_message(model), code="conflict")
        return cleaned_data

    def _conflict_message(self, model) -> str:
        latest = model.history.filter(id=self.instance.pk).select_related("history_user").first()
        who = (latest.history_user.get_username() if latest and latest.history_user else "") or _(
            "Someone else"
        )
        # In the site's time zone (Asia/Almaty), as the admin shows every time, not UTC.
        when = (
            formats.date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
            if latest
            else ""
        )
        return _(
            "%(who)s saved this record (%(when)s) after you opened it. Nothing of yours was "
            "saved, so that their changes are not lost: open the record again, then redo "
            "your changes."
        ) % {"who": who, "when": when}
