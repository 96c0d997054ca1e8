from calendar import monthrange

from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit, WorkGroup
from saisaat.plans.models import Activity, EvidenceRequirement


class ActivityFilterForm(forms.Form):
    """Filters of the plan page; every field is optional and bad values are ignored."""

    dimension = forms.TypedChoiceField(label=_("Dimension"), required=False, coerce=int)
    work_group = forms.ChoiceField(
        label=_("Work group"),
        required=False,
        choices=[("", _("All work groups"))] + list(WorkGroup.Function.choices),
    )
    unit_kind = forms.ChoiceField(
        label=_("Implementing unit"),
        required=False,
        choices=[("", _("All units"))] + list(Activity.ImplementingUnit.choices),
    )
    due_this_month = forms.BooleanField(label=_("Due this month"), required=False)

    def __init__(self, *args, dimensions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [("", _("All dimensions"))] + [
            (d.number, f"{d.number}. {d.title}") for d in dimensions
        ]

    def filter(self, activities, *, today):
        if not self.is_valid():
            return activities
        data = self.cleaned_data
        if data.get("dimension"):
            activities = activities.filter(measure__dimension__number=data["dimension"])
        if data.get("work_group"):
            activities = activities.filter(responsible_groups__function=data["work_group"])
        if data.get("unit_kind"):
            activities = activities.for_unit_kind(
                Unit.Kind.PROVINCE if data["unit_kind"] == "province" else Unit.Kind.DISTRICT
            )
        if data.get("due_this_month"):
            last_day = today.replace(day=monthrange(today.year, today.month)[1])
            activities = activities.due_between(today.replace(day=1), last_day)
        return activities


class RequirementForm(forms.Form):
    """One item of an activity's evidence checklist on the edit page."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    label = forms.CharField(label=_("Item"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Record that satisfies it"), required=False, choices=())
    minimum = forms.IntegerField(label=_("At least"), required=False, min_value=1)
    minimum_kind = forms.ChoiceField(
        label=_("Threshold kind"),
        required=False,
        choices=[("", "–")] + list(EvidenceRequirement.MinimumKind.choices),
    )
    minimum_unit = forms.CharField(label=_("Counted in"), max_length=100, required=False)
    delete = forms.BooleanField(label=_("Remove"), required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("An uploaded file or a link"))] + list(kinds)

    def clean(self):
        data = super().clean()
        if data.get("minimum") is not None and not data.get("minimum_kind"):
            self.add_error(
                "minimum_kind", _("Say whether the threshold is a percentage or a count.")
            )
        if data.get("minimum_kind") == "percent" and (data.get("minimum") or 0) > 100:
            self.add_error("minimum", _("A percentage cannot exceed 100."))
        if data.get("minimum") is None:
            data["minimum_kind"] = ""
            data["minimum_unit"] = ""
        return data


RequirementFormSet = forms.formset_factory(RequirementForm, extra=2, max_num=40, absolute_max=60)
