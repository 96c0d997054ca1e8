from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.complaints.forms import clean_text
from saisaat.privacy.models import Breach, ErasureRequest
from saisaat.thai.forms import ThaiDateField

TIME_HELP = _("24-hour time, e.g. 14:30")
# (date field, time field, the model's datetime) of a breach.
MOMENTS = (
    ("found_on", "found_time", "found_at"),
    ("reported_on", "reported_time", "reported_at"),
    ("told_on", "told_time", "people_told_at"),
)


def _time(label, required=False):
    return forms.TimeField(
        label=label,
        required=required,
        help_text=TIME_HELP,
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        widget=forms.TextInput(attrs={"placeholder": "14:30", "size": 5}),
    )


class BreachForm(forms.Form):
    found_on = ThaiDateField(label=_("Found on"))
    found_time = _time(_("Found at (time)"), required=True)
    description = forms.CharField(
        label=_("What happened and which data"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    people_affected = forms.IntegerField(
        label=_("How many people"), min_value=0, max_value=100_000_000
    )
    risk = forms.ChoiceField(label=_("Risk"), choices=Breach.Risk.choices)
    reported_on = ThaiDateField(label=_("Reported to the PDPC office on"), required=False)
    reported_time = _time(_("Reported at (time)"))
    told_on = ThaiDateField(label=_("People told on"), required=False)
    told_time = _time(_("People told at (time)"))
    actions = forms.CharField(
        label=_("Actions taken"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    @classmethod
    def initial_of(cls, breach: Breach) -> dict:
        initial = {
            "description": breach.description,
            "people_affected": breach.people_affected,
            "risk": breach.risk,
            "actions": breach.actions,
        }
        for day, time, name in MOMENTS:
            value = getattr(breach, name)
            if value is not None:
                value = timezone.localtime(value)
                initial[day], initial[time] = value.date(), value.strftime("%H:%M")
        return initial

    def clean_description(self):
        return clean_text(self.cleaned_data.get("description"), needs_words=True)

    def clean_actions(self):
        return clean_text(self.cleaned_data.get("actions"))

    def clean(self):
        cleaned = super().clean()
        for day, time, _name in MOMENTS:
            if bool(cleaned.get(day)) != bool(cleaned.get(time)) and not (
                day in self.errors or time in self.errors
            ):
                self.add_error(time, _("Give both the date and the time, or neither."))
        return cleaned

    def data_for_service(self) -> dict:
        data = {
            name: self.cleaned_data[name]
            for name in ("description", "people_affected", "risk", "actions")
        }
        for day, time, name in MOMENTS:
            if self.cleaned_data.get(day) and self.cleaned_data.get(time):
                data[name] = timezone.make_aware(
                    datetime.combine(self.cleaned_data[day], self.cleaned_data[time])
                )
            else:
                data[name] = None
        return data


class PersonForm(forms.Form):
    """The contact a person gave, to find their data; never kept, never in the address."""

    kind = forms.ChoiceField(
        label=_("Kind of contact given"),
        choices=ErasureRequest.ContactKind.choices,
        initial="phone",
    )
    contact = forms.CharField(label=_("Telephone number or e-mail"), max_length=254)
    reason = forms.CharField(
        label=_("Request (for an erasure)"),
        max_length=500,
        required=False,
        help_text=_("For example: the person's letter of 3 March 2569 asking for erasure."),
    )

    def clean_contact(self):
        contact = clean_text(self.cleaned_data.get("contact"))
        kind = self.cleaned_data.get("kind")
        if kind == "phone" and sum(ch.isdigit() for ch in contact) < 6:
            raise ValidationError(_("Enter a telephone number."), code="phone")
        if kind == "email" and "@" not in contact:
            raise ValidationError(_("Enter an e-mail address."), code="email")
        return contact

    def clean_reason(self):
        return clean_text(self.cleaned_data.get("reason"))
