from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saisaat.assessments.models import Criterion, Framework
from saisaat.core.fields import ModelMultipleChoiceField
from saisaat.orgs.models import StaffMember, Unit, User
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
        # Shared frameworks, and the office's own checklist (not another office's).
        self.fields["framework"].queryset = Framework.objects.filter(
            Q(unit__isnull=True) | Q(unit=unit)
        ).order_by("title")
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


class WorkAreaForm(forms.Form):
    name = forms.CharField(label=_("work area"), max_length=120)


class QuarterRoundForm(forms.Form):
    """The office's 5S round of one quarter: the year, the quarter and the assessors; the
    rest (checklist, offices, dates) follows from them."""

    fiscal_year = forms.IntegerField(label=_("fiscal year (B.E.)"), min_value=2400, max_value=2700)
    quarter = forms.TypedChoiceField(
        label=_("quarter"),
        coerce=int,
        choices=[(1, _("Q1 (Oct–Dec)")), (2, _("Q2 (Jan–Mar)")), (3, _("Q3 (Apr–Jun)"))]
        + [(4, _("Q4 (Jul–Sep)"))],
    )
    assessors = ModelMultipleChoiceField(
        User.objects.none(), label=_("assessors"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        offices = Unit.objects.filter(pk=unit.pk) | Unit.objects.filter(parent=unit)
        self.fields["assessors"].queryset = (
            User.objects.filter(unit__in=offices, is_active=True)
            .select_related("unit")
            .order_by("unit__code", "username")
        )
        self.fields["assessors"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} · {user.unit.short_name_th or user.unit}"
        )


class CorrectiveActionForm(forms.Form):
    criterion = forms.ModelChoiceField(Criterion.objects.none(), label=_("criterion"))
    action = forms.CharField(
        label=_("what is to be done"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    responsible = forms.CharField(label=_("who does it"), max_length=200)
    due_on = ThaiDateField(label=_("due on"))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria
        self.fields["criterion"].label_from_instance = lambda c: f"{c.code} {c.title}"


class CloseActionForm(forms.Form):
    outcome = forms.CharField(
        label=_("what was done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class FivesProgrammeForm(forms.Form):
    measures = forms.CharField(
        label=_("5S measures"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    working_group = ModelMultipleChoiceField(
        StaffMember.objects.none(),
        label=_("5S working group"),
        widget=forms.CheckboxSelectMultiple,
    )
    appointed_by = forms.CharField(label=_("appointed by (order)"), max_length=200, required=False)

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_group"].queryset = StaffMember.objects.filter(
            unit=unit, is_active=True
        ).order_by("last_name", "first_name")
        self.fields["working_group"].label_from_instance = lambda m: (
            f"{m.full_name} · {m.position}" if m.position else m.full_name
        )
