"""Every change to assignments and evidence goes through these functions.

Each runs in one transaction, writes the assignment's history row (who, when, from which
status to which) and leaves e-mail to ``transaction.on_commit``.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.core.files import check_evidence_file
from saisaat.notices.models import Notice
from saisaat.notices.services import Email, notify
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import require_editable
from saisaat.plans import evidence as evidence_seam
from saisaat.plans.models import Activity, EvidenceRequirement, Plan
from saisaat.plans.requirements import add_requirements_from_text
from saisaat.tracking.access import can_assign, require_reviewer
from saisaat.tracking.models import Assignment, AssignmentEvent, EvidenceItem

Status = Assignment.Status
Action = AssignmentEvent.Action


class TransitionError(ValidationError):
    """The assignment is not in a state that allows this step."""


# ---------------------------------------------------------------------------- publishing


@dataclass
class PublishResult:
    created: int = 0
    updated: int = 0
    retired: int = 0
    reactivated: int = 0
    units: list[Unit] = field(default_factory=list)


def _implementing_units(activity: Activity, province: Unit, districts: list[Unit]) -> list[Unit]:
    if activity.added_by_unit_id:
        return [u for u in [province, *districts] if u.pk == activity.added_by_unit_id]
    units = []
    if activity.for_provincial_office:
        units.append(province)
    if activity.for_district_offices:
        units.extend(districts)
    return units


@transaction.atomic
def publish_plan(plan: Plan, *, acting_user: User | None = None) -> PublishResult:
    """Create one assignment per activity per implementing unit; on a re-publish add what
    is new and retire what the plan no longer asks, keeping every piece of evidence. A
    person publishes only a plan they may change (its office's approvers and
    administrators); without one it is the system (a command, a data migration)."""
    if acting_user is not None:
        require_editable(acting_user, plan)
    province = plan.owner_unit
    districts = list(province.children.filter(kind=Unit.Kind.DISTRICT).order_by("code"))
    result = PublishResult(units=[province, *districts])
    activities = list(
        Activity.objects.for_plan(plan)
        .select_related("measure__dimension")
        .prefetch_related("responsible_groups")
    )
    existing = {
        (a.activity_id, a.unit_id): a
        for a in Assignment.objects.filter(plan=plan).only(
            "pk",
            "activity_id",
            "unit_id",
            "due_date",
            "dimension_number",
            "is_retired",
            "work_group_id",
            "status",
        )
    }
    wanted: set[tuple[int, int]] = set()
    to_create: list[Assignment] = []
    to_update: list[Assignment] = []
    events: list[AssignmentEvent] = []
    changes: dict[int, dict] = {}
    now = timezone.now()

    for activity in activities:
        if not activity.is_active:
            continue
        groups = sorted(activity.responsible_groups.all(), key=lambda g: g.pk)
        for unit in _implementing_units(activity, province, districts):
            key = (activity.pk, unit.pk)
            wanted.add(key)
            values = {
                "due_date": activity.period_end,
                "dimension_number": activity.measure.dimension.number,
                "work_group_id": groups[0].pk if groups and unit.pk == province.pk else None,
            }
            assignment = existing.get(key)
            if assignment is None:
                to_create.append(
                    Assignment(activity=activity, plan=plan, unit=unit, province=province, **values)
                )
                continue
            changed = [k for k, v in values.items() if getattr(assignment, k) != v]
            if assignment.is_retired:
                assignment.is_retired = False
                changed.append("is_retired")
                result.reactivated += 1
                events.append(_event(assignment, Action.REACTIVATED, acting_user, now))
            changes[assignment.pk] = {
                name: [getattr(assignment, name), values[name]]
                for name in changed
                if name in values
            }
            for name in changed:
                if name in values:
                    setattr(assignment, name, values[name])
            if changed:
                to_update.append(assignment)

    for key, assignment in existing.items():
        if key not in wanted and not assignment.is_retired:
            assignment.is_retired = True
            to_update.append(assignment)
            result.retired += 1
            events.append(_event(assignment, Action.RETIRED, acting_user, now))

    # Both SQLite and PostgreSQL return the new primary keys from a bulk insert.
    created = Assignment.objects.bulk_create(to_create, batch_size=1000)
    result.created = len(created)
    events.extend(_event(a, Action.PUBLISHED, acting_user, now) for a in created)
    Assignment.objects.bulk_update(
        to_update, ["due_date", "dimension_number", "work_group", "is_retired"], batch_size=1000
    )
    result.updated = len(to_update) - result.retired - result.reactivated
    AssignmentEvent.objects.bulk_create(events, batch_size=1000)
    retired_or_back = {e.assignment.pk for e in events}
    audit.record_many(
        [
            _audit_item(
                event.assignment,
                f"tracking.{event.action}",
                acting_user,
                plan,
                changes=(
                    audit.created(event.assignment, ["activity", "unit", "due_date", "work_group"])
                    if event.action == Action.PUBLISHED
                    else {
                        **changes.get(event.assignment.pk, {}),
                        "is_retired": [
                            event.action != Action.RETIRED,
                            event.action == Action.RETIRED,
                        ],
                    }
                ),
            )
            for event in events
        ]
        + [
            _audit_item(a, "tracking.updated", acting_user, plan, changes=changes[a.pk])
            for a in to_update
            if a.pk not in retired_or_back
        ]
    )
    return result


def _audit_item(assignment, action, actor, plan, *, changes, reason="") -> dict:
    """The keyword arguments of ``audit.record`` for a change to an assignment."""
    return dict(
        actor=actor,
        action=action,
        obj=assignment,
        changes=changes,
        reason=reason,
        unit=assignment.unit_id,
        fiscal_year=plan.fiscal_year,
        label=f"{plan.fiscal_year} activity {assignment.activity_id} unit {assignment.unit_id}",
    )


def _audit(assignment, action, actor, *, changes, reason="", obj=None):
    item = _audit_item(assignment, action, actor, assignment.plan, changes=changes, reason=reason)
    if obj is not None:
        item.update(obj=obj, label=None)
    return audit.record(**item)


def _event(assignment, action, actor, when, **extra) -> AssignmentEvent:
    return AssignmentEvent(
        assignment=assignment,
        action=action,
        actor=actor,
        from_status=extra.pop("from_status", assignment.status),
        to_status=extra.pop("to_status", assignment.status),
        created_at=when,
        **extra,
    )


# ---------------------------------------------------------------------------- evidence


def _require_open(assignment: Assignment) -> None:
    if assignment.is_retired:
        raise TransitionError(_("This activity was retired from the plan; it takes no evidence."))
    if assignment.is_locked:
        raise TransitionError(
            _("Approved work cannot be changed. Add a corrected version of an item instead.")
        )


def _record_transition(
    assignment, new_status, action, actor, *, comment="", evidence=None, audit_changes=None
):
    """Move the assignment to ``new_status`` with its event row and its one audit entry
    (on the evidence item, with ``audit_changes``, when adding evidence moved it)."""
    old_status = assignment.status
    assignment.status = new_status
    fields = ["status", "updated_at"]
    now = timezone.now()
    if new_status == Status.SUBMITTED:
        assignment.submitted_at = now
        fields.append("submitted_at")
    if new_status == Status.APPROVED:
        assignment.approved_at = now
        fields.append("approved_at")
    elif assignment.approved_at is not None:
        assignment.approved_at = None
        fields.append("approved_at")
    assignment.save(update_fields=fields)
    status_change = {"status": [old_status, new_status]}
    if evidence is not None:
        _audit(
            assignment,
            f"tracking.{action}",
            actor,
            changes={**(audit_changes or {}), "assignment_status": status_change["status"]},
            obj=evidence,
        )
    else:
        _audit(assignment, f"tracking.{action}", actor, changes=status_change, reason=comment)
    return AssignmentEvent.objects.create(
        assignment=assignment,
        action=action,
        actor=actor,
        from_status=old_status,
        to_status=new_status,
        comment=comment,
        evidence=evidence,
    )


@transaction.atomic
def add_evidence(
    assignment: Assignment,
    *,
    acting_user: User,
    effective_date: date,
    file=None,
    url: str = "",
    note: str = "",
    title: str = "",
    supersedes: EvidenceItem | None = None,
    max_bytes: int,
    requirement: EvidenceRequirement | None = None,
    source_kind: str = "",
) -> EvidenceItem:
    """Attach a file, a link or a note. With ``supersedes`` the item is a corrected version
    of an earlier one, which stays in the history; correcting approved work reopens it.
    Only those who work on the assignment may (``AssignmentQuerySet.allows_edit``), whether
    the evidence comes from the page or from another app through the evidence seam.
    With ``requirement`` it satisfies that item of the activity's evidence checklist (a
    correction keeps the item of the piece it corrects unless given another)."""
    assignment = _locked(assignment)
    require_editable(acting_user, assignment)
    if requirement is None and supersedes is not None:
        requirement = supersedes.requirement
    _check_requirement(requirement, assignment, supersedes)
    if supersedes is None or assignment.is_retired:
        _require_open(assignment)
    elif (
        supersedes.assignment_id != assignment.pk
        or EvidenceItem.objects.filter(supersedes=supersedes).exists()
    ):
        raise TransitionError(_("Only the current version of an item can be corrected."))

    item = EvidenceItem(
        assignment=assignment,
        effective_date=effective_date,
        uploaded_by=acting_user,
        title=title.strip(),
        supersedes=supersedes,
        requirement=requirement,
        source_kind=source_kind,
    )
    if file is not None:
        checked = check_evidence_file(file, max_bytes=max_bytes)
        item.kind = EvidenceItem.Kind.FILE
        item.original_name = (file.name or "")[-255:]
        item.content_type = checked.content_type
        item.size = checked.size
        item.sha256 = checked.sha256
    elif url:
        item.kind, item.url = EvidenceItem.Kind.LINK, url
    elif note.strip():
        item.kind, item.note = EvidenceItem.Kind.NOTE, note.strip()
    else:
        raise ValidationError(_("Give a file, a link or a note."))

    if file is not None:
        item.file.save(f"evidence.{checked.extension}", file, save=False)
    try:
        if requirement is not None:
            # Read again under its row lock, once the file is stored (the lock is shared by
            # every office's upload for the item): an administrator may have retired or
            # removed it since the form was drawn (the checklist edit takes the same lock).
            requirement = (
                EvidenceRequirement.objects.select_for_update().filter(pk=requirement.pk).first()
            )
            _check_requirement(requirement, assignment, supersedes, removed_if_none=True)
            item.requirement = requirement
        item.save()
        action = Action.EVIDENCE_CORRECTED if supersedes else Action.EVIDENCE_ADDED
        added = audit.created(
            item,
            ["kind", "title", "effective_date", "original_name", "size", "sha256", "url", "note"]
            + (["requirement"] if requirement is not None else [])
            + (["source_kind"] if source_kind else []),
        )
        if supersedes is not None:
            added["supersedes"] = [None, supersedes.pk]
        if assignment.status in (Status.NOT_STARTED, Status.APPROVED):
            _record_transition(
                assignment,
                Status.IN_PROGRESS,
                action,
                acting_user,
                evidence=item,
                audit_changes=added,
            )
        else:
            _audit(assignment, f"tracking.{action}", acting_user, changes=added, obj=item)
            _record_event(assignment, action, acting_user, evidence=item)
    except Exception:
        # The row was not written, so the stored file would be an orphan.
        if item.file:
            item.file.storage.delete(item.file.name)
        raise
    return item


@transaction.atomic
def link_record(
    assignment: Assignment,
    kind: str,
    key: str,
    *,
    requirement: EvidenceRequirement,
    acting_user: User,
) -> EvidenceItem:
    """Satisfy a checklist item with a record Saisaat holds: a dated snapshot of the
    office's record (its kind's evidence source, ``plans.evidence``) is filed as evidence,
    with its SHA-256, through ``add_evidence``, which writes the audit entry."""
    try:
        origin = evidence_seam.source(kind)
    except KeyError:
        raise ValidationError(_("Choose a record to link.")) from None
    record = origin.find(assignment.unit, assignment.plan.fiscal_year, key)
    if record is None:
        raise ValidationError(_("This record is not one of your office's for this year."))
    return evidence_seam.link(
        kind, record, assignment, acting_user=acting_user, requirement=requirement
    )


@transaction.atomic
def detach_evidence(item: EvidenceItem, *, acting_user: User) -> EvidenceItem:
    """Take a piece of evidence off its checklist item; it stays in the evidence. Only
    those who work on the assignment may, as for adding evidence."""
    assignment = _locked(item.assignment)
    require_editable(acting_user, assignment)
    _require_open(assignment)
    item = EvidenceItem.objects.select_for_update().get(pk=item.pk)
    if item.requirement_id is None:
        raise ValidationError(_("This evidence is not on a checklist item."))
    changes = {"requirement": [item.requirement_id, None]}
    item.requirement = None
    item.save(update_fields=["requirement"])
    _audit(assignment, "tracking.evidence_detached", acting_user, changes=changes, obj=item)
    return item


def _check_requirement(requirement, assignment, supersedes, *, removed_if_none=False) -> None:
    if requirement is None:
        if removed_if_none:
            raise ValidationError(_("This checklist item has been removed."))
        return
    if requirement.activity_id != assignment.activity_id:
        raise ValidationError(_("This checklist item belongs to another activity."))
    if requirement.is_retired and (
        supersedes is None or supersedes.requirement_id != requirement.pk
    ):
        # A correction stays on its retired item; new evidence goes to the items in use.
        raise ValidationError(_("This checklist item has been retired."))


def _locked(assignment: Assignment) -> Assignment:
    """The assignment, locked, with the plan and unit its audit entries name."""
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("plan", "unit")
        .get(pk=assignment.pk)
    )


def _record_event(assignment, action, actor, **extra) -> AssignmentEvent:
    return AssignmentEvent.objects.create(
        assignment=assignment,
        action=action,
        actor=actor,
        from_status=assignment.status,
        to_status=assignment.status,
        **extra,
    )


# ---------------------------------------------------------------------------- review


@transaction.atomic
def submit_for_review(assignment: Assignment, *, acting_user: User) -> Assignment:
    assignment = _locked(assignment)
    require_editable(acting_user, assignment)
    _require_open(assignment)
    if assignment.status == Status.SUBMITTED:
        raise TransitionError(_("This work is already waiting for review."))
    if not assignment.evidence.current().exists():
        raise TransitionError(_("Add at least one piece of evidence before submitting."))
    _record_transition(assignment, Status.SUBMITTED, Action.SUBMITTED, acting_user)
    notify(
        # The submitter may be an approver too, but never approves their own work.
        reviewers_of(assignment).exclude(pk=acting_user.pk),
        Notice.Kind.SUBMITTED,
        assignment,
        key=assignment.submitted_at.isoformat(),
        message=_("%(unit)s submitted “%(activity)s” for review.")
        % {"unit": assignment.unit.name_th, "activity": assignment.activity.text[:120]},
    )
    return assignment


@transaction.atomic
def review(assignment: Assignment, *, acting_user: User, approve: bool, comment: str = ""):
    """Approve submitted work, or return it to the unit with a comment saying what to fix."""
    assignment = _locked(assignment)
    require_reviewer(acting_user, assignment)
    if assignment.status != Status.SUBMITTED:
        raise TransitionError(_("Only submitted work can be approved or returned."))
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError(_("Say what needs to change when returning work."))
    if approve and _made_by(assignment, acting_user):
        raise TransitionError(
            _("You submitted this work or its evidence: another approver must approve it.")
        )
    if approve:
        event = _record_transition(
            assignment, Status.APPROVED, Action.APPROVED, acting_user, comment=comment
        )
        kind, text = Notice.Kind.APPROVED, _("“%(activity)s” was approved.")
    else:
        event = _record_transition(
            assignment, Status.RETURNED, Action.RETURNED, acting_user, comment=comment
        )
        kind, text = Notice.Kind.RETURNED, _("“%(activity)s” was returned: %(comment)s")
    notify(
        officers_of(assignment),
        kind,
        assignment,
        key=f"event:{event.pk}",
        message=text % {"activity": assignment.activity.text[:120], "comment": comment[:200]},
        email=Email.NOW,
    )
    return assignment


def _made_by(assignment: Assignment, user: User) -> bool:
    """Whether ``user`` submitted this round of work or uploaded any of its current
    evidence: separation of duties keeps them from approving it."""
    submitter = (
        AssignmentEvent.objects.filter(assignment=assignment, action=Action.SUBMITTED)
        .order_by("-pk")
        .values_list("actor_id", flat=True)
        .first()
    )
    return submitter == user.pk or assignment.evidence.current().filter(uploaded_by=user).exists()


@transaction.atomic
def assign_officer(assignment: Assignment, officer: User | None, *, acting_user: User):
    if not can_assign(acting_user, assignment):
        raise PermissionDenied
    if officer is not None and officer.unit_id != assignment.unit_id:
        raise ValidationError(_("The officer must work in the unit that owes this activity."))
    changes = {"officer": [assignment.officer_id, officer.pk if officer else None]}
    assignment.officer = officer
    assignment.save(update_fields=["officer", "updated_at"])
    _audit(assignment, "tracking.assigned", acting_user, changes=changes)
    _record_event(
        assignment,
        Action.ASSIGNED,
        acting_user,
        comment=str(officer) if officer else "",
    )
    return assignment


# ---------------------------------------------------------------------------- people


def officers_of(assignment: Assignment):
    """Who is told about an assignment: its named officer, else its unit's officers (at a
    provincial office, those of every work group responsible for it)."""
    if assignment.officer_id:
        return User.objects.filter(pk=assignment.officer_id, is_active=True)
    people = User.objects.filter(unit_id=assignment.unit_id, is_active=True).exclude(
        role=User.Role.COMMITTEE
    )
    if assignment.unit_id == assignment.province_id and assignment.work_group_id:
        people = people.filter(work_group_id__in=assignment.responsible_group_ids())
    return people


def reviewers_of(assignment: Assignment):
    """The provincial development officer, and the director of the responsible group; for
    work the head made, the province's deputy approver too."""
    approvers = User.objects.filter(
        unit_id=assignment.province_id, role=User.Role.APPROVER, is_active=True
    )
    reviewers = approvers.filter(
        Q(work_group__isnull=True) | Q(work_group_id__in=assignment.responsible_group_ids())
    )
    if Assignment.objects.filter(pk=assignment.pk).made_by_office_head().exists():
        reviewers = reviewers | User.objects.filter(
            deputy_of=assignment.province_id, unit_id=assignment.province_id, is_active=True
        )
    return reviewers


# What an added activity's entry records: every field the unit gave it.
UNIT_ACTIVITY_FIELDS = [
    "measure",
    "position",
    "text",
    "period_text",
    "period_start",
    "period_end",
    "implementing_text",
    "for_provincial_office",
    "for_district_offices",
    "evidence",
    "added_by_unit",
]


def may_add_unit_activity(user: User, unit: Unit) -> bool:
    """A unit's own staff (not the evaluation committee) add activities to its plan."""
    return user.is_authenticated and user.unit_id == unit.pk and user.role != User.Role.COMMITTEE


@transaction.atomic
def add_unit_activity(
    plan: Plan,
    unit: Unit,
    *,
    measure,
    text: str,
    period,
    period_text: str,
    evidence: str,
    acting_user: User,
) -> Assignment:
    """An activity a unit adds to its own copy of the plan, owed by that unit alone."""
    if not may_add_unit_activity(acting_user, unit):
        raise PermissionDenied
    if measure.dimension.plan_id != plan.pk:
        raise ValidationError(_("The measure belongs to another plan."))
    last = (
        Activity.objects.filter(measure=measure, added_by_unit__isnull=False)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    activity = Activity(
        measure=measure,
        # Added activities number from 1001 so they never meet the plan's own positions.
        position=max(last or 1000, 1000) + 1,
        text=text.strip(),
        period_text=period_text.strip(),
        period_start=period.start,
        period_end=period.end,
        implementing_text=unit.short_name_th or unit.name_th,
        for_provincial_office=unit.kind == Unit.Kind.PROVINCE,
        for_district_offices=unit.kind == Unit.Kind.DISTRICT,
        evidence=evidence.strip(),
        added_by_unit=unit,
    )
    activity.save()
    add_requirements_from_text(activity)
    province = plan.owner_unit
    assignment = Assignment.objects.create(
        activity=activity,
        plan=plan,
        unit=unit,
        province=province,
        dimension_number=measure.dimension.number,
        due_date=period.end,
        work_group=acting_user.work_group if unit.pk == province.pk else None,
    )
    _record_event(assignment, Action.PUBLISHED, acting_user, comment=_("Added by the unit"))
    audit.record(
        acting_user,
        "tracking.unit_activity_added",
        activity,
        changes=audit.created(activity, UNIT_ACTIVITY_FIELDS),
        reason="added by unit",
        unit=unit,
        fiscal_year=plan.fiscal_year,
        label=activity.text[:120],
    )
    return assignment
