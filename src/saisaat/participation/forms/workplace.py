from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.participation.models import EnvironmentTopic, PublicationChannel, Recognition
from saisaat.thai.forms import ThaiDateField


def _plan_activity_field(label):
    return forms.ModelChoiceField(
        label=label, queryset=None, required=False, empty_label=_("— not linked —")
    )


class _LinkedForm(forms.Form):
    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["plan_activity"]
        field.queryset = activities
        field.label_from_instance = lambda a: (
            f"{a.measure.dimension.number}.{a.measure.number}.{a.position} {a.text[:90]}"
        )

    def _required_text(self, name, message):
        text = self.cleaned_data[name].strip()
        if not text:
            raise forms.ValidationError(message)
        return text


class EnvironmentActivityForm(_LinkedForm):
    topic = forms.ChoiceField(label=_("Topic"), choices=EnvironmentTopic.choices)
    title = forms.CharField(label=_("Activity"), max_length=300)
    held_on = ThaiDateField(label=_("Held on"))
    participants = forms.IntegerField(
        label=_("Participants"), required=False, min_value=0, max_value=100000
    )
    summary = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    plan_activity = _plan_activity_field(_("Plan activity (dimension 2)"))

    def clean_title(self):
        return self._required_text("title", _("Give the activity a title."))


class PublicationChannelForm(_LinkedForm):
    medium = forms.ChoiceField(label=_("Medium"), choices=PublicationChannel.Medium.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    url = forms.URLField(label=_("Address"), max_length=500, required=False, assume_scheme="https")
    opened_on = ThaiDateField(label=_("Open since"))
    closed_on = ThaiDateField(
        label=_("Closed on"), required=False, help_text=_("Leave empty while it is in use.")
    )
    plan_activity = _plan_activity_field(_("Plan activity (dimension 3)"))

    def clean_name(self):
        return self._required_text("name", _("Give the channel a name."))

    def clean(self):
        data = super().clean()
        opened, closed = data.get("opened_on"), data.get("closed_on")
        if opened and closed and closed < opened:
            self.add_error("closed_on", _("A channel cannot close before it opened."))
        return data


class RecognitionForm(_LinkedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Recognition.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    given_by = forms.CharField(
        label=_("Given by"),
        max_length=300,
        help_text=_("The outside body, as written on the letter or certificate."),
    )
    received_on = ThaiDateField(label=_("Date received"))
    reference = forms.CharField(
        label=_("Letter or certificate number"), max_length=100, required=False
    )
    summary = forms.CharField(
        label=_("For what"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    plan_activity = _plan_activity_field(_("Plan activity"))

    def clean_title(self):
        return self._required_text("title", _("Give the title of the award or letter."))

    def clean_given_by(self):
        return self._required_text("given_by", _("Say which outside body gave it."))
