from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.core.downloads import XLSX_TYPE, download_response, stored_file_response
from saisaat.documents import exports, jobs, services
from saisaat.documents.forms import EvidenceBundleForm, MemoForm, QuarterForm
from saisaat.documents.kinds import KINDS, BadParameters
from saisaat.documents.models import Memo
from saisaat.jobs.services import TooManyJobs, start_job
from saisaat.orgs.access import get_unit_for_user
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import get_visible_or_404
from saisaat.plans import years
from saisaat.thai.calendar import fiscal_quarter, to_buddhist_year
from saisaat.tracking.access import can_edit

LIST_LIMIT = 50
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _issuing_unit(request) -> Unit:
    """Memos are issued by the user's own office; the evaluation committee issues none."""
    user = request.user
    if user.unit_id is None or not services.may_issue_memo(user, user.unit):
        raise PermissionDenied
    return user.unit


def _memos():
    return Memo.objects.select_related("unit", "assignment", "evidence")


@require_GET
@login_required
def memo_list(request):
    user = request.user
    memos = list(
        Memo.objects.visible_to(user)
        .select_related("unit", "created_by", "assignment__activity")
        .order_by("-created_at", "-pk")[:LIST_LIMIT]
    )
    today = timezone.localdate()
    unit = user.unit
    context = {"memos": memos, "unit": unit, "kinds": KINDS}
    if unit is not None and unit.kind == Unit.Kind.DEPARTMENT:
        # The department has no plan of its own: its reports and exports are a province's,
        # chosen first.
        provinces = list(Unit.objects.filter(kind=Unit.Kind.PROVINCE).order_by("code"))
        unit = next((p for p in provinces if p.code == request.GET.get("unit")), None)
        context.update({"provinces": provinces, "unit": unit})
    if unit is not None and user.role != User.Role.COMMITTEE:
        plan_years = years.visible_plan_years(user, unit)
        year = years.choose_year(request, plan_years, today)
        context.update(
            {
                "year": year,
                "years": plan_years,
                "quarter_form": QuarterForm(
                    initial={"year": year, "quarter": fiscal_quarter(today)}, years=plan_years
                ),
                "export_quarter_form": QuarterForm(
                    initial={"year": year, "quarter": fiscal_quarter(today)},
                    auto_id="export_%s",
                    years=plan_years,
                ),
                "dimensions": range(1, 6),
            }
        )
    return render(request, "documents/memo_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def memo_new(request, kind: str):
    if kind not in KINDS:
        raise Http404
    unit = _issuing_unit(request)
    memo_kind = KINDS[kind]
    try:
        draft = memo_kind.build(request, request.GET)
    except BadParameters as error:
        return render(
            request,
            "documents/memo_bad_request.html",
            {"kind": memo_kind, "parameter": str(error)},
            status=400,
        )
    user = request.user
    today = timezone.localdate()
    proposed = services.propose_number(unit, to_buddhist_year(today.year))
    if request.method == "POST":
        form = MemoForm(request.POST)
        if form.is_valid():
            try:
                memo = services.create_memo(
                    unit=unit,
                    kind=kind,
                    fields=form.memo_fields(),
                    acting_user=user,
                    proposed_number=form.cleaned_data["proposed_number"],
                    parameters=draft.parameters,
                    assignment=draft.assignment,
                )
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(
                    request, _("Memo %(number)s was generated.") % {"number": memo.number}
                )
                return redirect(memo)
    else:
        name, position = services.signer_of(user)
        form = MemoForm(
            initial={
                "number": proposed,
                "proposed_number": proposed,
                "date": today,
                "office": services.default_office(user, unit),
                "subject": draft.subject,
                "recipient": services.default_recipient(unit),
                "body": "\n\n".join(draft.paragraphs),
                "signer_name": name,
                "signer_position": position,
                "thai_digits": True,
            }
        )
    return render(
        request,
        "documents/memo_form.html",
        {"form": form, "kind": memo_kind, "draft": draft, "unit": unit},
    )


@require_GET
@login_required
def memo_detail(request, pk: int):
    memo = get_visible_or_404(request, _memos(), pk=pk)
    can_attach = (
        memo.assignment is not None
        and memo.evidence_id is None
        and can_edit(request.user, memo.assignment)
    )
    return render(
        request,
        "documents/memo_detail.html",
        {"memo": memo, "kind": KINDS.get(memo.kind), "can_attach": can_attach},
    )


@require_GET
@login_required
def memo_file(request, pk: int, fmt: str):
    memo = get_visible_or_404(request, _memos(), pk=pk)
    stored = {"pdf": memo.pdf, "docx": memo.docx}.get(fmt)
    if not stored:
        raise Http404
    return stored_file_response(
        stored,
        filename=f"memo-{memo.unit.code}-{memo.year}-{memo.running_number or memo.pk}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )


@require_POST
@login_required
def memo_attach(request, pk: int):
    memo = get_visible_or_404(request, _memos(), pk=pk)
    if memo.assignment is None or not can_edit(request.user, memo.assignment):
        raise PermissionDenied
    try:
        services.attach_memo_as_evidence(memo, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(memo)
    messages.success(request, _("The memo was added to the evidence of the activity."))
    return redirect(memo.assignment)


def _plan_or_404(unit: Unit, request):
    plan = years.plan_for(unit, years.choose_year(request, years.plan_years(unit)))
    if plan is None:
        raise Http404
    return plan


def _units_of(unit: Unit, plan) -> list[Unit]:
    return exports.plan_units(plan) if unit.kind == Unit.Kind.PROVINCE else [unit]


@require_GET
@login_required
def plan_status_export(request, code: str):
    unit = get_unit_for_user(request, code)
    plan = _plan_or_404(unit, request)
    data = exports.plan_status_xlsx(plan, _units_of(unit, plan))
    return download_response(
        data, filename=f"plan-status-{unit.code}-{plan.fiscal_year}.xlsx", content_type=XLSX_TYPE
    )


def _start(request, kind: str, *, title: str, parameters: dict):
    """Start the job, or go to the same one already waiting or running; 429 when the user
    has too many jobs waiting or running."""
    try:
        job = start_job(kind, title=title, parameters=parameters, acting_user=request.user)
    except TooManyJobs as error:
        return HttpResponse(str(error), status=429)
    return redirect(job)


@require_POST
@login_required
def evidence_bundle(request, code: str):
    """Start the job that bundles the evidence of one unit (with ``all`` on a province, of
    all its units) for one dimension, or every dimension when ``dimension`` is 0; the user
    is taken to the job's page, which offers the ZIP when it is ready."""
    unit = get_unit_for_user(request, code)
    form = EvidenceBundleForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose a dimension (or all of them)."), status=400)
    today = timezone.localdate()
    year = years.chosen_year(str(form.cleaned_data["year"] or ""), years.plan_years(unit), today)
    plan = years.plan_for(unit, year)
    dimension = form.cleaned_data["dimension"]
    if plan is None or (dimension and not plan.dimensions.filter(number=dimension).exists()):
        raise Http404
    every_unit = form.cleaned_data["all"] and unit.kind == Unit.Kind.PROVINCE
    title = _("Evidence bundle of %(unit)s, fiscal year %(year)s") % {
        "unit": _("every unit of %(unit)s") % {"unit": unit.name_th}
        if every_unit
        else unit.name_th,
        "year": plan.fiscal_year,
    }
    title += " · " + (
        _("dimension %(number)s") % {"number": dimension} if dimension else _("every dimension")
    )
    return _start(
        request,
        jobs.EVIDENCE_BUNDLE,
        title=title,
        parameters={
            "unit": unit.code,
            "plan": plan.pk,
            "dimension": dimension or None,
            "all": every_unit,
        },
    )


@require_POST
@login_required
def quarterly_export(request, code: str):
    """Start the job that writes the quarterly report of a unit (of a province: with every
    district) as a workbook."""
    unit = get_unit_for_user(request, code)
    form = QuarterForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose a fiscal year and a quarter (1-4)."), status=400)
    year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    if years.plan_for(unit, year) is None:
        raise Http404
    return _start(
        request,
        jobs.QUARTERLY_XLSX,
        title=_("Quarterly report of %(unit)s, quarter %(quarter)s of fiscal year %(year)s")
        % {"unit": unit.name_th, "quarter": quarter, "year": year},
        parameters={"unit": unit.code, "year": year, "quarter": quarter},
    )
