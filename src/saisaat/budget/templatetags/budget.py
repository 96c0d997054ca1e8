"""Money and percentages for budget pages, in the digits the reader chose."""

from django import template

from saisaat.budget.money import format_money, round_percent
from saisaat.thai.digits import to_thai_digits

register = template.Library()


def _digits(context, text: str) -> str:
    return to_thai_digits(text) if context.get("thai_digits") else text


@register.simple_tag(takes_context=True)
def baht(context, value) -> str:
    """``1,234.50``."""
    return _digits(context, format_money(value))


@register.simple_tag(takes_context=True)
def pct(context, value) -> str:
    """``12.35%`` rounded half-up; a dash when there is nothing to divide by."""
    rounded = round_percent(value)
    return "–" if rounded is None else _digits(context, f"{rounded}%")
