"""Progress figures computed in the database: a fixed number of queries whatever the
number of units, assignments or evidence items."""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from saisaat.orgs.models import Unit
from saisaat.plans.models import Plan
from saisaat.tracking.models import Assignment, outstanding_on, overdue_on

APPROVED = Assignment.Status.APPROVED
LIST_LIMIT = 20


@dataclass
class Cell:
    approved: int = 0
    total: int = 0
    overdue: int = 0

    def add(self, other: "Cell") -> None:
        self.approved += other.approved
        self.total += other.total
        self.overdue += other.overdue

    @property
    def percent(self) -> int | None:
        return round(100 * self.approved / self.total) if self.total else None


@dataclass
class Row:
    number: int
    title: str
    cells: list[Cell] = field(default_factory=list)
    total: Cell = field(default_factory=Cell)


def month_bounds(today: date) -> tuple[date, date]:
    return today.replace(day=1), today.replace(day=monthrange(today.year, today.month)[1])


def progress_counts(queryset, today: date, group_by: list[str]):
    first_day, last_day = month_bounds(today)
    # What waits for review is no longer owed by the office (shown apart as "waiting").
    open_work = outstanding_on(today)
    return queryset.values(*group_by).annotate(
        total=Count("pk"),
        approved=Count("pk", filter=Q(status=APPROVED)),
        overdue=Count("pk", filter=overdue_on(today)),
        waiting=Count("pk", filter=Q(status=Assignment.Status.SUBMITTED)),
        due_this_month=Count("pk", filter=open_work & Q(due_date__range=(first_day, last_day))),
    )


def matrix(columns, column_key, dimension_titles, counts):
    cells = {(row["dimension_number"], row[column_key]): row for row in counts}
    rows, totals = [], [Cell() for _ in columns]
    grand = Cell()
    numbers = sorted({number for number, _ in cells} | set(dimension_titles))
    for number in numbers:
        row = Row(number=number, title=dimension_titles.get(number, ""))
        for index, column in enumerate(columns):
            found = cells.get((number, column.pk))
            cell = Cell(found["approved"], found["total"], found["overdue"]) if found else Cell()
            row.cells.append(cell)
            row.total.add(cell)
            totals[index].add(cell)
        grand.add(row.total)
        rows.append(row)
    return rows, totals, grand


def province_dashboard(plan: Plan, today: date) -> dict:
    province = plan.owner_unit
    units = [province, *province.children.filter(kind=Unit.Kind.DISTRICT).order_by("code")]
    titles = dict(plan.dimensions.order_by("number").values_list("number", "title"))
    assignments = Assignment.objects.current().filter(plan=plan)
    counts = list(progress_counts(assignments, today, ["dimension_number", "unit_id"]))
    rows, totals, grand = matrix(units, "unit_id", titles, counts)
    first_day, last_day = month_bounds(today)
    listing = (
        assignments.filter(outstanding_on(today))
        .select_related("activity", "unit")
        .order_by("due_date", "unit__code")
    )
    return {
        "units": units,
        "rows": rows,
        "unit_totals": totals,
        "grand": grand,
        "due_this_month_count": sum(row["due_this_month"] for row in counts),
        "waiting_count": sum(row["waiting"] for row in counts),
        "due_this_month": list(listing.filter(due_date__range=(first_day, last_day))[:LIST_LIMIT]),
        "overdue_count": grand.overdue,
        "overdue": list(listing.filter(overdue_on(today))[:LIST_LIMIT]),
        "month": first_day,
    }


def department_rollup(fiscal_year: int, today: date) -> dict:
    provinces = list(Unit.objects.provinces().order_by("code"))
    assignments = Assignment.objects.current().filter(plan__fiscal_year=fiscal_year)
    counts = list(progress_counts(assignments, today, ["dimension_number", "province_id"]))
    sample_plan = Plan.objects.filter(fiscal_year=fiscal_year).order_by("owner_unit__code").first()
    titles = (
        dict(sample_plan.dimensions.order_by("number").values_list("number", "title"))
        if sample_plan
        else {}
    )
    rows, totals, grand = matrix(provinces, "province_id", titles, counts)
    # Seventy-six provinces read better down the page, so the table is turned around.
    by_province = [
        (province, [row.cells[index] for row in rows], totals[index])
        for index, province in enumerate(provinces)
    ]
    return {
        "provinces": provinces,
        "rows": rows,
        "by_province": by_province,
        "province_totals": totals,
        "grand": grand,
        "due_this_month_count": sum(row["due_this_month"] for row in counts),
        "waiting_count": sum(row["waiting"] for row in counts),
    }
