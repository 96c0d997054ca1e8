"""Office activities, their attendance and QR check-in.

Managers record attendance by ticking names from the unit's active staff. At the venue,
people check themselves in by scanning the activity's QR code: staff of the unit and of
the units below it may check in (a provincial event often has district heads too). The
code works only while check-in is open; a new code makes printed old ones useless.
"""

import io
from collections import Counter
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.indicators.metrics import METRICS, MetricValue, Scope, percent
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.participation.models import Attendance, OfficeActivity, Virtue
from saisaat.participation.models.events import new_checkin_token
from saisaat.plans.models import Activity, Plan
from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.calendar import fiscal_year_bounds

# ---------------------------------------------------------------------------- reading


def activities_for(unit: Unit, fiscal_year: int):
    """The unit's activities held in the fiscal year, with their attendance counts."""
    first, last = fiscal_year_bounds(fiscal_year)
    return (
        OfficeActivity.objects.filter(unit=unit, held_on__range=(first, last))
        .select_related("plan_activity__measure__dimension")
        .annotate(attendee_count=Count("attendance"))
        .order_by("-held_on", "-pk")
    )


def virtue_labels(virtues) -> list[str]:
    return [Virtue(value).label for value in virtues if value in Virtue.values]


@dataclass(frozen=True)
class Coverage:
    """Moral-organisation activities per virtue, counted as the indicator counts them."""

    activities: int
    per_virtue: list[tuple[Virtue, int]]

    @property
    def virtues_covered(self) -> int:
        return sum(1 for _virtue, count in self.per_virtue if count)


def virtue_coverage(activities) -> Coverage:
    moral = [a for a in activities if a.is_moral_organisation and a.virtues]
    counts = Counter(virtue for a in moral for virtue in set(a.virtues))
    return Coverage(len(moral), [(virtue, counts.get(virtue.value, 0)) for virtue in Virtue])


def attendance_share(unit: Unit, fiscal_year: int) -> MetricValue:
    """Active staff of the unit who attended a moral-organisation activity in the year."""
    scope = Scope(unit=unit, unit_ids=(unit.pk,), fiscal_year=fiscal_year)
    return METRICS["moral_activity_attendance"].compute(scope)


def activity_attendance(activity: OfficeActivity) -> dict:
    """Attendees of one activity against the active staff of its unit, in one query."""
    counts = StaffMember.objects.filter(unit_id=activity.unit_id, is_active=True).aggregate(
        whole=Count("pk"),
        part=Count("pk", filter=Q(pk__in=activity.attendance.values("staff_id"))),
    )
    return {
        "present": counts["part"],
        "staff": counts["whole"],
        "percent": percent(counts["part"], counts["whole"]),
    }


def plan_activities(unit: Unit, fiscal_year: int):
    """Activities of the unit's province's plan for the year that this kind of unit does."""
    province = unit.province or unit
    plan = Plan.objects.filter(owner_unit=province, fiscal_year=fiscal_year)
    return (
        Activity.objects.active()
        .filter(measure__dimension__plan__in=plan)
        .filter(Q(added_by_unit__isnull=True) | Q(added_by_unit=unit))
        .for_unit_kind(unit.kind)
        .select_related("measure__dimension__plan")
        .in_plan_order()
    )


def can_check_in(activity: OfficeActivity, staff: StaffMember | None) -> bool:
    """Staff of the activity's unit or a unit below it."""
    if staff is None or not staff.is_active:
        return False
    unit = staff.unit
    return activity.unit_id in (unit.pk, unit.parent_id) or (
        unit.parent_id is not None and unit.parent.parent_id == activity.unit_id
    )


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def checkin_url(request, activity: OfficeActivity) -> str:
    """The absolute address a phone opens. The configured site address wins, unless it is
    the development default on this computer, which no phone can reach: then the address
    the manager is using is the better guess."""
    path = reverse("participation:activity-check-in", args=[activity.checkin_token])
    base = getattr(settings, "SAISAAT_BASE_URL", "") or ""
    if base and urlsplit(base).hostname not in LOOPBACK_HOSTS:
        return base.rstrip("/") + path
    return request.build_absolute_uri(path)


def qr_image(url: str, kind: str) -> bytes:
    """The check-in URL as an SVG or PNG QR code."""
    code = segno.make(url, error="m")
    buffer = io.BytesIO()
    if kind == "svg":
        code.save(buffer, kind="svg", scale=8, border=2, title=url)
    else:
        code.save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- changes


ACTIVITY_FIELDS = [
    "title",
    "held_on",
    "fiscal_year",
    "place",
    "virtues",
    "is_moral_organisation",
    "plan_activity",
]


@transaction.atomic
def create_activity(
    unit: Unit,
    *,
    acting_user: User,
    title: str,
    held_on: date,
    place: str = "",
    virtues: list[str] = (),
    is_moral_organisation: bool = True,
    plan_activity: Activity | None = None,
) -> OfficeActivity:
    activity = OfficeActivity.objects.create(
        unit=unit,
        fiscal_year=fiscal_year_of(held_on),
        title=title.strip(),
        held_on=held_on,
        place=place.strip(),
        virtues=_ordered_virtues(virtues),
        is_moral_organisation=is_moral_organisation,
        plan_activity=plan_activity,
        created_by=acting_user,
    )
    audit.record_created(acting_user, "participation.activity_created", activity, ACTIVITY_FIELDS)
    return activity


@transaction.atomic
def update_activity(
    activity: OfficeActivity,
    *,
    acting_user: User,
    title: str,
    held_on: date,
    place: str = "",
    virtues: list[str] = (),
    is_moral_organisation: bool = True,
    plan_activity: Activity | None = None,
) -> OfficeActivity:
    before = audit.stored(activity, ACTIVITY_FIELDS)
    activity.title = title.strip()
    activity.held_on = held_on
    activity.fiscal_year = fiscal_year_of(held_on)
    activity.place = place.strip()
    activity.virtues = _ordered_virtues(virtues)
    activity.is_moral_organisation = is_moral_organisation
    activity.plan_activity = plan_activity
    activity.save(
        update_fields=[
            "title",
            "held_on",
            "fiscal_year",
            "place",
            "virtues",
            "is_moral_organisation",
            "plan_activity",
        ]
    )
    audit.record_changed(acting_user, "participation.activity_changed", activity, before)
    return activity


def _ordered_virtues(virtues) -> list[str]:
    chosen = set(virtues)
    return [value for value in Virtue.values if value in chosen]


@transaction.atomic
def record_attendance(
    activity: OfficeActivity, staff, *, method: str, acting_user: User | None = None
) -> int:
    """Add people to the list; those already on it stay as they are. Returns how many
    were added."""
    present = set(activity.attendance.values_list("staff_id", flat=True))
    new = [
        Attendance(activity=activity, staff=person, method=method)
        for person in staff
        if person.pk not in present
    ]
    Attendance.objects.bulk_create(new, ignore_conflicts=True)
    audit.record_many(
        [
            _attendance_entry(acting_user, "participation.attendance_added", activity, row.staff)
            for row in new
        ]
    )
    return len(new)


def _attendance_entry(actor, action: str, activity: OfficeActivity, person) -> dict:
    added = action.endswith("added")
    return dict(
        actor=actor,
        action=action,
        obj=activity,
        changes={"attendance": [None, person.pk] if added else [person.pk, None]},
        unit=activity.unit_id,
        fiscal_year=activity.fiscal_year,
        label=activity.title[:200],
    )


@transaction.atomic
def remove_attendance(
    activity: OfficeActivity, staff: StaffMember, *, acting_user: User | None = None
) -> bool:
    deleted, _detail = Attendance.objects.filter(activity=activity, staff=staff).delete()
    if deleted:
        audit.record(
            **_attendance_entry(acting_user, "participation.attendance_removed", activity, staff)
        )
    return bool(deleted)


class CheckInRefused(ValidationError):
    """Check-in is closed, or the person is not staff of the activity's units."""


def check_in(activity: OfficeActivity, staff: StaffMember | None) -> tuple[Attendance, bool]:
    """Record that ``staff`` came, by the QR code; checking in twice changes nothing.
    Returns the attendance and whether it is new."""
    if not activity.checkin_open:
        raise CheckInRefused(_("Check-in for this activity is closed."), code="closed")
    if not can_check_in(activity, staff):
        raise CheckInRefused(
            _("Only staff of %(unit)s and its district offices can check in here.")
            % {"unit": activity.unit},
            code="not_staff",
        )
    try:
        with transaction.atomic():
            attendance, created = Attendance.objects.get_or_create(
                activity=activity, staff=staff, defaults={"method": Attendance.Method.QR}
            )
            if created:
                actor = staff.user if staff.user_id else f"staff {staff.pk}: {staff}"
                audit.record(
                    **_attendance_entry(actor, "participation.attendance_added", activity, staff)
                )
            return attendance, created
    except IntegrityError:
        # A second tap raced the first one; the first one's row is the answer.
        return Attendance.objects.get(activity=activity, staff=staff), False


@transaction.atomic
def set_checkin_open(
    activity: OfficeActivity, is_open: bool, *, acting_user: User | None = None
) -> OfficeActivity:
    before = audit.stored(activity, ["checkin_open"])
    activity.checkin_open = is_open
    activity.save(update_fields=["checkin_open"])
    audit.record_changed(acting_user, "participation.checkin_toggled", activity, before)
    return activity


@transaction.atomic
def regenerate_checkin_token(
    activity: OfficeActivity, *, acting_user: User | None = None
) -> OfficeActivity:
    activity.checkin_token = new_checkin_token()
    activity.save(update_fields=["checkin_token"])
    # The token opens check-in, so the log says it changed but not what it is.
    audit.record(
        acting_user,
        "participation.checkin_code_renewed",
        activity,
        changes={"checkin_token": ["old", "new"]},
        unit=activity.unit_id,
        fiscal_year=activity.fiscal_year,
    )
    return activity


# ---------------------------------------------------------------------------- demo

# (title, month, day, place, virtues, share of the staff attending, some by QR)
DEMO_PROVINCE_ACTIVITIES = [
    (
        "ทำบุญตักบาตรเนื่องในวันพ่อแห่งชาติ",
        12,
        5,
        "ลานหน้าศาลากลางจังหวัดหนองคาย",
        ["gratitude"],
        0.85,
        False,
    ),
    (
        "จิตอาสาพัฒนาวัดโพธิ์ชัย",
        1,
        21,
        "วัดโพธิ์ชัย พระอารามหลวง",
        ["volunteering", "gratitude"],
        0.8,
        True,
    ),
    (
        "ตลาดนัดชุมชนพอเพียง สินค้า OTOP",
        2,
        17,
        "ลานจอดรถสำนักงานพัฒนาชุมชนจังหวัด",
        ["sufficiency"],
        0.7,
        True,
    ),
    (
        "กิจกรรม 5ส ทำความสะอาดสำนักงาน (Big Cleaning Day)",
        3,
        3,
        "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
        ["discipline"],
        0.9,
        False,
    ),
    (
        "เข้าแถวเคารพธงชาติและร้องเพลงชาติทุกวันจันทร์",
        3,
        13,
        "เสาธงศาลากลางจังหวัดหนองคาย",
        ["discipline"],
        0.75,
        True,
    ),
    (
        "อบรมนโยบายไม่รับของขวัญ (No Gift Policy) และการป้องกันผลประโยชน์ทับซ้อน",
        4,
        7,
        "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
        ["integrity"],
        0.65,
        True,
    ),
]
DEMO_DISTRICT_ACTIVITIES = [
    ("จิตอาสาทำความสะอาดที่ว่าการอำเภอ", 2, 10, ["volunteering"], 0.8),
    ("เข้าแถวเคารพธงชาติ", 3, 6, ["discipline"], 1.0),
    ("ออมวันละบาท สำนักงานพอเพียง", 4, 3, ["sufficiency"], 0.6),
]


def _demo_plan_activity(province: Unit, fiscal_year: int) -> Activity | None:
    """Dimension 4's "carry out the moral-organisation plan's activities" line."""
    return (
        Activity.objects.active()
        .filter(
            measure__dimension__plan__owner_unit=province,
            measure__dimension__plan__fiscal_year=fiscal_year,
            measure__dimension__number=4,
            measure__number=3,
            added_by_unit__isnull=True,
        )
        .order_by("position")
        .first()
    )


def _demo_creator(province: Unit) -> User | None:
    return (
        User.objects.filter(username="director").first()
        or User.objects.filter(unit=province, role=User.Role.APPROVER).order_by("pk").first()
        or User.objects.filter(unit=province).order_by("pk").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )


@transaction.atomic
def seed_activities_demo(province: Unit, fiscal_year: int) -> dict:
    """Six moral-organisation activities at the province across the five virtues, one or
    two at each district office, and attendance for most of the staff, some recorded
    from the list and some by QR. Idempotent."""
    result = {"activities_created": 0, "attendance_created": 0}
    creator = _demo_creator(province)
    if creator is None:
        return result
    plan_activity = _demo_plan_activity(province, fiscal_year)
    ce_start = fiscal_year_bounds(fiscal_year)[0].year  # Oct-Dec fall in this calendar year

    def day(month, dom):
        return date(ce_start if month >= 10 else ce_start + 1, month, dom)

    def ensure(unit, title, held_on, place, virtues, share, by_qr, linked):
        activity, created = OfficeActivity.objects.get_or_create(
            unit=unit,
            title=title,
            held_on=held_on,
            defaults={
                "fiscal_year": fiscal_year,
                "place": place,
                "virtues": _ordered_virtues(virtues),
                "is_moral_organisation": True,
                "plan_activity": linked,
                "checkin_open": False,
                "created_by": creator,
            },
        )
        result["activities_created"] += created
        staff = list(StaffMember.objects.active().filter(unit=unit).order_by("pk"))
        # Every seventh person is away all year, so the share is real rather than 100 %.
        staff = [person for n, person in enumerate(staff, start=1) if n % 7]
        # A different slice of people each time, so some staff attend nothing.
        count = round(len(staff) * share)
        offset = len(title) % max(len(staff), 1)
        chosen = (staff[offset:] + staff[:offset])[:count]
        if by_qr:
            half = len(chosen) * 2 // 3
            result["attendance_created"] += record_attendance(
                activity, chosen[:half], method=Attendance.Method.QR
            )
            chosen = chosen[half:]
        result["attendance_created"] += record_attendance(
            activity, chosen, method=Attendance.Method.LIST
        )
        return activity

    for title, month, dom, place, virtues, share, by_qr in DEMO_PROVINCE_ACTIVITIES:
        ensure(province, title, day(month, dom), place, virtues, share, by_qr, plan_activity)
    for index, district in enumerate(province.children.order_by("code")):
        picks = [DEMO_DISTRICT_ACTIVITIES[index % 3]]
        if index % 2 == 0:
            picks.append(DEMO_DISTRICT_ACTIVITIES[(index + 1) % 3])
        for title, month, dom, virtues, share in picks:
            place = district.name_th.replace("สำนักงานพัฒนาชุมชน", "ที่ว่าการ")
            ensure(
                district,
                title,
                day(month, dom + index),
                place,
                virtues,
                share,
                False,
                plan_activity,
            )
    result["activities"] = OfficeActivity.objects.filter(
        unit__in=Unit.objects.within(province), fiscal_year=fiscal_year
    ).count()
    return result
