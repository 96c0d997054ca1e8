"""The people or records behind an indicator's number: the metric's own list
(:meth:`saisaat.plans.metrics.Metric.records`), for the scope the number was
measured in or for one office of it."""

from saisaat.plans.metrics import Metric, Scope


def records(metric: Metric, scope: Scope, parameters: dict, *, office_id: int | None = None):
    if office_id is not None:
        scope = scope.narrowed(unit_ids=(office_id,))
    return metric.records(scope, **parameters)
