"""What the portal shows the public, computed once for its pages and its open data."""

from django.db.models import Count, Q

from saisaat.budget.models import BudgetLine
from saisaat.documents.models import OfficialDocument
from saisaat.participation.models import JointActivity
from saisaat.surveys.models import Survey
from saisaat.surveys.results import min_public_responses
from saisaat.tracking.models import Assignment


def public_documents():
    """Issued announcements (ประกาศ) with their PDF that the office published on its portal:
    a notice to the public by nature. Orders (คำสั่ง) name staff and their duties; they
    stay with the office and those they were sent to."""
    return (
        OfficialDocument.objects.issued()
        .filter(kind=OfficialDocument.Kind.ANNOUNCEMENT, portal_published_at__isnull=False)
        .exclude(pdf="")
    )


def plan_progress(units, fiscal_year: int | None = None) -> list[dict]:
    """Per office and fiscal year (newest first), its current assignments and how many are
    approved, with the percent approved: one query. The portal's home shows the newest row
    of its own office; the open data lists every office below it too."""
    assignments = Assignment.objects.current().filter(unit__in=units)
    if fiscal_year is not None:
        assignments = assignments.filter(plan__fiscal_year=fiscal_year)
    rows = list(
        assignments.values("unit__code", "unit__name_th", "plan__fiscal_year")
        .annotate(
            total=Count("pk"), approved=Count("pk", filter=Q(status=Assignment.Status.APPROVED))
        )
        .order_by("-plan__fiscal_year", "unit__code")
    )
    for row in rows:
        row["percent"] = round(100 * row["approved"] / row["total"])
    return rows


def public_surveys(unit, fiscal_year: int | None = None):
    """The office's surveys whose results it published, with their response counts."""
    surveys = (
        Survey.objects.results_public()
        .filter(unit=unit)
        .with_response_counts()
        .filter(response_count__gte=min_public_responses())
    )
    if fiscal_year is not None:
        surveys = surveys.filter(fiscal_year=fiscal_year)
    return surveys.order_by("-fiscal_year", "title", "pk")


def public_budget_lines(unit, fiscal_year: int):
    """The office's own budget lines of the year: the lines whose monthly amounts its public
    budget page sums (``build_overview`` without the districts below it)."""
    return BudgetLine.objects.filter(unit=unit, fiscal_year=fiscal_year)


def public_joint_activities(unit, fiscal_year: int):
    """The office's activities with partners in the year, newest first, with the partner
    organisations' names and types (never a contact person or number)."""
    return (
        JointActivity.objects.filter(unit=unit, fiscal_year=fiscal_year)
        .prefetch_related("partners__partner_type")
        .order_by("-held_on", "pk")
    )
