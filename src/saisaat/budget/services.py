"""Every change to a budget goes through here, inside one transaction, with its audit entry.

Each line always has twelve ``MonthlyAmount`` rows, created with the line, so sums over
months need no outer joins and a missing month never reads as "not planned".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.budget.importer import ImportFileError, SignedImport, disbursed_state
from saisaat.budget.models import BudgetLine, MonthlyAmount
from saisaat.budget.money import CENT, ZERO
from saisaat.budget.months import FISCAL_MONTHS
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import require_editable, require_manager
from saisaat.plans.models import Activity

LINE_FIELDS = ("number", "name", "source", "activity", "work_group", "note")


def next_line_number(unit: Unit, fiscal_year: int) -> int:
    highest = BudgetLine.objects.filter(unit=unit, fiscal_year=fiscal_year).aggregate(
        highest=Max("number")
    )["highest"]
    return (highest or 0) + 1


def linkable_activities(unit: Unit, fiscal_year: int):
    """The plan activities a unit's line (or sub-plan) of the year may be linked to: those of
    its province's plan, less the ones another unit added for itself."""
    province = unit.province or unit
    return (
        Activity.objects.filter(
            measure__dimension__plan__owner_unit=province,
            measure__dimension__plan__fiscal_year=fiscal_year,
            is_active=True,
        )
        .filter(Q(added_by_unit__isnull=True) | Q(added_by_unit=unit))
        .select_related("measure__dimension")
    )


def check_activity_link(unit: Unit, fiscal_year: int, activity: Activity | None) -> None:
    """Refuse a plan activity that is not the unit's to link (see ``linkable_activities``)."""
    if (
        activity is not None
        and not linkable_activities(unit, fiscal_year).filter(pk=activity.pk).exists()
    ):
        raise ValidationError(_("Choose an activity of your office's plan for the year."))


def _twelve(amounts: Sequence[Decimal] | None) -> list[Decimal]:
    amounts = list(amounts or [])
    if len(amounts) not in (0, 12):
        raise ValueError("a budget line needs twelve monthly amounts")
    return [Decimal(a).quantize(CENT) for a in amounts] or [ZERO] * 12


@transaction.atomic
def create_line(
    unit: Unit,
    fiscal_year: int,
    *,
    acting_user: User | None,
    planned: Sequence[Decimal] | None = None,
    **fields,
) -> BudgetLine:
    """A new budget line with its twelve months (``planned`` in fiscal-month order)."""
    require_manager(acting_user, unit)
    check_activity_link(unit, fiscal_year, fields.get("activity"))
    fields.setdefault("number", next_line_number(unit, fiscal_year))
    line = BudgetLine(unit=unit, fiscal_year=fiscal_year, **fields)
    line.full_clean()
    line.save()
    MonthlyAmount.objects.bulk_create(
        [
            MonthlyAmount(line=line, month=month, planned=amount)
            for month, amount in zip(FISCAL_MONTHS, _twelve(planned), strict=True)
        ]
    )
    changes = audit.created(line, LINE_FIELDS)
    changes["planned"] = [None, [str(amount) for amount in _twelve(planned)]]
    audit.record(
        acting_user,
        "budget.line_created",
        line,
        changes=changes,
        unit=line.unit_id,
        fiscal_year=line.fiscal_year,
    )
    return line


@transaction.atomic
def update_line(
    line: BudgetLine,
    *,
    acting_user: User | None,
    planned: Sequence[Decimal] | None = None,
    **fields,
) -> BudgetLine:
    """Change a line's description and, when given, its planned amounts."""
    require_editable(acting_user, line)
    changed = [name for name in LINE_FIELDS if name in fields]
    if fields.get("activity") is not None and fields["activity"].pk != line.activity_id:
        check_activity_link(line.unit, line.fiscal_year, fields["activity"])
    before = audit.stored(line, LINE_FIELDS)
    after = dict(before)
    for name in changed:
        setattr(line, name, fields[name])
    if changed:
        line.full_clean()
        line.save(update_fields=[BudgetLine._meta.get_field(n).attname for n in changed])
    if planned is not None:
        months = {m.month: m for m in line.months.select_for_update()}
        old_planned = {m: MonthlyAmount(month=m, planned=row.planned) for m, row in months.items()}
        dirty = []
        for month, amount in zip(FISCAL_MONTHS, _twelve(planned), strict=True):
            row = months[month]
            if row.planned != amount:
                row.planned = amount
                dirty.append(row)
        if dirty:
            MonthlyAmount.objects.bulk_update(dirty, ["planned"])
        before["planned"] = {m: str(row.planned) for m, row in old_planned.items()}
        after["planned"] = {m: str(row.planned) for m, row in months.items()}
    after.update(audit.snapshot(line, LINE_FIELDS))
    changes = audit.diff(before, after)
    if changes:
        audit.record(
            acting_user,
            "budget.line_changed",
            line,
            changes=changes,
            unit=line.unit_id,
            fiscal_year=line.fiscal_year,
        )
    return line


@transaction.atomic
def delete_line(line: BudgetLine, *, acting_user: User | None) -> None:
    require_editable(acting_user, line)
    audit.record_deleted(acting_user, "budget.line_deleted", line, LINE_FIELDS)
    line.delete()


@transaction.atomic
def record_disbursements(
    unit: Unit,
    fiscal_year: int,
    amounts: Mapping[tuple[int, int], Decimal],
    *,
    acting_user: User | None,
    change_reason: str = "",
) -> int:
    """Set the disbursed amount of (line pk, month) pairs of ``unit``'s lines; returns how
    many months changed. A pair of another unit or year raises ``ValueError`` and nothing
    is written."""
    require_manager(acting_user, unit)
    rows = {
        (row.line_id, row.month): row
        for row in MonthlyAmount.objects.select_for_update().filter(
            line__unit=unit,
            line__fiscal_year=fiscal_year,
            line_id__in={line_id for line_id, _m in amounts},
        )
    }
    dirty, entries = [], []
    for key, amount in amounts.items():
        row = rows.get(key)
        if row is None:
            raise ValueError(f"no month {key[1]} of line {key[0]} in this unit and year")
        amount = Decimal(amount).quantize(CENT)
        if amount < 0:
            raise ValueError("a disbursed amount cannot be negative")
        if row.disbursed != amount:
            entries.append(
                dict(
                    actor=acting_user,
                    action="budget.disbursed",
                    obj=row,
                    changes={"disbursed": [row.disbursed, amount]},
                    reason=change_reason,
                    unit=unit,
                    fiscal_year=fiscal_year,
                    label=f"line {row.line_id} month {row.month}",
                )
            )
            row.disbursed = amount
            dirty.append(row)
    if dirty:
        MonthlyAmount.objects.bulk_update(dirty, ["disbursed"])
        audit.record_many(entries)
    return len(dirty)


@transaction.atomic
def import_disbursements(
    unit: Unit, fiscal_year: int, signed: SignedImport, *, acting_user: User
) -> int:
    """Write a confirmed import; refused, with nothing written, when the disbursements of the
    unit and year changed since the preview (someone edited the grid or replays the token)."""
    if disbursed_state(unit, fiscal_year, lock=True) != signed.state:
        raise ImportFileError(
            _(
                "The disbursements changed since the preview, so nothing was imported;"
                " upload the file again."
            )
        )
    return record_disbursements(
        unit, fiscal_year, signed.amounts, acting_user=acting_user, change_reason="import"
    )
