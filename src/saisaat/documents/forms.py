from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.documents.services import MemoFields
from saisaat.thai.forms import ThaiDateField


class MemoForm(forms.Form):
    """The memo as the officer reviews it before generating the files."""

    number = forms.CharField(
        label=_("Number (ที่)"),
        max_length=100,
        required=False,
        help_text=_(
            "Keep the proposed number to take the next one of your office, or type another."
        ),
    )
    proposed_number = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    date = ThaiDateField(label=_("Date"))
    office = forms.CharField(label=_("Government agency (ส่วนราชการ)"), max_length=300)
    subject = forms.CharField(label=_("Subject"), max_length=500)
    recipient = forms.CharField(label=_("To (เรียน)"), max_length=300)
    body = forms.CharField(
        label=_("Body"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Separate paragraphs with an empty line."),
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=200)
    signer_position = forms.CharField(
        label=_("Position"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    thai_digits = forms.BooleanField(label=_("Thai digits"), required=False, initial=True)

    def clean(self):
        cleaned = super().clean()
        for name in ("office", "subject", "recipient", "body", "signer_name", "number"):
            value = cleaned.get(name)
            if value and any(ord(c) < 32 and c not in "\r\n\t" for c in value):
                self.add_error(name, _("Remove the control characters from this field."))
        return cleaned

    def memo_fields(self) -> MemoFields:
        data = self.cleaned_data
        return MemoFields(
            number=data["number"],
            date=data["date"],
            office=data["office"],
            subject=data["subject"],
            recipient=data["recipient"],
            body=data["body"],
            signer_name=data["signer_name"],
            signer_position=data["signer_position"],
            thai_digits=data["thai_digits"],
        )


class QuarterForm(forms.Form):
    year = forms.IntegerField(label=_("Fiscal year"), min_value=2500, max_value=2700)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(q, q) for q in range(1, 5)]
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        if years:
            # Offer the plan years there are rather than a number to type.
            self.fields["year"].widget = forms.Select(choices=[(year, year) for year in years])


class EvidenceBundleForm(forms.Form):
    """Which evidence to bundle: one dimension (0: every dimension), of this unit or, on a
    province, of every unit."""

    year = forms.IntegerField(
        label=_("Fiscal year"), min_value=2500, max_value=2700, required=False
    )
    dimension = forms.TypedChoiceField(
        label=_("Dimension"),
        coerce=int,
        choices=[(0, _("all")), *((n, n) for n in range(1, 10))],
        initial=0,
    )
    all = forms.BooleanField(label=_("all units"), required=False)
