"""Transparency innovation projects (dimension 5) and their before/after figures.

Dimension 5 asks for a statistical comparison of an innovation by speed, value and
economy: a figure in a unit of time reads as speed (faster by x %), one in baht as economy
(saves y baht) and anything else (steps, satisfaction) as value.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import require_editable, require_manager
from saisaat.participation.models import InnovationMeasurement, InnovationProject
from saisaat.plans.models import Activity
from saisaat.thai.calendar import fiscal_year as fiscal_year_of

SPEED, VALUE, ECONOMY = "speed", "value", "economy"
ASPECTS = (SPEED, VALUE, ECONOMY)

TIME_UNITS = frozenset(
    {
        "วินาที",
        "นาที",
        "ชั่วโมง",
        "ชม.",
        "วัน",
        "วันทำการ",
        "สัปดาห์",
        "เดือน",
        "seconds",
        "minutes",
        "hours",
        "days",
        "working days",
        "weeks",
        "months",
    }
)


def aspect_of(unit_label: str, lower_is_better: bool) -> str:
    """Speed for time, economy for money, value for everything else."""
    label = unit_label.strip().lower()
    if lower_is_better and label in TIME_UNITS:
        return SPEED
    if lower_is_better and ("บาท" in label or "baht" in label):
        return ECONOMY
    return VALUE


def format_number(value: Decimal) -> str:
    """``Decimal("3200.00")`` -> ``"3,200"``, ``Decimal("3.60")`` -> ``"3.6"``."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


# ---------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class Comparison:
    measurement: InnovationMeasurement
    aspect: str
    change: Decimal
    percent_change: Decimal | None
    improved: bool

    @property
    def direction(self) -> str:
        return "same" if not self.change else ("down" if self.change < 0 else "up")

    @property
    def before_text(self) -> str:
        return format_number(self.measurement.before)

    @property
    def after_text(self) -> str:
        return format_number(self.measurement.after)

    @property
    def change_text(self) -> str:
        sign = "+" if self.change > 0 else ("−" if self.change < 0 else "")
        return sign + format_number(abs(self.change))

    @property
    def percent_text(self) -> str:
        if self.percent_change is None:
            return ""
        sign = "+" if self.percent_change > 0 else ("−" if self.percent_change < 0 else "")
        return f"{sign}{format_number(abs(self.percent_change))}%"

    @property
    def summary(self) -> str:
        """The comparison in words: เร็วขึ้น 80% / ประหยัดขึ้น 2,750 บาท / ลดลง 5 ขั้นตอน."""
        if self.direction == "same":
            return _("No change")
        values = {
            "amount": format_number(abs(self.change)),
            "unit": self.measurement.unit_label,
            "percent": (
                f"{format_number(abs(self.percent_change))}%"
                if self.percent_change is not None
                else ""
            ),
        }
        down = self.direction == "down"
        if self.aspect == SPEED and values["percent"]:
            text = _("Faster by %(percent)s") if down else _("Slower by %(percent)s")
        elif self.aspect == ECONOMY:
            text = (
                _("Saves %(amount)s %(unit)s (%(percent)s)")
                if down
                else _("Costs %(amount)s %(unit)s more")
            )
        elif values["percent"]:
            text = (
                _("Down by %(amount)s %(unit)s (%(percent)s)")
                if down
                else _("Up by %(amount)s %(unit)s (%(percent)s)")
            )
        else:
            text = _("Down by %(amount)s %(unit)s") if down else _("Up by %(amount)s %(unit)s")
        return " ".join((text % values).split())


def compare(measurement: InnovationMeasurement) -> Comparison:
    return Comparison(
        measurement=measurement,
        aspect=aspect_of(measurement.unit_label, measurement.lower_is_better),
        change=measurement.change,
        percent_change=measurement.percent_change,
        improved=measurement.improved,
    )


def by_aspect(comparisons: list[Comparison]) -> list[tuple[str, list[Comparison]]]:
    """The comparisons grouped as dimension 5 asks: speed, value, economy."""
    return [(aspect, [c for c in comparisons if c.aspect == aspect]) for aspect in ASPECTS]


# ---------------------------------------------------------------------------- chart

CHART_WIDTH = 640
BAR_LEFT = 64
BAR_MAX = 440
BAR_HEIGHT = 18
ROW_HEIGHT = 78


@dataclass(frozen=True)
class ChartBar:
    kind: str  # "before" or "after"
    y: int
    width: str
    value_text: str

    @property
    def text_x(self) -> str:
        return f"{BAR_LEFT + float(self.width) + 6:.1f}"

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4


@dataclass(frozen=True)
class ChartRow:
    comparison: Comparison
    title_y: int
    bars: tuple[ChartBar, ChartBar]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    rows: list[ChartRow]
    bar_left: int = BAR_LEFT
    bar_height: int = BAR_HEIGHT


def _width(value: Decimal, top: Decimal) -> str:
    if top <= 0 or value <= 0:
        return "0.0"
    return f"{float(value) * BAR_MAX / float(top):.1f}"


def chart(comparisons: list[Comparison]) -> Chart:
    """Paired bars, before and after, for each figure, scaled to the larger of the two so
    that figures in minutes and in baht can share one picture."""
    rows = []
    for index, comparison in enumerate(comparisons):
        m = comparison.measurement
        top = max(m.before, m.after)
        y = index * ROW_HEIGHT
        unit = f" {m.unit_label}" if m.unit_label else ""
        rows.append(
            ChartRow(
                comparison=comparison,
                title_y=y + 16,
                bars=(
                    ChartBar(
                        "before", y + 24, _width(m.before, top), comparison.before_text + unit
                    ),
                    ChartBar("after", y + 46, _width(m.after, top), comparison.after_text + unit),
                ),
            )
        )
    return Chart(width=CHART_WIDTH, height=max(len(rows) * ROW_HEIGHT, 1), rows=rows)


# ---------------------------------------------------------------------------- reading


def dimension_5_activities(unit: Unit, fiscal_year: int):
    """Activities of dimension 5 in the province's plan for the year, for linking."""
    owner_id = unit.parent_id if unit.kind == Unit.Kind.DISTRICT else unit.pk
    return (
        Activity.objects.active()
        .common()
        .filter(
            measure__dimension__plan__owner_unit_id=owner_id,
            measure__dimension__plan__fiscal_year=fiscal_year,
            measure__dimension__number=5,
        )
        .select_related("measure__dimension")
        .in_plan_order()
    )


# ---------------------------------------------------------------------------- changes


PROJECT_FIELDS = ["title", "description", "started_on", "fiscal_year", "plan_activity"]
MEASUREMENT_FIELDS = ["metric", "unit_label", "before", "after", "lower_is_better"]


@transaction.atomic
def create_project(
    unit: Unit,
    *,
    title: str,
    started_on: date,
    description: str = "",
    plan_activity: Activity | None = None,
    acting_user: User | None = None,
) -> InnovationProject:
    require_manager(acting_user, unit)
    project = InnovationProject.objects.create(
        unit=unit,
        fiscal_year=fiscal_year_of(started_on),
        title=title.strip(),
        description=description.strip(),
        started_on=started_on,
        plan_activity=plan_activity,
    )
    audit.record_created(acting_user, "participation.project_created", project, PROJECT_FIELDS)
    return project


@transaction.atomic
def update_project(
    project: InnovationProject,
    *,
    title: str,
    started_on: date,
    description: str = "",
    plan_activity: Activity | None = None,
    acting_user: User | None = None,
) -> InnovationProject:
    require_editable(acting_user, project)
    before = audit.stored(project, PROJECT_FIELDS)
    project.title = title.strip()
    project.description = description.strip()
    project.started_on = started_on
    project.fiscal_year = fiscal_year_of(started_on)
    project.plan_activity = plan_activity
    project.save(
        update_fields=["title", "description", "started_on", "fiscal_year", "plan_activity"]
    )
    audit.record_changed(acting_user, "participation.project_changed", project, before)
    return project


@transaction.atomic
def add_measurement(
    project: InnovationProject,
    *,
    metric: str,
    before: Decimal,
    after: Decimal,
    unit_label: str = "",
    lower_is_better: bool = True,
    acting_user: User | None = None,
) -> InnovationMeasurement:
    require_editable(acting_user, project)
    measurement = InnovationMeasurement.objects.create(
        project=project,
        metric=metric.strip(),
        unit_label=unit_label.strip(),
        before=before,
        after=after,
        lower_is_better=lower_is_better,
    )
    audit.record_created(
        acting_user,
        "participation.measurement_added",
        measurement,
        MEASUREMENT_FIELDS,
        **_project_owner(project),
    )
    return measurement


@transaction.atomic
def update_measurement(
    measurement: InnovationMeasurement,
    *,
    metric: str,
    before: Decimal,
    after: Decimal,
    unit_label: str = "",
    lower_is_better: bool = True,
    acting_user: User | None = None,
) -> InnovationMeasurement:
    require_editable(acting_user, measurement)
    old = audit.stored(measurement, MEASUREMENT_FIELDS)
    measurement.metric = metric.strip()
    measurement.unit_label = unit_label.strip()
    measurement.before = before
    measurement.after = after
    measurement.lower_is_better = lower_is_better
    measurement.save(update_fields=["metric", "unit_label", "before", "after", "lower_is_better"])
    audit.record_changed(
        acting_user,
        "participation.measurement_changed",
        measurement,
        old,
        **_project_owner(measurement.project),
    )
    return measurement


@transaction.atomic
def delete_measurement(
    measurement: InnovationMeasurement, *, acting_user: User | None = None
) -> None:
    require_editable(acting_user, measurement)
    audit.record_deleted(
        acting_user,
        "participation.measurement_deleted",
        measurement,
        MEASUREMENT_FIELDS,
        **_project_owner(measurement.project),
    )
    measurement.delete()


def _project_owner(project: InnovationProject) -> dict:
    return {"unit": project.unit_id, "fiscal_year": project.fiscal_year}
