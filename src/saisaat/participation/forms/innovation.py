import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.digits import to_arabic_digits
from saisaat.thai.forms import ThaiDateField

_NUMBER_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_SEPARATORS = str.maketrans("", "", ", \u00a0\u202f'")
MAX_VALUE = Decimal(10) ** 12


def parse_decimal(text: str) -> Decimal:
    """A figure as people type it: Thai or Arabic digits, with or without thousands
    separators (``๑,๒๕๐.๕`` is 1250.5). Raises ``ValueError`` when it is not a number."""
    cleaned = to_arabic_digits(text).strip().translate(_SEPARATORS)
    if not _NUMBER_RE.fullmatch(cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None


class FigureField(forms.CharField):
    """A non-negative figure with at most two decimal places."""

    max_chars = 40

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="decimal", maxlength=str(self.max_chars))

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            if len(text) > self.max_chars:
                raise ValueError(text)
            number = parse_decimal(text)
        except ValueError:
            raise forms.ValidationError(
                _("“%(value)s” is not a number. Type a figure such as 1,250.50 or ๑,๒๕๐.๕๐."),
                code="invalid",
                params={"value": text},
            ) from None
        if number < 0:
            raise forms.ValidationError(_("Give zero or more."), code="negative")
        if number.as_tuple().exponent < -2 and number != number.quantize(Decimal("0.01")):
            raise forms.ValidationError(
                _("Give at most two decimal places."), code="decimal_places"
            )
        if number >= MAX_VALUE:
            raise forms.ValidationError(_("The figure is too large."), code="too_large")
        return number.quantize(Decimal("0.01"))


class InnovationProjectForm(forms.Form):
    title = forms.CharField(label=_("Innovation"), max_length=300)
    description = forms.CharField(
        label=_("What it changes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    started_on = ThaiDateField(label=_("Started on"))
    plan_activity = forms.ModelChoiceField(
        label=_("Plan activity (dimension 5)"),
        queryset=None,
        required=False,
        empty_label=_("— not linked —"),
    )

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["plan_activity"]
        field.queryset = activities
        field.label_from_instance = lambda a: (
            f"{a.measure.dimension.number}.{a.measure.number}.{a.position} {a.text[:90]}"
        )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the innovation a title."))
        return title

    def clean(self):
        data = super().clean()
        linked, started_on = data.get("plan_activity"), data.get("started_on")
        if linked and started_on:
            plan_year = linked.measure.dimension.plan.fiscal_year
            if plan_year != fiscal_year_of(started_on):
                self.add_error(
                    "plan_activity",
                    _(
                        "This plan activity belongs to fiscal year %(plan_year)s, but the "
                        "date falls in fiscal year %(year)s."
                    )
                    % {"plan_year": plan_year, "year": fiscal_year_of(started_on)},
                )
        return data


class MeasurementForm(forms.Form):
    metric = forms.CharField(
        label=_("What is measured"),
        max_length=200,
        help_text=_("e.g. time to compile the evidence report"),
    )
    unit_label = forms.CharField(
        label=_("Unit of measure"),
        max_length=50,
        required=False,
        help_text=_("e.g. นาที, วัน, บาท, ขั้นตอน"),
    )
    before = FigureField(label=_("Before"))
    after = FigureField(label=_("After"))
    lower_is_better = forms.BooleanField(
        label=_("Lower is better"),
        required=False,
        initial=True,
        help_text=_("Tick for time, cost and steps; clear for, say, satisfaction."),
    )

    def clean_metric(self):
        metric = self.cleaned_data["metric"].strip()
        if not metric:
            raise forms.ValidationError(_("Say what is measured."))
        return metric
