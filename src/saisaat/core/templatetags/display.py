from datetime import date, datetime

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.html import format_html
from django.utils.translation import gettext as _

from saisaat.thai.calendar import format_thai_date
from saisaat.thai.digits import to_thai_digits

register = template.Library()


@register.simple_tag(takes_context=True)
def show_value(context, value, length: int = 80) -> str:
    """Any stored value as a reader expects it: Thai dates, yes/no, the chosen digits."""
    thai_digits = bool(context.get("thai_digits"))
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date | datetime):
        return format_thai_date(value, abbreviated=True, thai_digits=thai_digits)
    text = truncatechars(str(value), length)
    return to_thai_digits(text) if thai_digits and isinstance(value, int) else text


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The page's own query string with some parameters replaced: a link that changes
    the year keeps the page's other choices (scope, window, filters)."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        query[name] = value
    return "?" + query.urlencode()


@register.filter
def office_name(unit) -> str:
    """An office's short name for a narrow column header: it may wrap after the "สพอ."
    prefix but never inside the place name, which a Thai word breaker would split
    (สระใคร is สระ + ใคร)."""
    name = unit.short_name_th or unit.name_th
    prefix, dot, place = name.partition(".")
    if dot and place:
        return format_html('{}.<wbr><span class="nobreak">{}</span>', prefix, place)
    return format_html('<span class="nobreak">{}</span>', name)


@register.filter
def change_reason(reason: str) -> str:
    """A logged reason as a reader reads it: the importers record "import <file>" (kept
    as written in the hash-chained log), shown in the reader's language."""
    if reason == "import":
        return _("imported from a file")
    if reason.startswith("import "):
        return _("imported from %(file)s") % {"file": reason.removeprefix("import ")}
    return reason


def _anchor(field) -> str:
    """The id a summary link leads to: the field's input, or the first choice of a group
    of radio buttons or checkboxes (which has no single input)."""
    if field.id_for_label:
        return field.id_for_label
    if field.auto_id and getattr(field.field.widget, "input_type", "") in ("radio", "checkbox"):
        return f"{field.auto_id}_0"
    return field.auto_id or ""


@register.inclusion_tag("_error_summary.html")
def error_summary(*forms, heading: str = ""):
    """At the top of a form shown again with errors: what is wrong with the whole form and
    a link to each invalid field (the site's script focuses the first). Takes forms and
    formsets; one that is missing or was not sent adds nothing. Every form of the app that
    can come back with errors starts with it. ``heading="signin"`` heads a sign-in form's
    summary "Not signed in" instead of "Not saved"."""
    general, fields = [], []
    for form in forms:
        if form is None or not getattr(form, "is_bound", False):
            continue
        if hasattr(form, "non_form_errors"):  # a formset
            general.extend(form.non_form_errors())
            members = form.forms
        else:
            members = [form]
        for member in members:
            if not member.errors:
                continue
            general.extend(member.non_field_errors())
            for field in member:
                if not field.errors:
                    continue
                if field.is_hidden:
                    general.extend(field.errors)
                else:
                    fields.append((_anchor(field), field.label, field.errors))
    return {
        "summary": True,
        "general": general,
        "fields": fields,
        "signing_in": heading == "signin",
    }
