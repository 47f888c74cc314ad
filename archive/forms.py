from django import forms
from django.utils.translation import gettext_lazy as _

from archive.bibliography import shape as bibliography_shape
from archive.mapping import EmptyCells, Mapping
from archive.models import MappingProfile
from archive.readers import FileError

IGNORE = ""


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet"), help_text=_("CSV, XLSX or JSON."))
    profile = forms.ModelChoiceField(
        label=_("Mapping profile"),
        queryset=MappingProfile.objects.none(),
        required=False,
        help_text=_("For spreadsheets made elsewhere: a saved column mapping."),
    )
    mapping_file = forms.FileField(label=_("or a mapping.json file"), required=False)

    def __init__(self, *args, model_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = MappingProfile.objects.filter(model_label=model_label)
        if model_label.lower() in bibliography_shape.LABELS:
            self.fields["file"].help_text = _(
                "CSV, XLSX or JSON; or a bibliography as reference managers write it: "
                "BibTeX or biblatex (.bib), RIS (.ris) or CSL-JSON (.json)."
            )

    def clean_mapping_file(self):
        upload = self.cleaned_data.get("mapping_file")
        if not upload:
            return None
        try:
            return Mapping.from_json(upload.read().decode("utf-8-sig"))
        except (FileError, UnicodeDecodeError) as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        """``mapping``: the mapping file's, else the profile's (one saved before profiles
        were checked may not be readable), else None."""
        cleaned = super().clean()
        cleaned["mapping"] = cleaned.get("mapping_file")
        profile = cleaned.get("profile")
        if cleaned["mapping"] is None and profile is not None:
            try:
                cleaned["mapping"] = Mapping.from_dict(profile.mapping)
            except FileError as error:
                message = _("The profile “%(name)s” cannot be read: %(problem)s")
                self.add_error("profile", message % {"name": profile.name, "problem": error})
        return cleaned


class MappingForm(forms.Form):
    """One choice per column of the file: the field it fills, or ignore it."""

    filter_column = forms.ChoiceField(label=_("Only rows whose column"), required=False)
    filter_match = forms.ChoiceField(
        label=_("that"),
        choices=[("contains", _("contains")), ("equals", _("has the item"))],
        required=False,
    )
    filter_value = forms.CharField(label=_("value"), required=False)
    filter_separator = forms.CharField(
        label=_("items separated by"), initial=",", required=False, max_length=3, strip=False
    )
    empty_cells = forms.TypedChoiceField(
        label=_("An empty cell in a row of a record the archive holds"),
        choices=EmptyCells.choices,
        coerce=EmptyCells,
        initial=EmptyCells.CLEAR,
        widget=forms.RadioSelect,
        help_text=_(
            "Take it away when the file is the whole record, as a file exported from here "
            "is; keep it when the file fills in only what it knows."
        ),
    )
    save_as = forms.CharField(
        label=_("Save this mapping as a profile named"), required=False, max_length=200
    )

    def __init__(
        self,
        *args,
        headers: list[str],
        targets: dict[str, str],
        suggested: dict[str, str],
        mapping: Mapping,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = [(IGNORE, _("— ignore this column —")), *targets.items()]
        for index, header in enumerate(headers):
            if header in mapping.columns:
                initial = mapping.columns[header] or IGNORE
            else:
                initial = suggested.get(header, IGNORE)
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header or _("(no header)"), choices=choices, initial=initial, required=False
            )
        self.fields["filter_column"].choices = [
            ("", _("— no filter —")),
            *((h, h) for h in headers),
        ]
        self.initial["empty_cells"] = mapping.empty_cells
        if mapping.filters:
            first = mapping.filters[0]
            self.initial.update(
                filter_column=first.column,
                filter_match=first.match,
                filter_value=first.value,
                filter_separator=first.separator,
            )

    def column_fields(self):
        return [self[f"column_{index}"] for index in range(len(self.headers))]

    def clean(self):
        cleaned = super().clean()
        targets = [cleaned.get(f"column_{i}") for i in range(len(self.headers))]
        chosen = [t for t in targets if t]
        repeated = sorted({t for t in chosen if chosen.count(t) > 1})
        if repeated:
            raise forms.ValidationError(
                _("Several columns are mapped to %(fields)s; choose one.")
                % {"fields": ", ".join(repeated)}
            )
        if cleaned.get("filter_column") and not cleaned.get("filter_value"):
            self.add_error("filter_value", _("Enter the value to keep rows by."))
        return cleaned

    def mapping(self) -> Mapping:
        data = {
            "columns": {
                header: self.cleaned_data.get(f"column_{index}") or None
                for index, header in enumerate(self.headers)
            },
            "filters": [],
            "empty_cells": self.cleaned_data["empty_cells"],
        }
        if self.cleaned_data.get("filter_column"):
            data["filters"].append(
                {
                    "column": self.cleaned_data["filter_column"],
                    self.cleaned_data.get("filter_match") or "contains": self.cleaned_data[
                        "filter_value"
                    ],
                    "separator": self.cleaned_data.get("filter_separator") or ",",
                }
            )
        return Mapping.from_dict(data)
