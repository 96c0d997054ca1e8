"""The knowledge test's live metric, KPI 9.1 of the OSMKH project: the share of an office's
active staff who passed a knowledge test of the fiscal year (pre- or post-test), counted
by the date they submitted it. Defined once with ``plans.metrics``: the indicators and the
results page get both the number and the people behind it from it."""

from django.utils.translation import gettext_lazy as _

from saisaat.knowledge.models import Attempt
from saisaat.plans.metrics import Metric, Scope, share_of_staff

PASS_RATE_TARGET = 80


def passed_people(scope: Scope, **params):
    """Staff with a passed attempt at a test of the fiscal year, submitted in the window."""
    return Attempt.objects.filter(
        passed=True,
        test__fiscal_year=scope.fiscal_year,
        submitted_at__date__range=(scope.first_day, scope.last_day),
    ).values("staff_id")


KNOWLEDGE_TEST_PASSED = share_of_staff(
    "knowledge_test_passed",
    _("Staff who passed a knowledge test of rules, laws and procedures"),
    passed_people,
)

METRICS: dict[str, Metric] = {KNOWLEDGE_TEST_PASSED.key: KNOWLEDGE_TEST_PASSED}
