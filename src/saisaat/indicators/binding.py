"""Rules that bind each numeric target of an imported plan to the metric that measures it.

The rules read the activity and evidence text the way the department writes them; a
target no rule recognises stays unbound and shows as not measured. An administrator can
change a binding in the admin.
"""

import re
from dataclasses import dataclass

from django.db import transaction

from saisaat.indicators.models import IndicatorBinding
from saisaat.plans.models import Plan, Target


@dataclass(frozen=True)
class BindingRule:
    metric: str
    kinds: tuple[str, ...]
    pattern: str = ""
    unit_label: str = ""
    parameters: tuple[tuple[str, str], ...] = ()
    per_activity: bool = False

    def matches(self, target: Target, text: str) -> bool:
        if target.kind not in self.kinds:
            return False
        if self.unit_label and target.unit_label != self.unit_label:
            return False
        return not self.pattern or re.search(self.pattern, text) is not None


FIVE_VIRTUES = r"คุณธรรม\s*เป้าหมาย\s*[๕5]\s*ประการ"

# First match wins; the patterns are phrases of the plan's activity and evidence columns.
RULES: list[BindingRule] = [
    BindingRule("staff_certified", ("percent",), r"E-?Learning|ประกาศนียบัตร"),
    BindingRule(
        "declaration_acknowledged",
        ("percent",),
        r"ลงนามรับทราบประกาศข้อตกลง|ประกาศข้อตกลง",
        parameters=(("kind", "moral_declaration"),),
    ),
    BindingRule("moral_goal_participation", ("percent",), r"มีส่วนร่วม\s*ในการกำหนดคุณธรรมเป้าหมาย"),
    # "At least four from the five target virtues" counts the virtues covered.
    BindingRule(
        "adopted_goal_virtues",
        ("count",),
        rf"ปัญหาที่อยากแก้[\s\S]*{FIVE_VIRTUES}|{FIVE_VIRTUES}[\s\S]*ปัญหาที่อยากแก้",
        unit_label="เรื่อง",
    ),
    BindingRule("adopted_moral_goals", ("count",), r"ปัญหาที่อยากแก้", unit_label="เรื่อง"),
    BindingRule("moral_activity_attendance", ("percent",), r"เข้าร่วมกิจกรรม"),
    BindingRule("moral_activity_virtues", ("count",), FIVE_VIRTUES, unit_label="กิจกรรม"),
    BindingRule("moral_activities", ("count",), r"คุณธรรมเป้าหมาย", unit_label="กิจกรรม"),
    BindingRule("partner_types_engaged", ("count",), unit_label="ภาคีเครือข่าย"),
    BindingRule("innovation_projects", ("count",), r"นวัตกรรม", unit_label="โครงการ"),
    BindingRule(
        "innovation_projects",
        ("count",),
        r"นวัตกรรม",
        unit_label="กิจกรรม",
        parameters=(("measured_only", "true"),),
    ),
    # 2.1.4: the environment plan's activities, once a quarter, from the office's records.
    BindingRule(
        "environment_activities_by_quarter",
        ("per_quarter",),
        r"กิจกรรมตามแผนปฏิบัติการ\s*ด้าน\s*สิ่งแวดล้อม",
        per_activity=True,
    ),
    BindingRule("quarters_with_evidence", ("per_quarter",), per_activity=True),
    BindingRule("months_with_evidence", ("per_month",), per_activity=True),
    BindingRule("complaint_channels", ("count",), r"ร้องเรียน", unit_label="ช่องทาง"),
    # 3.2.3: channels publishing the office's work.
    BindingRule("publication_channels", ("count",), r"เผยแพร่", unit_label="ช่องทาง"),
    # 2.2.1: at least two topics, waste sorting and No foam.
    BindingRule("environment_topics", ("count",), r"คัดแยกขยะ|No\s*foam|โฟม", unit_label="เรื่อง"),
    BindingRule("evidence_items", ("count",), per_activity=True),
]


def rule_for(target: Target) -> BindingRule | None:
    activity = target.activity
    text = f"{activity.text} {activity.evidence}"
    return next((rule for rule in RULES if rule.matches(target, text)), None)


@transaction.atomic
def bind_plan_targets(plan: Plan) -> dict[str, int]:
    """Create or refresh the binding of every target of the plan; returns counts."""
    counts = {"bound": 0, "unbound": 0, "kept": 0}
    targets = Target.objects.filter(activity__measure__dimension__plan=plan).select_related(
        "activity", "binding"
    )
    for target in targets:
        rule = rule_for(target)
        if rule is None or not rule.metric:
            IndicatorBinding.objects.filter(target=target).delete()
            counts["unbound"] += 1
            continue
        parameters = {name: value for name, value in rule.parameters}
        if "measured_only" in parameters:
            parameters["measured_only"] = parameters["measured_only"] == "true"
        if rule.per_activity:
            parameters["activity_id"] = target.activity_id
        binding = getattr(target, "binding", None)
        if binding and binding.metric == rule.metric and binding.parameters == parameters:
            counts["kept"] += 1
            continue
        IndicatorBinding.objects.update_or_create(
            target=target, defaults={"metric": rule.metric, "parameters": parameters}
        )
        counts["bound"] += 1
    return counts
