from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.audit import history
from saisaat.budget import importer, reports, services
from saisaat.budget.forms import BudgetLineForm, DisbursementGridForm, ImportForm
from saisaat.budget.models import BudgetLine
from saisaat.budget.months import FISCAL_MONTHS, month_label
from saisaat.budget.summary import (
    budget_years,
    build_overview,
    lines_with_totals,
    month_grid,
    scope_units,
)
from saisaat.core.downloads import XLSX_TYPE, download_response
from saisaat.orgs.access import can_manage, get_unit_for_user
from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404, may_edit
from saisaat.plans.years import picked_year, rolls_up
from saisaat.thai.numbers import is_number

XLSX = XLSX_TYPE
# The latest changes a line's page shows; the audit log has them all.
HISTORY_ROWS = 20


def _picked_year(request, units=None) -> tuple[list[int], int]:
    """The years with a budget for ``units`` (with the year shown) and the year a budget page
    shows: one asked for even without a budget yet (to start one); otherwise, among the
    years with a budget, the one chosen earlier in the session or the default. With no
    budget yet, or no ``units`` (a new line), the year chosen earlier is as good as any."""
    years = [] if units is None else budget_years(units)
    return picked_year(request, years, show_unknown="asked" if years else "chosen")


def _as_of(request) -> int | None:
    requested = request.GET.get("month", "")
    return int(requested) if is_number(requested) and 1 <= int(requested) <= 12 else None


def _overview_url(unit: Unit, year: int) -> str:
    return f"{reverse('budget:overview', args=[unit.code])}?year={year}"


def _lines():
    return BudgetLine.objects.select_related("unit", "activity", "work_group")


@require_GET
@login_required
def overview(request, code: str):
    unit = get_unit_for_user(request, code)
    rolled_up = rolls_up(unit, request.GET.get("scope"))
    units = scope_units(unit, rolled_up=rolled_up)
    years, year = _picked_year(request, units)
    result = build_overview(unit, year, rolled_up=rolled_up, as_of=_as_of(request))
    return render(
        request,
        "budget/overview.html",
        {
            "unit": unit,
            "year": year,
            "years": years,
            "overview": result,
            "chart": reports.chart_svg(result),
            "lines": lines_with_totals(Unit.objects.filter(pk=unit.pk), year),
            "can_manage": can_manage(request.user, unit),
            "months": [(m, month_label(m)) for m in FISCAL_MONTHS],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def line_add(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    year = _picked_year(request)[1]
    form = BudgetLineForm(
        request.POST or None,
        unit=unit,
        fiscal_year=year,
        initial={"number": services.next_line_number(unit, year)},
    )
    if request.method == "POST" and form.is_valid():
        line = services.create_line(
            unit, year, acting_user=request.user, planned=form.planned(), **form.line_fields()
        )
        messages.success(request, _("The budget line was added."))
        return redirect(line)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "budget/line_form.html",
        {"unit": unit, "year": year, "form": form, "line": None},
        status=status,
    )


@require_GET
@login_required
def line_detail(request, pk: int):
    line = get_visible_or_404(request, _lines(), pk=pk)
    months = list(line.months.order_by("month"))
    planned = sum((m.planned for m in months), 0)
    disbursed = sum((m.disbursed for m in months), 0)
    return render(
        request,
        "budget/line_detail.html",
        {
            "line": line,
            "unit": line.unit,
            "year": line.fiscal_year,
            "months": [(m, month_label(m.month)) for m in months],
            "planned": planned,
            "disbursed": disbursed,
            "can_manage": may_edit(request.user, line),
            "history": history.rows(history.entries_for(line, line.months.all())[:HISTORY_ROWS]),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def line_edit(request, pk: int):
    line = get_editable_or_403(request, _lines(), pk=pk)
    form = BudgetLineForm(
        request.POST or None, instance=line, unit=line.unit, fiscal_year=line.fiscal_year
    )
    if request.method == "POST" and form.is_valid():
        services.update_line(
            line, acting_user=request.user, planned=form.planned(), **form.line_fields()
        )
        messages.success(request, _("The budget line was saved."))
        return redirect(line)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "budget/line_form.html",
        {"unit": line.unit, "year": line.fiscal_year, "form": form, "line": line},
        status=status,
    )


@require_POST
@login_required
def line_delete(request, pk: int):
    line = get_editable_or_403(request, _lines(), pk=pk)
    unit, year = line.unit, line.fiscal_year
    services.delete_line(line, acting_user=request.user)
    messages.success(request, _("The budget line was deleted."))
    return redirect(_overview_url(unit, year))


@require_http_methods(["GET", "POST"])
@login_required
def disbursements(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    year = _picked_year(request, Unit.objects.filter(pk=unit.pk))[1]
    lines = lines_with_totals(Unit.objects.filter(pk=unit.pk), year)
    form = DisbursementGridForm(request.POST or None, lines=lines, grid=month_grid(lines))
    if request.method == "POST" and form.is_valid():
        changed = services.record_disbursements(
            unit, year, form.amounts(), acting_user=request.user
        )
        messages.success(
            request, _("Disbursements saved: %(count)s months changed.") % {"count": changed}
        )
        return redirect(_overview_url(unit, year))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "budget/disbursements.html",
        {
            "unit": unit,
            "year": year,
            "form": form,
            "months": [(m, month_label(m)) for m in FISCAL_MONTHS],
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def import_disbursements(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    year = _picked_year(request, Unit.objects.filter(pk=unit.pk))[1]
    context = {
        "unit": unit,
        "year": year,
        "form": ImportForm(),
        "max_mb": importer.MAX_IMPORT_BYTES // 2**20,
    }
    if request.method == "GET":
        return render(request, "budget/import.html", context)

    if "token" in request.POST:
        try:
            signed = importer.load_signed(request.POST["token"], unit, year, request.user)
            services.import_disbursements(unit, year, signed, acting_user=request.user)
        except (importer.ImportFileError, ValueError) as error:
            context["file_error"] = (
                str(error)
                if isinstance(error, importer.ImportFileError)
                else _("The budget lines changed since the preview; upload the file again.")
            )
            return render(request, "budget/import.html", context, status=400)
        messages.success(request, _("The disbursements were imported."))
        return redirect(_overview_url(unit, year))

    form = ImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "budget/import.html", context, status=400)
    upload = form.cleaned_data["file"]
    if upload.size > importer.MAX_IMPORT_BYTES:
        context["file_error"] = _("The file is too large to import.")
        return render(request, "budget/import.html", context, status=400)
    preview = importer.preview_import(unit, year, upload.read())
    context["preview"] = preview
    if preview.is_clean:
        context["token"] = importer.sign_preview(unit, year, preview, request.user)
    context["months"] = [(m, month_label(m)) for m in FISCAL_MONTHS]
    return render(request, "budget/import.html", context, status=200 if preview.is_clean else 400)


@require_GET
@login_required
def import_template(request, code: str):
    unit = get_unit_for_user(request, code)
    year = _picked_year(request, Unit.objects.filter(pk=unit.pk))[1]
    lines = lines_with_totals(Unit.objects.filter(pk=unit.pk), year)
    data = importer.template_workbook(unit, year, lines, month_grid(lines))
    return _download(data, XLSX, f"budget-{unit.code}-{year}-disbursement.xlsx")


def _report_data(request, code: str):
    unit = get_unit_for_user(request, code)
    rolled_up = rolls_up(unit, request.GET.get("scope"))
    year = _picked_year(request, scope_units(unit, rolled_up=rolled_up))[1]
    result = build_overview(unit, year, rolled_up=rolled_up, as_of=_as_of(request))
    return unit, year, result, lines_with_totals(scope_units(unit, rolled_up=rolled_up), year)


@require_GET
@login_required
def report_xlsx(request, code: str):
    unit, year, result, lines = _report_data(request, code)
    return _download(reports.report_xlsx(result, lines), XLSX, f"budget-{unit.code}-{year}.xlsx")


@require_GET
@login_required
def report_pdf(request, code: str):
    unit, year, result, lines = _report_data(request, code)
    return _download(
        reports.report_pdf(result, lines), "application/pdf", f"budget-{unit.code}-{year}.pdf"
    )


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    return download_response(data, filename=filename, content_type=content_type)
