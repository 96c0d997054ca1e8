from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from saisaat.thai.digits import to_thai_digits

register = template.Library()


@register.simple_tag(takes_context=True)
def heat(context, cell) -> str:
    """One heat-map cell: approved/total on a colour from red (none) to green (all).

    A tag rather than an included template: the department view draws hundreds of cells
    and an include per cell costs more than the query behind the whole page.
    """
    if not cell.total:
        return mark_safe('<td class="heat empty">–</td>')
    digits = to_thai_digits if context.get("thai_digits") else str
    overdue = ""
    if cell.overdue:
        overdue = format_html(
            '<small class="overdue-mark">{} {}</small>', _("overdue"), digits(cell.overdue)
        )
    return format_html(
        '<td class="heat" style="--p: {}" title="{}/{}">{}/{}{}</td>',
        cell.percent,
        cell.approved,
        cell.total,
        digits(cell.approved),
        digits(cell.total),
        overdue,
    )
