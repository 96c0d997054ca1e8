"""An award, praise or letter of thanks as evidence: filed, through the evidence seam
(``plans.evidence``), as a dated one-page PDF of the register's entry, for a checklist item
that asks for one (``plans.checklist.RECOGNITION``)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saisaat.participation.evidence_workplace import record_pdf
from saisaat.participation.models import Recognition
from saisaat.plans.checklist import RECOGNITION
from saisaat.plans.evidence import EvidenceSource, Placement, Snapshot
from saisaat.thai.calendar import fiscal_year_bounds, format_thai_date


def linkable_recognitions(unit, fiscal_year: int):
    return Recognition.objects.filter(
        unit=unit,
        plan_activity__isnull=False,
        filed_at__isnull=True,
        received_on__range=fiscal_year_bounds(fiscal_year),
    )


def lock(recognition: Recognition) -> Recognition:
    return (
        Recognition.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=recognition.pk)
    )


def remember(recognition: Recognition, item) -> None:
    recognition.filed_at = timezone.now()
    recognition.save(update_fields=["filed_at"])


def _placement(recognition: Recognition) -> Placement | None:
    if recognition.plan_activity_id is None:
        return None
    return Placement(unit_id=recognition.unit_id, activity_id=recognition.plan_activity_id)


def recognition_snapshot(recognition: Recognition, on: date | None) -> Snapshot:
    """The register's entry, dated the day the office received it; filed once only (a
    second click would put the same letter on the checklist twice)."""
    if recognition.filed_at is not None:
        raise ValidationError(_("This entry is already filed as evidence."))
    title = _("%(kind)s: %(title)s") % {
        "kind": recognition.get_kind_display(),
        "title": recognition.title,
    }
    content = record_pdf(
        title,
        [
            (_("Office"), recognition.unit.name_th),
            (_("Given by"), recognition.given_by),
            (_("Date received"), format_thai_date(recognition.received_on)),
            (_("Letter or certificate number"), recognition.reference),
            (_("For what"), recognition.summary),
        ],
        on=on or timezone.localdate(),
    )
    return Snapshot(
        content=content,
        filename=f"recognition-{recognition.pk}.pdf",
        title=title[:300],
        effective_date=recognition.received_on,
    )


RECOGNITION_SOURCE = EvidenceSource(
    kind=RECOGNITION,
    label=gettext_lazy("Award or letter of thanks"),
    records=linkable_recognitions,
    placement=_placement,
    snapshot=recognition_snapshot,
    attached=remember,
    lock=lock,
    not_placed_message=gettext_lazy(
        "This entry is not linked to a plan activity your unit has been assigned."
    ),
)
