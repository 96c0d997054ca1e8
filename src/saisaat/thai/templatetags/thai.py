"""Thai display helpers for templates; they honour the session's Thai-digit choice and show
a timestamp by its day in the office's time zone (``local_date``)."""

from datetime import date

from django import template

from saisaat.thai.calendar import format_thai_date, format_thai_month, local_date
from saisaat.thai.dates import INPUT_FORMAT_HINT, format_date_input
from saisaat.thai.digits import to_thai_digits
from saisaat.thai.periods import Period, format_period

register = template.Library()


def _thai_digits(context) -> bool:
    return bool(context.get("thai_digits"))


@register.simple_tag
def date_input(value: date | None) -> str:
    """The value of a hand-written date box, as ``ThaiDateInput`` shows it: ``15/03/2566``."""
    return format_date_input(local_date(value)) if value else ""


@register.simple_tag
def date_input_hint() -> str:
    return INPUT_FORMAT_HINT


@register.simple_tag(takes_context=True)
def thai_date(context, value: date | None, abbreviated: bool = False) -> str:
    if not value:
        return ""
    return format_thai_date(value, abbreviated=abbreviated, thai_digits=_thai_digits(context))


@register.simple_tag(takes_context=True)
def thai_month(context, value: date | None) -> str:
    if not value:
        return ""
    return format_thai_month(value, thai_digits=_thai_digits(context))


@register.simple_tag(takes_context=True)
def thai_period(context, start: date, end: date) -> str:
    return format_period(Period(start, end), thai_digits=_thai_digits(context))


@register.simple_tag(takes_context=True)
def num(context, value) -> str:
    """A number (or any text with digits) in the digits the reader chose."""
    text = "" if value is None else str(value)
    return to_thai_digits(text) if _thai_digits(context) else text
