from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.participation.models import MoralGoal, Virtue


class GoalForm(forms.Form):
    """A proposal: what kind of goal, under which virtue, in the proposer's words."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=MoralGoal.Kind.choices, widget=forms.RadioSelect
    )
    virtue = forms.ChoiceField(
        label=_("Virtue"), choices=[("", _("Choose a virtue"))] + Virtue.choices
    )
    text = forms.CharField(
        label=_("Your proposal"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write what you propose.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["required"] = _("Choose the kind of goal.")
        self.fields["virtue"].error_messages["required"] = _("Choose one of the five virtues.")

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 5:
            raise forms.ValidationError(_("Write a little more: at least 5 characters."))
        return text
