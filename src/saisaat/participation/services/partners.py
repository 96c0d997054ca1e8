"""Network partners (ภาคีเครือข่าย), memoranda of understanding and joint activities.

A partner type counts as engaged in a fiscal year when a partner of that type is a party
to an MOU signed, or takes part in a joint activity held, in that year. The rule is the
one the indicator ``partner_types_engaged`` measures, so the partners page and the
indicator always show the same number.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.core.files import check_evidence_file
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import require_editable, require_manager
from saisaat.participation.models import (
    JointActivity,
    MemorandumOfUnderstanding,
    Partner,
    PartnerType,
)
from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.calendar import fiscal_year_bounds

# ---------------------------------------------------------------------------- reading


def engaged_type_ids(unit_ids, fiscal_year: int) -> set[int]:
    """Partner types engaged by the units in the year (the indicator's rule)."""
    first, last = fiscal_year_bounds(fiscal_year)
    in_mou = Q(
        partners__mous__unit_id__in=unit_ids,
        partners__mous__signed_on__range=(first, last),
    )
    in_activity = Q(
        partners__joint_activities__unit_id__in=unit_ids,
        partners__joint_activities__held_on__range=(first, last),
    )
    return set(
        PartnerType.objects.filter(in_mou | in_activity)
        .order_by()
        .distinct()
        .values_list("pk", flat=True)
    )


def engaged_types_by_unit(units: list[Unit], fiscal_year: int) -> dict[int, set[int]]:
    """For each unit, the partner types its own MOUs and joint activities engaged."""
    first, last = fiscal_year_bounds(fiscal_year)
    found: dict[int, set[int]] = {unit.pk: set() for unit in units}
    pairs = list(
        MemorandumOfUnderstanding.objects.filter(unit__in=units, signed_on__range=(first, last))
        .order_by()
        .values_list("unit_id", "partners__partner_type_id")
        .distinct()
    ) + list(
        JointActivity.objects.filter(unit__in=units, held_on__range=(first, last))
        .order_by()
        .values_list("unit_id", "partners__partner_type_id")
        .distinct()
    )
    for unit_id, type_id in pairs:
        if type_id is not None:
            found[unit_id].add(type_id)
    return found


@dataclass
class TypeGroup:
    partner_type: PartnerType
    partners: list[Partner] = field(default_factory=list)
    engaged: bool = False


@dataclass
class DistrictEngagement:
    unit: Unit
    engaged: int


@dataclass
class PartnerOverview:
    unit: Unit
    fiscal_year: int
    groups: list[TypeGroup]
    mous: list[MemorandumOfUnderstanding]
    joint_activities: list[JointActivity]
    engaged: int
    type_count: int
    engaged_with_districts: int | None = None
    districts: list[DistrictEngagement] = field(default_factory=list)
    engaged_partner_ids: set[int] = field(default_factory=set)


def partner_overview(unit: Unit, fiscal_year: int) -> PartnerOverview:
    """Everything the partners page shows, in a fixed number of queries."""
    first, last = fiscal_year_bounds(fiscal_year)
    types = list(PartnerType.objects.all())
    groups = {t.pk: TypeGroup(t) for t in types}
    for partner in Partner.objects.filter(unit=unit).order_by("name"):
        groups[partner.partner_type_id].partners.append(partner)
    engaged_ids = engaged_type_ids((unit.pk,), fiscal_year)
    for type_id in engaged_ids:
        groups[type_id].engaged = True

    partners_in_order = Prefetch(
        "partners", queryset=Partner.objects.select_related("partner_type").order_by("name")
    )
    mous = list(
        MemorandumOfUnderstanding.objects.filter(unit=unit, signed_on__range=(first, last))
        .prefetch_related(partners_in_order)
        .order_by("signed_on", "pk")
    )
    joint_activities = list(
        JointActivity.objects.filter(unit=unit, held_on__range=(first, last))
        .prefetch_related(partners_in_order)
        .order_by("held_on", "pk")
    )
    overview = PartnerOverview(
        unit=unit,
        fiscal_year=fiscal_year,
        groups=list(groups.values()),
        mous=mous,
        joint_activities=joint_activities,
        engaged=len(engaged_ids),
        type_count=len(types),
        engaged_partner_ids={
            p.pk for record in [*mous, *joint_activities] for p in record.partners.all()
        },
    )
    if unit.kind == Unit.Kind.PROVINCE:
        districts = list(unit.children.filter(kind=Unit.Kind.DISTRICT).order_by("code"))
        by_unit = engaged_types_by_unit(districts, fiscal_year)
        overview.districts = [DistrictEngagement(d, len(by_unit[d.pk])) for d in districts]
        overview.engaged_with_districts = len(
            engaged_type_ids((unit.pk, *(d.pk for d in districts)), fiscal_year)
        )
    return overview


def unit_partners(unit: Unit):
    return Partner.objects.filter(unit=unit).select_related("partner_type").order_by("name")


# ---------------------------------------------------------------------------- changes


def _check_partners(unit: Unit, partners) -> list[Partner]:
    partners = list(partners)
    if not partners:
        raise ValidationError(_("Choose at least one partner."))
    if any(p.unit_id != unit.pk for p in partners):
        raise ValidationError(_("Choose partners of this unit only."))
    return partners


PARTNER_FIELDS = ["name", "partner_type", "contact"]
MOU_FIELDS = ["title", "signed_on", "fiscal_year", "file", "partners"]
JOINT_FIELDS = ["title", "held_on", "fiscal_year", "partners"]


@transaction.atomic
def create_partner(
    unit: Unit,
    *,
    name: str,
    partner_type: PartnerType,
    contact: str = "",
    acting_user: User | None = None,
) -> Partner:
    require_manager(acting_user, unit)
    partner = Partner.objects.create(
        unit=unit, name=name.strip(), partner_type=partner_type, contact=contact.strip()
    )
    audit.record_created(acting_user, "participation.partner_created", partner, PARTNER_FIELDS)
    return partner


@transaction.atomic
def update_partner(
    partner: Partner,
    *,
    name: str,
    partner_type: PartnerType,
    contact: str = "",
    acting_user: User | None = None,
) -> Partner:
    require_editable(acting_user, partner)
    before = audit.stored(partner, PARTNER_FIELDS)
    partner.name = name.strip()
    partner.partner_type = partner_type
    partner.contact = contact.strip()
    partner.save(update_fields=["name", "partner_type", "contact"])
    audit.record_changed(acting_user, "participation.partner_changed", partner, before)
    return partner


def _attach_file(mou: MemorandumOfUnderstanding, file, max_bytes: int) -> str | None:
    """Check and store ``file`` as the MOU's file; returns the name of the file it replaces."""
    checked = check_evidence_file(file, max_bytes=max_bytes)
    old_name = mou.file.name if mou.file else None
    mou.file.save(f"mou.{checked.extension}", file, save=False)
    return old_name


@transaction.atomic
def record_mou(
    unit: Unit,
    *,
    title: str,
    signed_on: date,
    partners,
    file=None,
    max_bytes: int,
    acting_user: User | None = None,
) -> MemorandumOfUnderstanding:
    """An MOU the unit signed with some of its partners, with the signed copy if given."""
    require_manager(acting_user, unit)
    partners = _check_partners(unit, partners)
    mou = MemorandumOfUnderstanding(
        unit=unit, fiscal_year=fiscal_year_of(signed_on), title=title.strip(), signed_on=signed_on
    )
    if file is not None:
        _attach_file(mou, file, max_bytes)
    try:
        mou.save()
        mou.partners.set(partners)
        audit.record_created(acting_user, "participation.mou_recorded", mou, MOU_FIELDS)
    except Exception:
        if mou.file:
            mou.file.storage.delete(mou.file.name)
        raise
    return mou


@transaction.atomic
def update_mou(
    mou: MemorandumOfUnderstanding,
    *,
    title: str,
    signed_on: date,
    partners,
    file=None,
    max_bytes: int,
    acting_user: User | None = None,
) -> MemorandumOfUnderstanding:
    """Correct an MOU; a new file replaces the old one, which is removed once saved."""
    require_editable(acting_user, mou)
    partners = _check_partners(mou.unit, partners)
    before = audit.stored(mou, MOU_FIELDS)
    old_name = _attach_file(mou, file, max_bytes) if file is not None else None
    mou.title = title.strip()
    mou.signed_on = signed_on
    mou.fiscal_year = fiscal_year_of(signed_on)
    mou.save(update_fields=["title", "signed_on", "fiscal_year", "file"])
    mou.partners.set(partners)
    audit.record_changed(acting_user, "participation.mou_changed", mou, before)
    if old_name:
        storage = mou.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return mou


@transaction.atomic
def record_joint_activity(
    unit: Unit, *, title: str, held_on: date, partners, acting_user: User | None = None
) -> JointActivity:
    require_manager(acting_user, unit)
    partners = _check_partners(unit, partners)
    activity = JointActivity.objects.create(
        unit=unit, fiscal_year=fiscal_year_of(held_on), title=title.strip(), held_on=held_on
    )
    activity.partners.set(partners)
    audit.record_created(
        acting_user, "participation.joint_activity_recorded", activity, JOINT_FIELDS
    )
    return activity


@transaction.atomic
def update_joint_activity(
    activity: JointActivity,
    *,
    title: str,
    held_on: date,
    partners,
    acting_user: User | None = None,
) -> JointActivity:
    require_editable(acting_user, activity)
    partners = _check_partners(activity.unit, partners)
    before = audit.stored(activity, JOINT_FIELDS)
    activity.title = title.strip()
    activity.held_on = held_on
    activity.fiscal_year = fiscal_year_of(held_on)
    activity.save(update_fields=["title", "held_on", "fiscal_year"])
    activity.partners.set(partners)
    audit.record_changed(acting_user, "participation.joint_activity_changed", activity, before)
    return activity


def can_configure_types(user: User) -> bool:
    """Partner types are the department's list: only its administrators change it."""
    return user.is_authenticated and user.is_department_user and user.is_administrator


@transaction.atomic
def create_partner_type(*, code: str, name_th: str, position: int) -> PartnerType:
    if PartnerType.objects.filter(code=code).exists():
        raise ValidationError(_("A partner type with this code already exists."))
    return PartnerType.objects.create(code=code, name_th=name_th.strip(), position=position)


@transaction.atomic
def update_partner_type(partner_type: PartnerType, *, name_th: str, position: int) -> PartnerType:
    partner_type.name_th = name_th.strip()
    partner_type.position = position
    partner_type.save(update_fields=["name_th", "position"])
    return partner_type
