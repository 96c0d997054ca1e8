"""Indicators a project states outside the plan's tables, measured by a live metric.

The OSMKH project (โครงการ พช.หนองคาย มุ่งสู่องค์กรคุณธรรม นำความรู้ สู่ความสุข) states
KPI 9.1 in its own document, not as an activity of the plan, so no plan target carries it:
it is declared here, with its threshold, and judged per office like a plan target (each
office on its own staff; met only when every office meets it).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from saisaat.indicators.engine import FULL, PARTIAL, STATUS_LABELS, grade, implementing_offices
from saisaat.indicators.metrics import METRICS
from saisaat.orgs.models import Unit
from saisaat.plans.metrics import Metric, MetricValue, Scope


@dataclass(frozen=True)
class ProjectIndicator:
    key: str
    number: str
    project: str
    text: str
    metric_key: str
    minimum: Decimal

    @property
    def metric(self) -> Metric:
        return METRICS[self.metric_key]


PROJECT_INDICATORS = [
    ProjectIndicator(
        key="osmkh-9.1",
        number="9.1",
        project="โครงการ พช.หนองคาย มุ่งสู่องค์กรคุณธรรม นำความรู้ สู่ความสุข",
        text=(
            "ร้อยละ ๘๐ ของบุคลากรในสังกัดมีความรู้ความเข้าใจในระเบียบ ข้อกฎหมายและวิธีปฏิบัติ"
            "อย่างเป็นระบบและสามารถปฏิบัติงานด้วยความโปร่งใส ตรวจสอบได้"
        ),
        metric_key="knowledge_test_passed",
        minimum=Decimal(80),
    ),
]


@dataclass
class ProjectResult:
    indicator: ProjectIndicator
    scope: Scope
    value: MetricValue
    grade: int
    offices: list[tuple[Unit, MetricValue, int]]

    @property
    def metric(self) -> Metric:
        return self.indicator.metric

    @property
    def status(self) -> str:
        return {FULL: "met", PARTIAL: "partly"}.get(self.grade, "not_met")

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.grade])

    def as_dict(self) -> dict:
        return {
            "key": self.indicator.key,
            "project": self.indicator.project,
            "target": self.indicator.text,
            "kind": "percent",
            "threshold": float(self.indicator.minimum),
            "metric": self.indicator.metric_key,
            "value": float(self.value.value),
            "numerator": self.value.numerator,
            "denominator": self.value.denominator,
            "grade": self.grade,
            "status": self.status,
            "met": self.grade == FULL,
            "offices": [
                {
                    "unit": office.code,
                    "name": office.name_th,
                    "value": float(value.value),
                    "numerator": value.numerator,
                    "denominator": value.denominator,
                    "grade": points,
                    "met": points == FULL,
                }
                for office, value, points in self.offices
            ],
        }


def evaluate_project(
    unit: Unit, fiscal_year: int, *, rolled_up: bool, as_of: date | None = None
) -> list[ProjectResult]:
    offices = implementing_offices(unit, rolled_up=rolled_up)
    scope = Scope(
        unit=unit,
        unit_ids=tuple(office.pk for office in offices),
        fiscal_year=fiscal_year,
        as_of=as_of,
    )
    results = []
    for indicator in PROJECT_INDICATORS:
        measurement = indicator.metric.measure(scope)
        judged = [
            (office, value, grade(indicator, indicator.metric, value))
            for office in offices
            for value in [measurement.offices[office.pk]]
        ]
        results.append(
            ProjectResult(
                indicator,
                scope,
                measurement.total,
                min(points for _office, _value, points in judged),
                judged,
            )
        )
    return results


def indicator_for(key: str) -> ProjectIndicator | None:
    return next((i for i in PROJECT_INDICATORS if i.key == key), None)
