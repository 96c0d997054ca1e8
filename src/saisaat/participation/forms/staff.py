from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import StaffMember, Unit, WorkGroup


class StaffImportForm(forms.Form):
    """The personnel file to preview."""

    file = forms.FileField(
        label=_("Staff file (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    deactivate_missing = forms.BooleanField(
        label=_("Mark staff of these units who are not in the file as no longer working here"),
        required=False,
    )


class StaffImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=4000)


class StaffFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("active", _("Working here")),
        ("inactive", _("No longer here")),
        ("all", _("All")),
    ]

    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units"))] + [
            (unit.code, unit.short_name_th or unit.name_th) for unit in units
        ]


class StaffMemberForm(forms.Form):
    """What a manager may change about a person."""

    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    work_group = forms.ModelChoiceField(
        label=_("Work group"), queryset=WorkGroup.objects.none(), required=False
    )
    is_active = forms.BooleanField(label=_("Working here"), required=False)

    def __init__(self, *args, units, staff: StaffMember, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "position": staff.position,
                "unit": staff.unit_id,
                "work_group": staff.work_group_id,
                "is_active": staff.is_active,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("code")
        self.fields["work_group"].queryset = WorkGroup.objects.filter(
            unit__in=units
        ).select_related("unit")
        self.fields["work_group"].label_from_instance = lambda g: (
            f"{g.name_th} ({g.unit.short_name_th or g.unit.code})"
        )

    def clean(self):
        data = super().clean()
        unit, group = data.get("unit"), data.get("work_group")
        if unit and group and group.unit_id != unit.pk:
            self.add_error("work_group", _("The work group must belong to the unit."))
        return data
