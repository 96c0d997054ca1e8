from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.plans.models import Measure
from saisaat.thai.forms import ThaiDateField
from saisaat.thai.periods import PeriodParseError, parse_period


class EvidenceForm(forms.Form):
    """A file, a link or a note, with the date the thing it shows happened."""

    title = forms.CharField(label=_("Evidence title"), max_length=300, required=False)
    effective_date = ThaiDateField(label=_("Date of the event"))
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Link"), required=False, max_length=1000, assume_scheme="https")
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    requirement = forms.TypedChoiceField(
        label=_("Checklist item"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args, requirements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = {r.pk: r for r in requirements}
        self.fields["requirement"].choices = [("", _("None: general evidence"))] + [
            (r.pk, f"{r.position}. {r.label}") for r in requirements
        ]
        if not requirements:
            del self.fields["requirement"]

    def clean(self):
        data = super().clean()
        if data.get("requirement"):
            data["requirement"] = self.requirements[data["requirement"]]
        given = [name for name in ("file", "url", "note") if data.get(name)]
        if len(given) == 0 and not self.errors:
            raise forms.ValidationError(_("Give a file, a link or a note."))
        if len(given) > 1:
            raise forms.ValidationError(_("Give only one of a file, a link or a note per item."))
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("return", _("Return for changes"))]
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what needs to change when returning work."))
        return data


class UnitActivityForm(forms.Form):
    """An activity a unit adds to its own copy of the plan."""

    measure = forms.ModelChoiceField(label=_("Measure"), queryset=Measure.objects.none())
    text = forms.CharField(
        label=_("Activity"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    period_text = forms.CharField(
        label=_("Period"), max_length=200, help_text=_("e.g. ม.ค. - มี.ค. ๖๖")
    )
    evidence = forms.CharField(
        label=_("Evidence required"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = (
            Measure.objects.filter(dimension__plan=plan)
            .select_related("dimension")
            .order_by("dimension__number", "number")
        )
        self.fields["measure"].label_from_instance = lambda m: (
            f"{m.dimension.number}.{m.number} {m.title}"
        )

    def clean_period_text(self):
        text = self.cleaned_data["period_text"]
        try:
            self.cleaned_data["period"] = parse_period(text)
        except PeriodParseError as error:
            raise forms.ValidationError(str(error)) from None
        return text


class LinkRecordForm(forms.Form):
    """A record Saisaat holds, chosen as ``kind:key``, for one checklist item."""

    requirement = forms.TypedChoiceField(coerce=int, choices=())
    record = forms.CharField(label=_("Record"), max_length=100)

    def __init__(self, *args, requirements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = {r.pk: r for r in requirements}
        self.fields["requirement"].choices = [(r.pk, r.label) for r in requirements]

    def clean_requirement(self):
        return self.requirements[self.cleaned_data["requirement"]]

    def clean_record(self):
        kind, _sep, key = self.cleaned_data["record"].partition(":")
        if not kind or not key:
            raise forms.ValidationError(_("Choose a record to link."))
        return kind, key
