"""The demo province: Nong Khai's provincial office, its nine district offices, 71 staff
with clearly synthetic names, demo logins for each role, and the FY2566 action plan."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from saisaat.indicators.binding import bind_plan_targets
from saisaat.orgs.models import Unit, User, WorkGroup
from saisaat.participation.reference import ensure_reference_data
from saisaat.plans.importer import ensure_standard_work_groups, import_plan
from saisaat.plans.parsing import parse_plan_text, read_plan_file
from saisaat.thai.calendar import fiscal_year
from saisaat.thai.digits import to_thai_digits
from saisaat.tracking.services import publish_plan

DEMO_PASSWORD = "saisaat-demo"
DEMO_FISCAL_YEAR = 2566
PLAN_FILE = (
    Path(__file__).resolve().parent.parent
    / "plans"
    / "fixtures"
    / ("nongkhai-2566-clean-cdd-plan.txt")
)

DEPARTMENT = ("00", "กรมการพัฒนาชุมชน", "Community Development Department", "พช.")
PROVINCE = (
    "43",
    "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
    "Nong Khai Provincial Community Development Office",
    "สพจ.หนองคาย",
)
DISTRICTS = [
    ("4301", "เมืองหนองคาย", "Mueang Nong Khai"),
    ("4302", "ท่าบ่อ", "Tha Bo"),
    ("4305", "โพนพิสัย", "Phon Phisai"),
    ("4307", "ศรีเชียงใหม่", "Si Chiang Mai"),
    ("4308", "สังคม", "Sangkhom"),
    ("4314", "สระใคร", "Sakhrai"),
    ("4315", "เฝ้าไร่", "Fao Rai"),
    ("4316", "รัตนวาปี", "Rattanawapi"),
    ("4317", "โพธิ์ตาก", "Pho Tak"),
]

# First names are ordinary; every surname is "สาธิต" (demonstration) and a number,
# so no demo person can be mistaken for a real one.
FIRST_NAMES = [
    "กมล",
    "กานดา",
    "จันทร์เพ็ญ",
    "ชัยวัฒน์",
    "ณัฐพล",
    "ดวงใจ",
    "ธนพร",
    "นภา",
    "บุญมี",
    "ปรีชา",
    "พรทิพย์",
    "มานพ",
    "รัตนา",
    "ลำดวน",
    "วิไล",
    "ศักดิ์ชัย",
    "สมพร",
    "สุดารัตน์",
    "อนุชา",
    "อรุณี",
    "เอกชัย",
    "ไพฑูรย์",
    "อำไพ",
    "ทองใบ",
]


@dataclass(frozen=True)
class DemoLogin:
    """A memorable login that takes over one staff slot, with the role it demonstrates."""

    username: str
    slot: str
    role: str
    description: str
    is_superuser: bool = False


DEMO_LOGINS = [
    DemoLogin(
        "director", "director", User.Role.APPROVER, "provincial development officer, approves"
    ),
    DemoLogin(
        "officer", "p43-coordination-02", User.Role.OFFICER, "provincial officer (coordination)"
    ),
    DemoLogin(
        "strategy", "p43-strategy-01", User.Role.APPROVER, "group director, delegated approver"
    ),
    DemoLogin(
        "admin",
        "p43-informatics-02",
        User.Role.ADMINISTRATOR,
        "administrator, also Django admin",
        is_superuser=True,
    ),
    DemoLogin("committee", "p43-promotion-02", User.Role.COMMITTEE, "evaluation committee"),
    DemoLogin(
        "district4301",
        "d4301-01",
        User.Role.APPROVER,
        "district development officer, heads the Mueang Nong Khai office",
    ),
    DemoLogin(
        "district4302",
        "d4302-01",
        User.Role.APPROVER,
        "district development officer, heads the Tha Bo office",
    ),
]

# A department officer who reads every province's progress; not one of the province's 71.
DEPARTMENT_LOGIN = DemoLogin(
    "department", "", User.Role.ADMINISTRATOR, "department officer, sees every province"
)

PROVINCIAL_STAFF_PER_GROUP = {
    WorkGroup.Function.COORDINATION: 7,
    WorkGroup.Function.STRATEGY: 6,
    WorkGroup.Function.PROMOTION: 7,
    WorkGroup.Function.INFORMATICS: 5,
}
STAFF_PER_DISTRICT = 5
TOTAL_STAFF = 1 + sum(PROVINCIAL_STAFF_PER_GROUP.values()) + STAFF_PER_DISTRICT * len(DISTRICTS)


def _upsert_unit(code, kind, name_th, name_en, short_name_th, parent=None) -> Unit:
    unit, _ = Unit.objects.update_or_create(
        code=code,
        defaults={
            "kind": kind,
            "name_th": name_th,
            "name_en": name_en,
            "short_name_th": short_name_th,
            "parent": parent,
        },
    )
    return unit


def _staff_slots(province: Unit, groups: dict[str, WorkGroup], districts: list[Unit]):
    """(username, unit, work group, role, position) for each of the 71 staff, in a fixed order."""
    slots = [("director", province, None, User.Role.APPROVER, "พัฒนาการจังหวัดหนองคาย")]
    for function, size in PROVINCIAL_STAFF_PER_GROUP.items():
        group = groups[function]
        for n in range(1, size + 1):
            if n == 1:
                role, position = User.Role.APPROVER, f"ผู้อำนวยการ{group.name_th}"
            else:
                role, position = User.Role.OFFICER, "นักวิชาการพัฒนาชุมชน"
            slots.append((f"p43-{function}-{n:02d}", province, group, role, position))
    for district in districts:
        for n in range(1, STAFF_PER_DISTRICT + 1):
            position = f"พัฒนาการอำเภอ{district.name_th.removeprefix('สำนักงานพัฒนาชุมชนอำเภอ')}"
            if n > 1:
                position = "นักวิชาการพัฒนาชุมชน"
            # The district development officer heads the office and manages its own records
            # (surveys, activities, declarations); approving plan work stays provincial.
            role = User.Role.APPROVER if n == 1 else User.Role.OFFICER
            slots.append((f"d{district.code}-{n:02d}", district, None, role, position))
    return slots


@transaction.atomic
def seed_demo_province() -> dict:
    department = _upsert_unit(*DEPARTMENT[:1], Unit.Kind.DEPARTMENT, *DEPARTMENT[1:])
    province = _upsert_unit(PROVINCE[0], Unit.Kind.PROVINCE, *PROVINCE[1:], parent=department)
    districts = [
        _upsert_unit(
            code,
            Unit.Kind.DISTRICT,
            f"สำนักงานพัฒนาชุมชนอำเภอ{name_th}",
            f"{name_en} District Community Development Office",
            f"สพอ.{name_th}",
            parent=province,
        )
        for code, name_th, name_en in DISTRICTS
    ]
    groups = ensure_standard_work_groups(province)
    ensure_reference_data()

    logins = {login.slot: login for login in DEMO_LOGINS}
    # One hash for every demo account: hashing 71 times would make `make run` slow.
    password_hash = make_password(DEMO_PASSWORD)
    created = 0
    for index, (slot, unit, group, role, position) in enumerate(
        _staff_slots(province, groups, districts), start=1
    ):
        login = logins.get(slot)
        username = login.username if login else slot
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": FIRST_NAMES[index % len(FIRST_NAMES)],
                "last_name": f"สาธิต{to_thai_digits(f'{index:02d}')}",
                "email": f"{username}@demo.saisaat.invalid",
                "unit": unit,
                "work_group": group,
                "role": login.role if login else role,
                "position": position,
                "is_staff": bool(login and login.is_superuser and settings.DEBUG),
                "is_superuser": bool(login and login.is_superuser and settings.DEBUG),
                "password": password_hash,
            },
        )
        created += was_created

    if not settings.DEBUG:
        # The demo's passwords are in the README: outside development no demo login may
        # open the admin site, including one made by an earlier run with DEBUG on.
        superusers = [login.username for login in DEMO_LOGINS if login.is_superuser]
        User.objects.filter(username__in=superusers).update(is_staff=False, is_superuser=False)

    User.objects.get_or_create(
        username=DEPARTMENT_LOGIN.username,
        defaults={
            "first_name": "ผู้ตรวจ",
            "last_name": "สาธิตส่วนกลาง",
            "email": f"{DEPARTMENT_LOGIN.username}@demo.saisaat.invalid",
            "unit": department,
            "role": DEPARTMENT_LOGIN.role,
            "position": "เจ้าหน้าที่ส่วนกลาง กรมการพัฒนาชุมชน",
            "password": password_hash,
        },
    )

    result = import_plan(
        parse_plan_text(read_plan_file(PLAN_FILE)),
        unit=province,
        fiscal_year=DEMO_FISCAL_YEAR,
        source_name=PLAN_FILE.name,
    )
    published = publish_plan(result.plan)
    bind_plan_targets(result.plan)
    areas = {name: seed(province, DEMO_FISCAL_YEAR) for name, seed in _area_seeds()}
    return {
        "plan": result.plan,
        "users_created": created,
        "plan_changed": result.changed,
        "assignments_created": published.created,
        "areas": areas,
    }


def seed_current_year(province: Unit) -> dict:
    """The source plan re-based to the fiscal year of today, beside FY2566, with progress as
    it might stand today: work due before today mostly done, some overdue or returned, work
    due later under way or not started, so a newcomer sees this month's work. Nothing when
    today is in FY2566; a second run changes nothing."""
    from saisaat.demo.knowledge import seed_open_knowledge_tests
    from saisaat.demo.national import _for_year
    from saisaat.demo.progress import seed_tracking_demo

    today = timezone.localdate()
    current = fiscal_year(today)
    if current == DEMO_FISCAL_YEAR:
        return {}
    result = import_plan(
        _for_year(parse_plan_text(read_plan_file(PLAN_FILE)), current),
        unit=province,
        fiscal_year=current,
        source_name=PLAN_FILE.name,
    )
    published = publish_plan(result.plan)
    bind_plan_targets(result.plan)
    progress = seed_tracking_demo(province, current, as_of=today)
    progress |= seed_open_knowledge_tests(province, current)
    return {"plan": result.plan, "assignments_created": published.created, **progress}


def _area_seeds():
    """Each area's demo data, in the order they depend on each other: the staff registry
    first (loaded through the staff import, linking the accounts above), then what people do."""
    # Imported here: the area modules import this one's constants (the national generator
    # through the progress seed), so importing them at the top would be circular.
    from saisaat.demo.activities import seed_activities_demo
    from saisaat.demo.assessments import seed_assessments_demo
    from saisaat.demo.budget import seed_budget_demo
    from saisaat.demo.certificates import seed_certificates_demo
    from saisaat.demo.complaints import seed_complaints_demo
    from saisaat.demo.declarations import seed_declarations_demo
    from saisaat.demo.documents import seed_documents_demo
    from saisaat.demo.fives import seed_fives_demo
    from saisaat.demo.goals import seed_goals_demo
    from saisaat.demo.innovation import seed_innovation_demo
    from saisaat.demo.knowledge import seed_knowledge_demo
    from saisaat.demo.moral import seed_moral_demo, seed_workshop_demo
    from saisaat.demo.partners import seed_partners_demo
    from saisaat.demo.portal import seed_portal_demo
    from saisaat.demo.progress import seed_tracking_demo
    from saisaat.demo.staff import seed_staff_demo
    from saisaat.demo.subplans import seed_subplans_demo
    from saisaat.demo.surveys import seed_surveys_demo
    from saisaat.demo.workplace import seed_workplace_demo

    return [
        ("progress", seed_tracking_demo),
        ("staff", seed_staff_demo),
        ("certificates", seed_certificates_demo),
        ("knowledge test", seed_knowledge_demo),
        ("declarations", seed_declarations_demo),
        ("moral goals", seed_goals_demo),
        ("activities", seed_activities_demo),
        ("partners", seed_partners_demo),
        ("innovation", seed_innovation_demo),
        ("workplace", seed_workplace_demo),
        ("complaints", seed_complaints_demo),
        ("surveys", seed_surveys_demo),
        ("budget", seed_budget_demo),
        ("documents", seed_documents_demo),
        ("sub-plans", seed_subplans_demo),
        ("portal", seed_portal_demo),
        ("OSMKH workshop", seed_workshop_demo),
        ("assessments", seed_assessments_demo),
        ("5S inspections", seed_fives_demo),
        ("moral self-assessment", seed_moral_demo),
    ]
