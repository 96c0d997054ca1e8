"""Money and percentages for budget pages, in the digits the reader chose."""

from django import template

from saisaat.budget.money import format_money, format_percent
from saisaat.thai.templatetags.thai import num

register = template.Library()


@register.simple_tag(takes_context=True)
def baht(context, value) -> str:
    """``1,234.50``."""
    return num(context, format_money(value))


@register.simple_tag(takes_context=True)
def pct(context, value) -> str:
    """``12.35%`` rounded half-up; a dash when there is nothing to divide by."""
    return num(context, format_percent(value))
