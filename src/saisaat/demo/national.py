"""A synthetic department-scale data set for load tests: 76 provincial offices, their
district offices and staff, the source plan imported and published in each province, and
evidence on most of the resulting assignments.

Every generated unit has a code starting with 9 ("901".."976", districts "90101"...), so
nothing clashes with real geocodes or the demo province (43). Generation is deterministic
for a given seed; it refuses to run twice on the same database.
"""

import dataclasses
import hashlib
import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from time import perf_counter

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from saisaat.demo.province import DEMO_FISCAL_YEAR, PLAN_FILE
from saisaat.orgs.models import Unit, User, WorkGroup
from saisaat.plans.importer import ensure_standard_work_groups, import_plan
from saisaat.plans.models import Activity, Plan
from saisaat.plans.parsing import ParsedPlan, parse_plan_text, read_plan_file
from saisaat.thai.digits import to_thai_digits
from saisaat.tracking.models import Assignment, AssignmentEvent, EvidenceItem
from saisaat.tracking.services import publish_plan

SOURCE_FISCAL_YEAR = DEMO_FISCAL_YEAR
DEPARTMENT = ("00", "กรมการพัฒนาชุมชน", "Community Development Department", "พช.")
FIRST_PROVINCE_CODE = "901"
MAX_PROVINCES = 99
MAX_YEARS = 10
PASSWORD = "saisaat-national"
EVIDENCE_BATCH = 5000
# An approver and two officers at each provincial office, one officer at each district.
STAFF_PER_PROVINCE = 3

Status = Assignment.Status

# Status shares of the generated assignments, in the order they are drawn.
STATUS_MIX = [
    (Status.APPROVED, 0.40),
    (Status.SUBMITTED, 0.15),
    (Status.IN_PROGRESS, 0.20),
    (Status.RETURNED, 0.05),
    (Status.NOT_STARTED, 0.20),
]
EVIDENCE_KIND_MIX = [
    (EvidenceItem.Kind.FILE, 0.5),
    (EvidenceItem.Kind.LINK, 0.3),
    (EvidenceItem.Kind.NOTE, 0.2),
]

# The smallest well-formed one-page PDF, shared by every generated file item.
SAMPLE_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n"
    b"%%EOF\n"
)
SAMPLE_FILE_NAME = "evidence/national/sample-evidence.pdf"


class AlreadyGenerated(Exception):
    """The database already holds a generated national data set."""


@dataclasses.dataclass
class NationalCounts:
    provinces: int = 0
    districts: int = 0
    users: int = 0
    plans: int = 0
    assignments: int = 0
    evidence: int = 0
    statuses: Counter = dataclasses.field(default_factory=Counter)
    seconds: float = 0.0


@dataclasses.dataclass(frozen=True)
class SharedFile:
    """One stored file that many generated evidence items point at."""

    name: str
    size: int
    sha256: str


def province_code(number: int) -> str:
    return f"9{number:02d}"


def district_code(province_number: int, number: int) -> str:
    return f"{province_code(province_number)}{number:02d}"


def district_counts(provinces: int, districts_per_province: float) -> list[int]:
    """How many district offices each province gets: round(provinces x average), rounded
    half up, spread as evenly as possible with the larger provinces first."""
    total = math.floor(provinces * districts_per_province + 0.5)
    base, extra = divmod(total, provinces)
    return [base + 1 if index < extra else base for index in range(provinces)]


def is_generated() -> bool:
    return Unit.objects.filter(code=FIRST_PROVINCE_CODE).exists()


def generate_national(
    *,
    provinces: int = 76,
    districts_per_province: float = 11.5,
    evidence_per_assignment: float = 4.5,
    fiscal_year: int = SOURCE_FISCAL_YEAR,
    years: int = 1,
    seed: int = 1,
    progress: Callable[[str], None] | None = None,
) -> NationalCounts:
    """Build the data set and return what was created.

    Each started assignment gets between 1 and ``2 * evidence_per_assignment - 1`` (rounded)
    evidence items, ``evidence_per_assignment`` on average; not-started ones get none. The
    default, 4.5, gives about 150,000 items for the whole department.
    ``years`` fiscal years end with ``fiscal_year``: each province gets the source plan
    re-based to each of them (older years first), so the data set grows as a department's
    does over time while the current year stays the last one.
    Raises :class:`AlreadyGenerated` if province 901 exists.
    """
    if not 1 <= provinces <= MAX_PROVINCES:
        raise ValueError(f"provinces must be between 1 and {MAX_PROVINCES}")
    if districts_per_province < 0 or evidence_per_assignment < 0:
        raise ValueError("districts per province and evidence per assignment must be >= 0")
    if not 1 <= years <= MAX_YEARS:
        raise ValueError(f"years must be between 1 and {MAX_YEARS}")
    if is_generated():
        raise AlreadyGenerated(
            f"unit {FIRST_PROVINCE_CODE} exists: this database already has the national data set"
        )
    started = perf_counter()
    say = progress or (lambda message: None)
    rng = random.Random(seed)
    counts = NationalCounts()
    source = parse_plan_text(read_plan_file(PLAN_FILE))
    plan_years = range(fiscal_year - years + 1, fiscal_year + 1)
    parsed_by_year = {year: _for_year(source, year) for year in plan_years}
    password = make_password(PASSWORD)
    shared_file = store_shared_file()

    with transaction.atomic():
        department, created_admin = _department(password)
        units = _create_units(department, district_counts(provinces, districts_per_province))
    counts.users += int(created_admin)

    for number, (province, districts) in enumerate(units, start=1):
        with transaction.atomic():
            uploaders = _create_staff(province, districts, password)
            for year, parsed in parsed_by_year.items():
                plan = import_plan(
                    dataclasses.replace(parsed, title=_plan_title(province, year)),
                    unit=province,
                    fiscal_year=year,
                    source_name=PLAN_FILE.name,
                ).plan
                published = publish_plan(plan)
                statuses, evidence = _fill_province(
                    plan, uploaders, rng, evidence_per_assignment, shared_file
                )
                counts.plans += 1
                counts.assignments += published.created
                counts.evidence += evidence
                counts.statuses.update(statuses)
        counts.provinces += 1
        counts.districts += len(districts)
        counts.users += STAFF_PER_PROVINCE + len(districts)
        if number % 10 == 0 or number == len(units):
            say(
                f"{number}/{len(units)} provinces, {counts.assignments} assignments, "
                f"{counts.evidence} evidence items, {perf_counter() - started:.0f} s"
            )
    _settle_statistics()
    counts.seconds = perf_counter() - started
    return counts


def _settle_statistics() -> None:
    """On PostgreSQL, vacuum and analyse what was loaded, as autovacuum would soon do on a
    live system: the status updates leave dead row versions behind, and the planner would
    otherwise estimate from statistics taken before the load."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(
        connection.ops.quote_name(model._meta.db_table)
        for model in (Unit, User, Plan, Activity, Assignment, AssignmentEvent, EvidenceItem)
    )
    # VACUUM cannot run inside a transaction (as in a test case); ANALYZE alone can.
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {tables}")


def _for_year(parsed: ParsedPlan, fiscal_year: int) -> ParsedPlan:
    """The source plan with every period moved from its own fiscal year to ``fiscal_year``."""
    shift = fiscal_year - SOURCE_FISCAL_YEAR
    if shift == 0:
        return parsed

    def moved(day: date) -> date:
        try:
            return day.replace(year=day.year + shift)
        except ValueError:  # 29 February into a common year
            return day.replace(year=day.year + shift, day=28)

    return dataclasses.replace(
        parsed,
        dimensions=[
            dataclasses.replace(
                dimension,
                measures=[
                    dataclasses.replace(
                        measure,
                        activities=[
                            dataclasses.replace(
                                activity,
                                period_start=moved(activity.period_start),
                                period_end=moved(activity.period_end),
                            )
                            for activity in measure.activities
                        ],
                    )
                    for measure in dimension.measures
                ],
            )
            for dimension in parsed.dimensions
        ],
    )


def _plan_title(province: Unit, fiscal_year: int) -> str:
    return (
        "แผนปฏิบัติการขับเคลื่อนโครงการพัฒนาชุมชนใสสะอาด ประจำปีงบประมาณ พ.ศ. "
        f"{to_thai_digits(fiscal_year)} ของ {province.name_th}"
    )


def store_shared_file(name: str = SAMPLE_FILE_NAME, content: bytes = SAMPLE_PDF) -> SharedFile:
    # Storage may rename the file if the name is taken; the returned name is what rows use.
    stored = default_storage.save(name, ContentFile(content))
    return SharedFile(stored, len(content), hashlib.sha256(content).hexdigest())


def _department(password: str) -> tuple[Unit, bool]:
    """The department unit (reused if present) and whether its administrator was created."""
    code, name_th, name_en, short_name = DEPARTMENT
    unit, _ = Unit.objects.get_or_create(
        code=code,
        defaults={
            "kind": Unit.Kind.DEPARTMENT,
            "name_th": name_th,
            "name_en": name_en,
            "short_name_th": short_name,
        },
    )
    _, created = User.objects.get_or_create(
        username="nat-department-admin",
        defaults={
            "unit": unit,
            "role": User.Role.ADMINISTRATOR,
            "first_name": "ผู้ดูแลระบบกรม",
            "last_name": "ทดสอบ",
            "email": "nat-department-admin@national.saisaat.invalid",
            "password": password,
        },
    )
    return unit, created


def _create_units(department: Unit, sizes: list[int]) -> list[tuple[Unit, list[Unit]]]:
    provinces = Unit.objects.bulk_create(
        Unit(
            code=province_code(number),
            kind=Unit.Kind.PROVINCE,
            name_th=f"สำนักงานพัฒนาชุมชนจังหวัดทดสอบ {to_thai_digits(f'{number:02d}')}",
            name_en=f"Test Province {number:02d} Community Development Office",
            short_name_th=f"สพจ.ทดสอบ {to_thai_digits(f'{number:02d}')}",
            parent=department,
        )
        for number in range(1, len(sizes) + 1)
    )
    districts = Unit.objects.bulk_create(
        Unit(
            code=district_code(number, index),
            kind=Unit.Kind.DISTRICT,
            name_th=f"สำนักงานพัฒนาชุมชนอำเภอทดสอบ {to_thai_digits(f'{number:02d}-{index:02d}')}",
            name_en=f"Test District {number:02d}-{index:02d} Community Development Office",
            short_name_th=f"สพอ.ทดสอบ {to_thai_digits(f'{number:02d}-{index:02d}')}",
            parent=province,
        )
        for number, (province, size) in enumerate(zip(provinces, sizes, strict=True), start=1)
        for index in range(1, size + 1)
    )
    by_province = defaultdict(list)
    for district in districts:
        by_province[district.parent_id].append(district)
    return [(province, by_province[province.pk]) for province in provinces]


def _create_staff(province: Unit, districts: list[Unit], password: str) -> dict[int, list[User]]:
    """An approver and two officers for the province, one officer per district office;
    returns the officers who upload evidence, by unit id."""
    groups = ensure_standard_work_groups(province)

    def person(username, unit, role, position, group=None):
        return User(
            username=f"nat-{username}",
            first_name=f"เจ้าหน้าที่ {unit.code}",
            last_name="ทดสอบ",
            email=f"nat-{username}@national.saisaat.invalid",
            unit=unit,
            work_group=group,
            role=role,
            position=position,
            password=password,
        )

    people = [
        person(f"{province.code}-approver", province, User.Role.APPROVER, "พัฒนาการจังหวัด"),
        person(
            f"{province.code}-officer-1",
            province,
            User.Role.OFFICER,
            "นักวิชาการพัฒนาชุมชน",
            groups[WorkGroup.Function.COORDINATION],
        ),
        person(
            f"{province.code}-officer-2",
            province,
            User.Role.OFFICER,
            "นักวิชาการพัฒนาชุมชน",
            groups[WorkGroup.Function.PROMOTION],
        ),
    ]
    people += [
        person(f"{district.code}-officer", district, User.Role.OFFICER, "พัฒนาการอำเภอ")
        for district in districts
    ]
    created = User.objects.bulk_create(people)
    uploaders = defaultdict(list)
    for user in created:
        if user.role == User.Role.OFFICER:
            uploaders[user.unit_id].append(user)
    return uploaders


def draw(rng: random.Random, mix):
    """A value from ``mix`` ((value, share) pairs) with the given shares."""
    roll = rng.random()
    for value, share in mix:
        roll -= share
        if roll < 0:
            return value
    return mix[-1][0]


def _fill_province(
    plan, uploaders: dict[int, list[User]], rng: random.Random, per_assignment: float, shared
) -> tuple[Counter, int]:
    """Give the plan's assignments their statuses, timestamps and evidence."""
    rows = (
        Assignment.objects.filter(plan=plan)
        # A stable order that does not depend on primary keys keeps the draw reproducible.
        .order_by(
            "unit__code",
            "activity__measure__dimension__number",
            "activity__measure__number",
            "activity__position",
        )
        .values_list("pk", "unit_id", "due_date", "activity__period_start")
    )
    groups: dict[tuple[str, date], list[int]] = defaultdict(list)
    statuses: Counter = Counter()
    evidence: list[EvidenceItem] = []
    for pk, unit_id, due_date, period_start in rows:
        status = draw(rng, STATUS_MIX)
        statuses[status] += 1
        if status == Status.NOT_STARTED:
            continue
        groups[(status, due_date)].append(pk)
        items = rng.randint(1, max(1, round(2 * per_assignment - 1))) if per_assignment else 0
        span = max((due_date - period_start).days, 0)
        for position in range(1, items + 1):
            evidence.append(
                _evidence_item(
                    pk,
                    draw(rng, EVIDENCE_KIND_MIX),
                    position,
                    period_start + timedelta(days=rng.randint(0, span)),
                    rng.choice(uploaders[unit_id]),
                    shared,
                )
            )

    for (status, due_date), pks in groups.items():
        values = {"status": status}
        if status != Status.IN_PROGRESS:
            values["submitted_at"] = moment(due_date, 10)
        if status == Status.APPROVED:
            values["approved_at"] = moment(due_date + timedelta(days=3), 14)
        Assignment.objects.filter(pk__in=pks).update(**values)
    EvidenceItem.objects.bulk_create(evidence, batch_size=EVIDENCE_BATCH)
    return statuses, len(evidence)


def moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _evidence_item(assignment_id, kind, position, effective_date, uploader, shared):
    item = EvidenceItem(
        assignment_id=assignment_id,
        kind=kind,
        title=f"หลักฐานชิ้นที่ {to_thai_digits(position)}",
        effective_date=effective_date,
        uploaded_by=uploader,
    )
    if kind == EvidenceItem.Kind.FILE:
        item.file = shared.name
        item.original_name = f"หลักฐาน-{position}.pdf"
        item.content_type = "application/pdf"
        item.size = shared.size
        item.sha256 = shared.sha256
    elif kind == EvidenceItem.Kind.LINK:
        item.url = f"https://evidence.saisaat.invalid/{assignment_id}/{position}"
    else:
        item.note = f"บันทึกผลการดำเนินงาน ครั้งที่ {to_thai_digits(position)}"
    return item
