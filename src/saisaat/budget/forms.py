from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from saisaat.budget.models import BudgetLine
from saisaat.budget.money import ZERO, format_money, parse_money
from saisaat.budget.months import FISCAL_MONTHS, month_label, month_name
from saisaat.budget.services import linkable_activities
from saisaat.orgs.models import WorkGroup
from saisaat.plans.models import Activity


class MoneyField(forms.Field):
    """Baht as typed by people: ``1,234.50``, Thai digits, blank for nothing."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "money", "size": 10})

    def to_python(self, value) -> Decimal | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None if self.required else ZERO
        return parse_money(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_money(value) if value else ""
        return value


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        measure = obj.measure
        return f"{measure.dimension.number}.{measure.number}.{obj.position} {obj.text[:90]}"


class BudgetLineForm(forms.ModelForm):
    """A line's description and its planned amount for each fiscal month."""

    activity = ActivityChoiceField(
        queryset=Activity.objects.none(), required=False, label=_("Plan activity")
    )

    class Meta:
        model = BudgetLine
        fields = ["number", "name", "source", "activity", "work_group", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, unit, fiscal_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit, self.fiscal_year = unit, fiscal_year
        # A plan activity one district added for itself is none of another unit's business.
        self.fields["activity"].queryset = linkable_activities(unit, fiscal_year)
        self.fields["work_group"].queryset = WorkGroup.objects.filter(unit=unit)
        self.fields["work_group"].required = False
        months = {}
        if self.instance.pk:
            months = {m.month: m.planned for m in self.instance.months.all()}
        for month in FISCAL_MONTHS:
            self.fields[f"planned_{month}"] = MoneyField(
                label=month_label(month), required=False, initial=months.get(month, ZERO)
            )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        taken = BudgetLine.objects.filter(
            unit=self.unit, fiscal_year=self.fiscal_year, name=name
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("This unit already has a line with this name."))
        return name

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = BudgetLine.objects.filter(
            unit=self.unit, fiscal_year=self.fiscal_year, number=number
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("This unit already has a line with this number."))
        return number

    def _post_clean(self):
        # The unit and year are not form fields; set them before the model validates.
        self.instance.unit = self.unit
        self.instance.fiscal_year = self.fiscal_year
        super()._post_clean()

    @property
    def month_fields(self):
        return [self[f"planned_{month}"] for month in FISCAL_MONTHS]

    def planned(self) -> list[Decimal]:
        return [self.cleaned_data[f"planned_{month}"] for month in FISCAL_MONTHS]

    def line_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DisbursementGridForm(forms.Form):
    """The disbursed amount of every line in every month, one field per cell."""

    def __init__(self, *args, lines, grid, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            for month in FISCAL_MONTHS:
                amount = grid.get(line.pk, {}).get(month)
                field = MoneyField(
                    label=f"{line.number} {month_label(month)}",
                    required=False,
                    initial=amount.disbursed if amount else ZERO,
                )
                # The grid shows the line and month only in its headers: a screen reader
                # announces both with each cell.
                name = f"{line.number}. {line.name}, {month_name(month)}"
                field.widget.attrs["aria-label"] = name
                self.fields[self.key(line.pk, month)] = field

    @staticmethod
    def key(line_pk: int, month: int) -> str:
        return f"d_{line_pk}_{month}"

    def rows(self):
        for line in self.lines:
            yield line, [self[self.key(line.pk, month)] for month in FISCAL_MONTHS]

    def amounts(self) -> dict[tuple[int, int], Decimal]:
        """The cells that were submitted; a cell left out of the request stays as it is
        (a cleared cell is submitted empty and means zero)."""
        return {
            (line.pk, month): self.cleaned_data[self.key(line.pk, month)]
            for line in self.lines
            for month in FISCAL_MONTHS
            if self.key(line.pk, month) in self.data
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Disbursement spreadsheet (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
