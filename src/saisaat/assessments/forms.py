from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.assessments.models import Framework
from saisaat.core.fields import ModelMultipleChoiceField
from saisaat.orgs.models import Unit, User
from saisaat.thai.forms import ThaiDateField


class RoundForm(forms.Form):
    """A new round of an office: the framework, the offices (itself and those directly
    below it) and the assessors (staff of those offices)."""

    framework = forms.ModelChoiceField(Framework.objects.order_by("title"), label=_("framework"))
    title = forms.CharField(label=_("title"), max_length=300)
    fiscal_year = forms.IntegerField(label=_("fiscal year (B.E.)"), min_value=2400, max_value=2700)
    opens_on = ThaiDateField(label=_("scoring opens on"))
    closes_on = ThaiDateField(label=_("scoring closes on"))
    assessed_units = ModelMultipleChoiceField(
        Unit.objects.none(), label=_("offices assessed"), widget=forms.CheckboxSelectMultiple
    )
    assessors = ModelMultipleChoiceField(
        User.objects.none(), label=_("assessors"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        offices = Unit.objects.filter(pk=unit.pk) | Unit.objects.filter(parent=unit)
        self.fields["assessed_units"].queryset = offices.order_by("code")
        self.fields["assessors"].queryset = (
            User.objects.filter(unit__in=offices, is_active=True)
            .select_related("unit")
            .order_by("unit__code", "username")
        )
        self.fields["assessors"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} · {user.unit.short_name_th or user.unit}"
        )

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("A round closes on or after the day it opens."))
        return data
