"""The register of awards, praise and letters of thanks: recording, changing and removing
an entry, each with one audit entry, and filing one as evidence."""

from datetime import date

from django.db import transaction

from saisaat.audit import services as audit
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import require_editable, require_manager
from saisaat.participation.models import Recognition
from saisaat.participation.services.workplace import check_plan_link
from saisaat.plans import evidence
from saisaat.plans.checklist import RECOGNITION
from saisaat.plans.models import Activity
from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.calendar import fiscal_year_bounds

FIELDS = [
    "kind",
    "title",
    "given_by",
    "received_on",
    "fiscal_year",
    "reference",
    "summary",
    "plan_activity",
]
EDITABLE = [name for name in FIELDS if name != "fiscal_year"]


def recognitions_for(unit: Unit, fiscal_year: int):
    return (
        Recognition.objects.filter(unit=unit, received_on__range=fiscal_year_bounds(fiscal_year))
        .select_related("unit", "plan_activity__measure__dimension")
        .order_by("received_on", "pk")
    )


def _values(values: dict) -> dict:
    cleaned = {name: values.get(name) for name in EDITABLE}
    for name in ("title", "given_by", "reference", "summary"):
        cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


@transaction.atomic
def create_recognition(
    unit: Unit, *, acting_user: User, plan_activity: Activity | None = None, **values
) -> Recognition:
    require_manager(acting_user, unit)
    values = _values({**values, "plan_activity": plan_activity})
    check_plan_link(unit, plan_activity, values["received_on"], None)
    recognition = Recognition.objects.create(
        unit=unit,
        fiscal_year=fiscal_year_of(values["received_on"]),
        created_by=acting_user,
        **values,
    )
    audit.record_created(acting_user, "participation.recognition_created", recognition, FIELDS)
    return recognition


@transaction.atomic
def update_recognition(
    recognition: Recognition,
    *,
    acting_user: User,
    plan_activity: Activity | None = None,
    **values,
) -> Recognition:
    require_editable(acting_user, recognition)
    values = _values({**values, "plan_activity": plan_activity})
    check_plan_link(recognition.unit, plan_activity, values["received_on"], None)
    recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
    before = audit.snapshot(recognition, FIELDS)
    for name, value in values.items():
        setattr(recognition, name, value)
    recognition.fiscal_year = fiscal_year_of(recognition.received_on)
    recognition.save(update_fields=FIELDS)
    audit.record_changed(acting_user, "participation.recognition_changed", recognition, before)
    return recognition


@transaction.atomic
def delete_recognition(recognition: Recognition, *, acting_user: User) -> None:
    require_editable(acting_user, recognition)
    audit.record_deleted(acting_user, "participation.recognition_deleted", recognition, FIELDS)
    recognition.delete()


def attach_recognition(recognition: Recognition, *, acting_user: User, on: date | None = None):
    """File the entry as evidence of the plan activity it is linked to."""
    return evidence.attach(RECOGNITION, recognition, acting_user=acting_user, on=on)
