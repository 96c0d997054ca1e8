"""The date field every form uses: typed the Thai way, shown with a Buddhist-era year."""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from saisaat.thai.calendar import local_date
from saisaat.thai.dates import (
    BE_YEARS,
    INPUT_FORMAT_HINT,
    DateInputError,
    format_date_input,
    parse_date_input,
)


class ThaiDateInput(forms.TextInput):
    """A text box showing ``15/03/2566``. Not ``type="date"``: the browser's picker shows
    Common Era years in some locales and refuses a Buddhist-era year typed into it."""

    def __init__(self, attrs=None):
        defaults = {"placeholder": INPUT_FORMAT_HINT, "autocomplete": "off", "size": 10}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime):
            value = local_date(value)
        if isinstance(value, date):
            return format_date_input(value)
        return super().format_value(value)


class ThaiDateField(forms.DateField):
    """A date typed as Thai users type it (see ``saisaat.thai.dates.parse_date_input``)."""

    widget = ThaiDateInput
    default_error_messages = {
        "invalid": _(
            "Enter the date as day/month/year, for example 15/03/2566 (B.E.) or 15/03/2023."
        ),
        "year": _(
            "The year %(year)s is not plausible: type a Buddhist-era year (%(first)s–%(last)s)"
            " or a Common Era year, for example 15/03/2566."
        ),
        "day": _("There is no such day in that month."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return local_date(value)
        if isinstance(value, date):
            return value
        try:
            return parse_date_input(str(value))
        except DateInputError as error:
            raise ValidationError(
                self.error_messages[error.code],
                code=error.code,
                params={"year": error.year, "first": BE_YEARS[0], "last": BE_YEARS[-1]},
            ) from None
