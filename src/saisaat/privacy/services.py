"""Every change to the breach register and every request about one person's data goes
through here: one transaction, one audit entry. The entries never hold a contact or a name."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.complaints import services as complaints
from saisaat.complaints.models import Complaint, IdentityReading
from saisaat.complaints.models.complaints import format_tracking_code
from saisaat.core.crypto import digest
from saisaat.orgs.models import Unit, User
from saisaat.privacy.models import Breach, ErasureRequest, records_breaches_of
from saisaat.thai import fiscal_year

BREACH_FIELDS = [
    "found_at",
    "description",
    "people_affected",
    "risk",
    "reported_at",
    "people_told_at",
    "actions",
]


def _check_times(data: dict) -> None:
    now = timezone.now()
    for name in ("found_at", "reported_at", "people_told_at"):
        if data.get(name) and data[name] > now:
            raise ValidationError(_("A date cannot be in the future."), code="future")
    if data.get("reported_at") and data["reported_at"] < data["found_at"]:
        raise ValidationError(_("A breach is reported after it is found."), code="order")


@transaction.atomic
def record_breach(unit: Unit, data: dict, *, acting_user: User) -> Breach:
    if not records_breaches_of(acting_user, unit.pk):
        raise PermissionDenied
    _check_times(data)
    breach = Breach.objects.create(unit=unit, recorded_by=acting_user, **data)
    audit.record(
        acting_user,
        "privacy.breach_recorded",
        breach,
        # What the register says is the office's own record; the description may name
        # data, not people, and stays out of the log.
        changes=audit.created(breach, [f for f in BREACH_FIELDS if f != "description"]),
        unit=unit,
        fiscal_year=fiscal_year(timezone.localtime(breach.found_at).date()),
    )
    return breach


@transaction.atomic
def update_breach(breach: Breach, data: dict, *, acting_user: User) -> Breach:
    breach = Breach.objects.select_for_update().get(pk=breach.pk)
    if not records_breaches_of(acting_user, breach.unit_id):
        raise PermissionDenied
    _check_times(data)
    fields = [f for f in BREACH_FIELDS if f != "description"]
    before = audit.snapshot(breach, fields)
    for name, value in data.items():
        setattr(breach, name, value)
    breach.save(update_fields=[*data, "updated_at"])
    audit.record(
        acting_user,
        "privacy.breach_updated",
        breach,
        changes=audit.diff(before, audit.snapshot(breach, fields)),
        unit=breach.unit_id,
        fiscal_year=fiscal_year(timezone.localtime(breach.found_at).date()),
    )
    return breach


# ---------------------------------------------------------------------------- one person's data


def handles_identities_at(user: User, unit: Unit) -> bool:
    """Who answers a person's request at an office: those who may read its complainants'
    identities (its head and its confirmed complaint officers)."""
    return complaints.reads_identities_at(user, (unit.pk,))


def complaints_of(unit: Unit, user: User, kind: str, contact: str):
    """The complaints at ``unit`` (and below it) the ``user`` may read whose complainant
    gave ``contact``, found by its keyed digest."""
    value = digest(kind, contact)
    if not value:
        return Complaint.objects.none()
    lookup = {f"complainant__{kind}_digest": value, "complainant__erased_at__isnull": True}
    return (
        Complaint.objects.visible_to(user)
        .within(unit)
        .filter(**lookup)
        .select_related("complainant")
        .order_by("received_at", "pk")
    )


def _require_handler(unit: Unit, user: User) -> None:
    if not handles_identities_at(user, unit):
        raise PermissionDenied


@transaction.atomic
def find_person(unit: Unit, kind: str, contact: str, *, acting_user: User) -> list[Complaint]:
    """The complaints ``complaints_of`` finds, for the person page. Finding who complained
    is reading their identity: each complaint found is logged as a reading, and one
    confidential audit entry counts them (never the contact)."""
    _require_handler(unit, acting_user)
    found = list(complaints_of(unit, acting_user, kind, contact))
    IdentityReading.objects.bulk_create(
        IdentityReading(complaint=complaint, reader=acting_user) for complaint in found
    )
    audit.record(
        acting_user,
        "privacy.person_searched",
        unit,
        changes={"contact_kind": [None, kind], "complaints": [None, len(found)]},
        unit=unit,
        confidential=True,
    )
    return found


@transaction.atomic
def export_person(unit: Unit, kind: str, contact: str, *, acting_user: User) -> dict:
    """Everything the office keeps about the person who gave ``contact`` (PDPA section 30),
    as JSON-ready data. Each identity read is logged as a reading; one audit entry counts
    the complaints exported."""
    _require_handler(unit, acting_user)
    found = list(complaints_of(unit, acting_user, kind, contact))
    items = []
    for complaint in found:
        if not complaints.can_read_identity(acting_user, complaint):
            continue
        person = complaints.read_identity(complaint, acting_user=acting_user)
        items.append(
            {
                "tracking_code": format_tracking_code(complaint.tracking_code),
                "received_at": timezone.localtime(complaint.received_at).isoformat(),
                "category": complaint.category,
                "status": complaint.status,
                "description": complaint.description,
                "location": complaint.location,
                "occurred_on": complaint.occurred_on.isoformat() if complaint.occurred_on else None,
                "complainant": {
                    "name": person.name,
                    "phone": person.phone,
                    "email": person.email,
                    "address": person.address,
                    "agreed_to_notice_at": timezone.localtime(person.consented_at).isoformat(),
                },
            }
        )
    audit.record(
        acting_user,
        "privacy.person_exported",
        unit,
        changes={"complaints": [None, len(items)]},
        unit=unit,
        confidential=True,
    )
    return {
        "office": unit.name_th,
        "exported_at": timezone.localtime().isoformat(),
        "complaints": items,
        "surveys": "survey responses are anonymous and not linked to anyone",
    }


@transaction.atomic
def propose_erasure(
    unit: Unit, kind: str, contact: str, reason: str, *, acting_user: User
) -> ErasureRequest:
    _require_handler(unit, acting_user)
    value = digest(kind, contact)
    if not complaints_of(unit, acting_user, kind, contact).exists():
        raise ValidationError(_("No complaint at this office gave that contact."), code="none")
    if ErasureRequest.objects.filter(
        unit=unit, contact_digest=value, status=ErasureRequest.Status.PENDING
    ).exists():
        raise ValidationError(
            _("An erasure for this contact is already waiting for confirmation."), code="twice"
        )
    request = ErasureRequest.objects.create(
        unit=unit,
        contact_kind=kind,
        contact_digest=value,
        reason=reason,
        proposed_by=acting_user,
    )
    audit.record(
        acting_user,
        "privacy.erasure_proposed",
        request,
        changes=audit.created(request, ["unit", "contact_kind", "reason"]),
        unit=unit,
    )
    return request


def can_decide_erasure(user: User, request: ErasureRequest) -> bool:
    """Another person than the proposer, who also handles identities at the office."""
    return user.pk != request.proposed_by_id and handles_identities_at(user, request.unit)


def _pending(request: ErasureRequest, acting_user: User) -> ErasureRequest:
    request = (
        ErasureRequest.objects.select_for_update()
        .select_related("unit", "proposed_by")
        .get(pk=request.pk)
    )
    if not request.is_pending:
        raise ValidationError(_("This request has already been decided."), code="decided")
    if not can_decide_erasure(acting_user, request):
        raise PermissionDenied
    return request


def erasable_complaints(request: ErasureRequest, user: User) -> list[Complaint]:
    """The complaints a confirmed ``request`` would anonymise when ``user`` confirms it:
    only those both the proposer and ``user`` may see and read the identity of, and never
    one naming either of them. A head named in a whistleblower's complaint thus cannot
    have its identity erased through a request of his own, nor learn that it exists."""
    proposer = request.proposed_by
    lookup = {f"complainant__{request.contact_kind}_digest": request.contact_digest}
    if not request.contact_digest:
        return []
    found = (
        Complaint.objects.visible_to(proposer)
        .within(request.unit)
        .filter(complainant__erased_at__isnull=True, **lookup)
        .filter(pk__in=Complaint.objects.visible_to(user).values("pk"))
        .exclude(persons_concerned__user__in=[proposer.pk, user.pk])
        .order_by("received_at", "pk")
    )
    return [
        complaint
        for complaint in found
        if complaints.can_read_identity(proposer, complaint)
        and complaints.can_read_identity(user, complaint)
    ]


@transaction.atomic
def confirm_erasure(request: ErasureRequest, *, acting_user: User) -> ErasureRequest:
    """The second person confirms: the identities with that contact on the complaints both
    officers may read (``erasable_complaints``) are removed; the complaints stay, anonymised."""
    request = _pending(request, acting_user)
    found = erasable_complaints(request, acting_user)
    if not found:
        raise ValidationError(
            _("No complaint that both of you may read is left to anonymise: refuse the request."),
            code="none",
        )
    count = 0
    for complaint in found:
        count += complaints.remove_identity(
            complaint, acting_user=acting_user, reason=f"erasure request {request.pk}"
        )
    request.status = ErasureRequest.Status.CONFIRMED
    request.decided_by = acting_user
    request.decided_at = timezone.now()
    request.complaints_erased = count
    # Once decided, no recoverable trace of the contact is kept.
    request.contact_digest = ""
    request.save(
        update_fields=["status", "decided_by", "decided_at", "complaints_erased", "contact_digest"]
    )
    audit.record(
        acting_user,
        "privacy.erasure_confirmed",
        request,
        changes={"status": ["pending", "confirmed"], "complaints_erased": [0, count]},
        unit=request.unit_id,
    )
    return request


@transaction.atomic
def refuse_erasure(request: ErasureRequest, *, acting_user: User) -> ErasureRequest:
    request = _pending(request, acting_user)
    request.status = ErasureRequest.Status.REFUSED
    request.decided_by = acting_user
    request.decided_at = timezone.now()
    request.contact_digest = ""
    request.save(update_fields=["status", "decided_by", "decided_at", "contact_digest"])
    audit.record(
        acting_user,
        "privacy.erasure_refused",
        request,
        changes={"status": ["pending", "refused"]},
        unit=request.unit_id,
    )
    return request


# ---------------------------------------------------------------------------- retention


def retention_cutoffs(now=None) -> dict:
    from datetime import timedelta

    now = now or timezone.now()
    return {
        "complaint_identities": now
        - timedelta(days=settings.SAISAAT_RETAIN_COMPLAINT_IDENTITY_DAYS),
        "survey_metadata": now - timedelta(days=settings.SAISAAT_RETAIN_SURVEY_METADATA_DAYS),
        "sign_in_records": now - timedelta(days=settings.SAISAAT_RETAIN_SIGN_IN_DAYS),
    }


@transaction.atomic
def purge_personal_data(*, now=None, dry_run: bool = False) -> dict[str, int]:
    """Remove what is past its retention period: closed complaints' identities (the
    complaints stay, anonymised), survey responses' metadata (the answers stay), sign-in
    records. Returns the counts; each kind audits its own count, and one entry sums up."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from saisaat.surveys import services as surveys

    cutoffs = retention_cutoffs(now)
    counts = {
        "complaint_identities": complaints.remove_identities_past_retention(
            cutoffs["complaint_identities"], dry_run=dry_run
        ),
        "survey_metadata": surveys.clear_response_metadata(
            cutoffs["survey_metadata"], dry_run=dry_run
        ),
    }
    sign_ins = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        due = model.objects.filter(attempt_time__lt=cutoffs["sign_in_records"])
        sign_ins += due.count() if dry_run else due.delete()[1].get(model._meta.label, 0)
    counts["sign_in_records"] = sign_ins
    if not dry_run:
        audit.record(
            audit.SYSTEM,
            "privacy.personal_data_purged",
            ("privacy.retention", 0, "retention"),
            changes={name: [None, count] for name, count in counts.items()},
        )
    return counts
