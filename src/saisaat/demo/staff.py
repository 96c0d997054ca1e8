"""The demo registry: the CSV file of the 71 demo people, and loading it through the same
import as a real file."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from saisaat.orgs.models import STANDARD_WORK_GROUPS, Unit, WorkGroup
from saisaat.orgs.staff.imports import (
    StaffImportError,
    apply_staff_import,
    plan_staff_import,
)
from saisaat.thai.digits import to_thai_digits

DEMO_STAFF_FILE = Path(__file__).resolve().parent / "fixtures" / "demo-staff-43.csv"


def seed_staff_demo(province: Unit, fiscal_year: int) -> dict:
    """Load the demo registry (the 71 demo people, linked to their accounts) through the
    same import as a real file; a second run changes nothing."""
    data = DEMO_STAFF_FILE.read_bytes()
    plan = plan_staff_import(data, DEMO_STAFF_FILE.name, unit=province)
    if not plan.is_clean:
        raise StaffImportError("; ".join(f"{e.row}: {' '.join(e.messages)}" for e in plan.errors))
    result = apply_staff_import(plan, source_name=DEMO_STAFF_FILE.name)
    return {"staff_" + key: value for key, value in result.items()}


# Titles for the demo's first names; the demo file is what a personnel officer would keep.
_DEMO_MEN = {
    "ชัยวัฒน์",
    "ณัฐพล",
    "บุญมี",
    "ปรีชา",
    "มานพ",
    "ศักดิ์ชัย",
    "อนุชา",
    "เอกชัย",
    "ไพฑูรย์",
    "ทองใบ",
    "กมล",
}
_DEMO_MARRIED = {"จันทร์เพ็ญ", "ลำดวน", "สมพร", "อำไพ", "วิไล"}


def build_demo_staff_csv() -> bytes:
    """The demo registry file: the 71 people ``saisaat.demo.province`` creates as accounts, with
    the same names and e-mail addresses, UTF-8 with BOM and Thai headers as Excel saves it."""
    # Imported here: the demo province imports this module for its staff seed.
    from saisaat.demo import province as demo

    province = Unit(code=demo.PROVINCE[0], name_th=demo.PROVINCE[1], kind=Unit.Kind.PROVINCE)
    groups = {
        function: WorkGroup(unit=province, function=function, name_th=name_th, name_en=name_en)
        for function, (name_th, name_en) in STANDARD_WORK_GROUPS.items()
    }
    districts = [
        Unit(code=code, name_th=f"สำนักงานพัฒนาชุมชนอำเภอ{name_th}", kind=Unit.Kind.DISTRICT)
        for code, name_th, _name_en in demo.DISTRICTS
    ]
    logins = {login.slot: login.username for login in demo.DEMO_LOGINS}
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["คำนำหน้า", "ชื่อ", "นามสกุล", "ตำแหน่ง", "รหัสหน่วยงาน", "กลุ่มงาน", "อีเมล", "วันเริ่มงาน", "สถานะ"]
    )
    slots = demo._staff_slots(province, groups, districts)
    for index, (slot, unit, group, _role, position) in enumerate(slots, start=1):
        first_name = demo.FIRST_NAMES[index % len(demo.FIRST_NAMES)]
        if first_name in _DEMO_MEN:
            title = "นาย"
        elif first_name in _DEMO_MARRIED:
            title = "นาง"
        else:
            title = "นางสาว"
        username = logins.get(slot, slot)
        # Start dates spread over 2540-2565 B.E., written the way Thai offices write them.
        start = f"{1 + index * 7 % 28:02d}/{1 + index * 5 % 12:02d}/{2540 + index * 11 % 26}"
        writer.writerow(
            [
                title,
                first_name,
                f"สาธิต{to_thai_digits(f'{index:02d}')}",
                position,
                unit.code,
                group.name_th if group else "",
                f"{username}@demo.saisaat.invalid",
                start,
                "ปฏิบัติงาน",
            ]
        )
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")
