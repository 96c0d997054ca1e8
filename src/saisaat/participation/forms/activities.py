from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.core import fields
from saisaat.orgs.models import StaffMember
from saisaat.participation.models import Virtue
from saisaat.plans.models import Activity
from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.forms import ThaiDateField


class PlanActivityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        dimension = obj.measure.dimension.number
        return f"{dimension}.{obj.measure.number} {obj.text[:110]}"


class OfficeActivityForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        error_messages={"required": _("Give the activity a title.")},
    )
    held_on = ThaiDateField(
        label=_("Held on"),
        error_messages={"required": _("Give the date the activity was held.")},
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    virtues = forms.MultipleChoiceField(
        label=_("Virtues it served"),
        choices=Virtue.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    is_moral_organisation = forms.BooleanField(
        label=_("Part of the moral-organisation plan"), required=False, initial=True
    )
    is_osmkh_workshop = forms.BooleanField(
        label=_("The OSMKH workshop (project item 4.4)"), required=False
    )
    plan_activity = PlanActivityChoice(
        label=_("Activity of the action plan"),
        queryset=Activity.objects.none(),
        required=False,
        empty_label=_("Not linked to the plan"),
    )

    def __init__(self, *args, plan_activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_activity"].queryset = plan_activities

    def clean(self):
        data = super().clean()
        if data.get("is_moral_organisation") and not data.get("virtues"):
            self.add_error(
                "virtues",
                _("A moral-organisation activity must serve at least one of the five virtues."),
            )
        linked, held_on = data.get("plan_activity"), data.get("held_on")
        if linked and held_on:
            plan_year = linked.measure.dimension.plan.fiscal_year
            if plan_year != fiscal_year_of(held_on):
                self.add_error(
                    "plan_activity",
                    _(
                        "This plan activity belongs to fiscal year %(plan_year)s, but the "
                        "date falls in fiscal year %(year)s."
                    )
                    % {"plan_year": plan_year, "year": fiscal_year_of(held_on)},
                )
        return data


class StaffChoice(fields.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class AttendanceForm(forms.Form):
    """People ticked from the unit's active staff who are not yet on the list."""

    staff = StaffChoice(
        label=_("Who attended"),
        queryset=StaffMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one name."),
            "invalid_choice": _("Choose people from this unit's staff list."),
            "invalid_pk_value": _("Choose people from this unit's staff list."),
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = candidates
