from django.db.models import Prefetch

from saisaat.tracking.models import Assignment, EvidenceItem


def unit_statuses(activity, user):
    """Every unit's assignment for one activity that the user may see, with its current
    evidence, for the side-by-side view on the activity page."""
    return list(
        Assignment.objects.visible_to(user)
        .filter(activity=activity)
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=EvidenceItem.objects.current().order_by("effective_date", "pk"),
                to_attr="current_evidence",
            )
        )
        .order_by("unit__code")
    )
