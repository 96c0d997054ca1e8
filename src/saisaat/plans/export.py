"""The stored plan as plain data, in the shape ``import_plan --json`` prints."""

from saisaat.plans.models import Activity, Plan


def plan_as_dict(plan: Plan) -> dict:
    activities = (
        Activity.objects.active()
        .common()
        .for_plan(plan)
        .select_related("measure__dimension")
        .prefetch_related("responsible_groups", "targets")
        .in_plan_order()
    )
    dimensions: dict[int, dict] = {}
    measures: dict[int, dict] = {}
    for dimension in plan.dimensions.order_by("number"):
        dimensions[dimension.pk] = {
            "number": dimension.number,
            "title": dimension.title,
            "measures": [],
        }
    for activity in activities:
        measure = activity.measure
        if measure.pk not in measures:
            measures[measure.pk] = {
                "number": measure.number,
                "title": measure.title,
                "activities": [],
            }
            dimensions[measure.dimension_id]["measures"].append(measures[measure.pk])
        measures[measure.pk]["activities"].append(
            {
                "text": activity.text,
                "period_text": activity.period_text,
                "period_start": activity.period_start.isoformat(),
                "period_end": activity.period_end.isoformat(),
                "responsible_groups": sorted(
                    (g.function for g in activity.responsible_groups.all()),
                    key=_FUNCTION_ORDER.index,
                ),
                "implementing_units": [str(kind) for kind in activity.implementing_units],
                "evidence": activity.evidence,
                "targets": [
                    {
                        "kind": t.kind,
                        "minimum": t.minimum,
                        "out_of": t.out_of,
                        "unit_label": t.unit_label,
                        "source": t.source,
                        "text": t.text,
                    }
                    for t in activity.targets.all()
                ],
            }
        )
    return {
        "unit": plan.owner_unit.code,
        "fiscal_year": plan.fiscal_year,
        "programme": plan.programme.code,
        "title": plan.title,
        "dimensions": [d for d in dimensions.values() if d["measures"]],
    }


_FUNCTION_ORDER = ["coordination", "strategy", "promotion", "informatics"]
