"""The knowledge test's pages: a person's open tests and their attempt; the office's tests,
question bank and results for its managers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from saisaat.core.spreadsheets import SpreadsheetError
from saisaat.knowledge import importer, results, services
from saisaat.knowledge.forms import QuestionImportForm, TestForm
from saisaat.knowledge.metrics import KNOWLEDGE_TEST_PASSED, PASS_RATE_TARGET
from saisaat.knowledge.models import Attempt, Question, Test
from saisaat.orgs.access import get_unit_for_user, staff_member_of
from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import get_visible_or_404, oversees
from saisaat.plans.metrics import scope_for
from saisaat.plans.years import picked_year, visible_plan_years
from saisaat.thai.calendar import fiscal_year
from saisaat.thai.digits import to_arabic_digits
from saisaat.thai.numbers import is_number


def _refused(request, message: str, status: int):
    return render(request, "knowledge/refused.html", {"message": message}, status=status)


def _managed_unit(request, code: str) -> Unit:
    """The office, for those who manage it or an office above it (404 for an office one
    may not see, 403 for one seen but not managed)."""
    unit = get_unit_for_user(request, code)
    if not oversees(request.user, unit):
        raise PermissionDenied
    return unit


@require_http_methods(["GET"])
@login_required
def my_tests(request):
    staff = staff_member_of(request.user)
    today = timezone.localdate()
    tests, attempts = [], {}
    if staff is not None:
        tests = list(
            Test.objects.visible_to(request.user)
            .filter(unit_id=staff.unit_id, opens_on__lte=today)
            .order_by("-opens_on", "-pk")
        )
        attempts = {
            attempt.test_id: attempt
            for attempt in Attempt.objects.visible_to(request.user).filter(staff=staff)
        }
    rows = [(test, attempts.get(test.pk), test.is_open(today)) for test in tests]
    unit = request.user.unit
    context = {
        "staff": staff,
        "rows": rows,
        "managed_unit": unit if unit is not None and oversees(request.user, unit) else None,
    }
    return render(request, "knowledge/my_tests.html", context)


@require_POST
@login_required
def test_start(request, pk: int):
    test = get_visible_or_404(request, Test.objects.select_related("unit"), pk=pk)
    try:
        attempt = services.start_attempt(test, acting_user=request.user)
    except services.AttemptConflict as error:
        return _refused(request, str(error), 409)
    return redirect("knowledge:attempt", pk=attempt.pk)


def _answers(request, attempt) -> dict[int, int]:
    """The choices posted as ``q<question id>``; anything else is ignored, a value that is
    no number is no answer."""
    answers = {}
    for question_id in attempt.question_ids:
        value = to_arabic_digits(request.POST.get(f"q{question_id}", "").strip())
        if is_number(value, max_digits=2):
            answers[question_id] = int(value)
    return answers


@require_http_methods(["GET", "POST"])
@login_required
def attempt(request, pk: int):
    # A person's attempt is theirs alone: nobody else, their managers included, opens it.
    attempt = get_visible_or_404(
        request, Attempt.objects.filter(user=request.user).select_related("test__unit"), pk=pk
    )
    error, status = "", 200
    if request.method == "POST":
        answers = _answers(request, attempt)
        try:
            services.submit_attempt(attempt, answers, acting_user=request.user)
        except services.AttemptConflict as conflict:
            return _refused(request, str(conflict), 409)
        except services.KnowledgeError as refusal:
            error, status = str(refusal), 400
            attempt.answers = {str(k): v for k, v in answers.items()}
        else:
            messages.success(request, _("Your answers were submitted."))
            return redirect("knowledge:attempt", pk=attempt.pk)
    context = {
        "attempt": attempt,
        "test": attempt.test,
        "questions": [] if attempt.is_submitted else services.questions_for(attempt),
        "is_open": attempt.test.is_open(),
        "error": error,
    }
    return render(request, "knowledge/attempt.html", context, status=status)


def _year(request, unit: Unit) -> tuple[int, list[int]]:
    """The year the office's results show and the years to offer: those with a plan the
    user sees or with tests, and the current one (to run this year's tests). A year asked
    for is shown even without either; one remembered from other pages only when it has."""
    tests = Test.objects.visible_to(request.user).filter(unit__in=Unit.objects.within(unit))
    known = sorted(
        {*visible_plan_years(request.user, unit), *tests.values_list("fiscal_year", flat=True)},
        reverse=True,
    )
    years, year = picked_year(request, known, show_unknown="asked")
    return year, sorted({*years, fiscal_year(timezone.localdate())}, reverse=True)


@require_http_methods(["GET"])
@login_required
def office(request, code: str):
    unit = _managed_unit(request, code)
    year, years = _year(request, unit)
    offices = list(Unit.objects.within(unit).order_by("code"))
    tests = (
        Test.objects.visible_to(request.user)
        .filter(unit__in=offices, fiscal_year=year)
        .select_related("unit")
        .annotate(
            sat=Count("attempts", filter=Q(attempts__submitted_at__isnull=False)),
            passed=Count("attempts", filter=Q(attempts__passed=True)),
        )
        .order_by("unit__code", "opens_on", "pk")
    )
    scope = scope_for(unit, year, rolled_up=True)
    kpi = KNOWLEDGE_TEST_PASSED.measure(scope)
    context = {
        "unit": unit,
        "year": year,
        "years": years,
        "tests": tests,
        "offices": results.office_results(offices, year),
        "people": results.person_results(offices, year),
        "kpi": kpi.total,
        "kpi_offices": [(o, kpi.offices[o.pk]) for o in offices],
        "target": PASS_RATE_TARGET,
        "show_unit": len(offices) > 1,
        # The list behind the KPI comes from the metric's own definition.
        **KNOWLEDGE_TEST_PASSED.records(scope),
    }
    return render(request, "knowledge/office.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def test_create(request, code: str):
    unit = _managed_unit(request, code)
    form = TestForm(
        request.POST or None,
        initial={"fiscal_year": fiscal_year(timezone.localdate()), "pass_percent": 80},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.create_test(unit, acting_user=request.user, **form.cleaned_data)
            except services.KnowledgeError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The test was created."))
                return redirect("knowledge:office", code=unit.code)
    available = services.question_pool(unit).count()
    return render(
        request,
        "knowledge/test_form.html",
        {"unit": unit, "form": form, "available": available},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def questions(request, code: str):
    unit = _managed_unit(request, code)
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    errors, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > importer.MAX_IMPORT_BYTES:
                    raise SpreadsheetError(_("The file is larger than 2 MB."))
                parsed = importer.parse_questions(upload.read())
            except SpreadsheetError as error:
                form.add_error("file", str(error))
            else:
                errors = parsed.errors
                if not errors:
                    added = services.add_questions(unit, parsed.questions, acting_user=request.user)
                    messages.success(
                        request,
                        _("%(count)s questions were added to the bank.") % {"count": len(added)},
                    )
                    return redirect("knowledge:questions", code=unit.code)
    bank = Question.objects.visible_to(request.user).filter(unit=unit).order_by("topic", "pk")
    context = {
        "unit": unit,
        "form": form,
        "errors": errors,
        "bank": bank,
        "headers": importer.HEADERS,
        "key_hidden": services.key_hidden_from(request.user, unit),
    }
    return render(request, "knowledge/questions.html", context, status=status)


@require_POST
@login_required
def question_active(request, pk: int):
    question = get_visible_or_404(request, Question.objects.select_related("unit"), pk=pk)
    if not oversees(request.user, question.unit):
        raise PermissionDenied
    services.set_question_active(
        question, request.POST.get("active") == "1", acting_user=request.user
    )
    return redirect("knowledge:questions", code=question.unit.code)
