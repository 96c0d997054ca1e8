"""The demo budgets: a year's plan and nine months of disbursement for each office."""

from __future__ import annotations

import random
from decimal import ROUND_DOWN, Decimal

from django.db import transaction

from saisaat.budget.models import BudgetLine, BudgetSource, MonthlyAmount
from saisaat.budget.money import CENT, ZERO
from saisaat.budget.months import FISCAL_MONTHS
from saisaat.orgs.models import Unit, WorkGroup
from saisaat.plans.models import Activity

_DEMO_LINES = (
    ("โครงการส่งเสริมองค์กรคุณธรรมและความโปร่งใส", BudgetSource.OPERATING, "promotion"),
    ("ค่าใช้จ่ายในการเดินทางไปราชการ", BudgetSource.OPERATING, "coordination"),
    ("ค่าวัสดุสำนักงานและวัสดุคอมพิวเตอร์", BudgetSource.OPERATING, "coordination"),
    ("ค่าสาธารณูปโภค (ไฟฟ้า น้ำประปา โทรศัพท์)", BudgetSource.OPERATING, "coordination"),
    ("โครงการขับเคลื่อนหมู่บ้านเศรษฐกิจพอเพียง", BudgetSource.OPERATING, "strategy"),
    ("โครงการพัฒนาศักยภาพผู้นำชุมชน", BudgetSource.OPERATING, "promotion"),
    ("เงินอุดหนุนกลุ่มอาชีพผลิตภัณฑ์ OTOP", BudgetSource.SUBSIDY, "promotion"),
    ("โครงการจัดเก็บข้อมูล จปฐ. และ กชช. 2ค", BudgetSource.OTHER, "informatics"),
)
# Share of the year's plan in each quarter, in percent: front-loaded the way the
# government's targets are (cumulative 32, 56, 80, 100).
_DEMO_QUARTER_SHARES = (32, 24, 24, 20)
_DEMO_MONTHS_DISBURSED = 9


def _demo_plan(allocation: Decimal) -> list[Decimal]:
    months = []
    for share in _DEMO_QUARTER_SHARES:
        per_month = (allocation * share / 100 / 3).quantize(Decimal(1), rounding=ROUND_DOWN)
        months.extend([per_month] * 3)
    months[-1] += allocation - sum(months)
    return [m.quantize(CENT) for m in months]


def seed_budget_demo(province: Unit, fiscal_year: int) -> dict:
    """Spending plans for ``province`` and each of its districts: 3-6 lines of 15,000 to
    120,000 baht, disbursed through June (month 9), one district lagging behind the
    target. Running it again leaves the same data."""
    units = [province, *Unit.objects.filter(parent=province, kind=Unit.Kind.DISTRICT)]
    districts = units[1:]
    lagging = districts[1] if len(districts) > 1 else (districts[0] if districts else None)
    groups = {g.function: g for g in WorkGroup.objects.filter(unit=province)}
    activity = (
        Activity.objects.filter(
            measure__dimension__plan__owner_unit=province,
            measure__dimension__plan__fiscal_year=fiscal_year,
            is_active=True,
        )
        .order_by("measure__dimension__number", "measure__number", "position")
        .first()
    )
    lines = 0
    with transaction.atomic():
        for unit in units:
            rng = random.Random(f"saisaat-budget-{unit.code}-{fiscal_year}")
            chosen = [_DEMO_LINES[0], *rng.sample(_DEMO_LINES[1:], rng.randint(2, 5))]
            BudgetLine.objects.filter(unit=unit, fiscal_year=fiscal_year).exclude(
                number__lte=len(chosen)
            ).delete()
            for number, (name, source, function) in enumerate(chosen, start=1):
                allocation = Decimal(rng.randrange(150, 1201) * 100)
                planned = _demo_plan(allocation)
                pace = (0.45, 0.65) if unit == lagging else (0.96, 1.02)
                disbursed = []
                for month in FISCAL_MONTHS:
                    if month > _DEMO_MONTHS_DISBURSED:
                        disbursed.append(ZERO)
                        continue
                    factor = Decimal(str(round(rng.uniform(*pace), 4)))
                    disbursed.append((planned[month - 1] * factor).quantize(CENT))
                line, _created = BudgetLine.objects.update_or_create(
                    unit=unit,
                    fiscal_year=fiscal_year,
                    number=number,
                    defaults={
                        "name": name,
                        "source": source,
                        "work_group": groups.get(function) if unit == province else None,
                        "activity": activity if number == 1 else None,
                    },
                )
                for month in FISCAL_MONTHS:
                    MonthlyAmount.objects.update_or_create(
                        line=line,
                        month=month,
                        defaults={
                            "planned": planned[month - 1],
                            "disbursed": disbursed[month - 1],
                        },
                    )
                lines += 1
    return {
        "units": len(units),
        "lines": lines,
        "lagging_unit": lagging.code if lagging else None,
        "months_disbursed": _DEMO_MONTHS_DISBURSED,
    }
