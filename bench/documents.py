"""Time document generation on the demo province: one memo, the province's quarterly report
and the province's evidence bundle.

Run from the project root: ``.venv/bin/python bench/documents.py``. It builds a throwaway
SQLite database and media folder in a temporary directory (removed at the end), migrates,
seeds the demo province (``demo.province.seed_demo_province``: the provincial office and nine
district offices, 71 staff, the FY2566 plan published to all ten units) and adds evidence
to about two thirds of the assignments (two small PDF files and a note each, through
``tracking.services.add_evidence`` as an upload would).

Each figure is the median of ``--repeat`` runs, in seconds:
- ``memo``: draft, number, render PDF and DOCX and store one activity-result memo
  (``documents.services.create_memo``); target under 1 s;
- ``quarterly``: build the quarterly report of the province (10 units, indicators
  included) and render it as the memo PDF; target under 3 s; ``quarterly_xlsx`` the same
  as a workbook;
- ``bundle``: the ZIP of every unit's evidence for every dimension, with its index.
The last line of output is one JSON object with every figure.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import warnings

WORKDIR = tempfile.mkdtemp(prefix="saisaat-bench-documents-")
os.environ["DJANGO_SETTINGS_MODULE"] = "saisaat.settings"
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ["SAISAAT_STATIC_MANIFEST"] = "false"
os.environ.pop("DATABASE_URL", None)
os.environ["SAISAAT_DATA_DIR"] = os.path.join(WORKDIR, "data")
os.environ["MEDIA_ROOT"] = os.path.join(WORKDIR, "media")

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
django.setup()

from datetime import date, timedelta  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402

from saisaat.core.thaipdf import ThaiPDF  # noqa: E402
from saisaat.demo.province import seed_demo_province  # noqa: E402
from saisaat.documents import exports, services  # noqa: E402
from saisaat.documents.kinds import (  # noqa: E402
    activity_evidence,
    activity_paragraphs,
    quarterly_paragraphs,
    quarterly_subject,
)
from saisaat.documents.memo import MemoContent, render_memo_pdf  # noqa: E402
from saisaat.documents.quarterly import build_quarterly_report  # noqa: E402
from saisaat.orgs.models import Unit, User  # noqa: E402
from saisaat.tracking.models import Assignment  # noqa: E402
from saisaat.tracking.services import add_evidence  # noqa: E402

TARGETS = {"memo": 1.0, "quarterly": 3.0}


def evidence_pdf(text: str) -> bytes:
    pdf = ThaiPDF()
    pdf.add_page()
    pdf.text_line(30, 30, text)
    return bytes(pdf.output())


def seed() -> tuple[Unit, dict]:
    call_command("migrate", verbosity=0)
    seed_demo_province()
    province = Unit.objects.get(code="43")
    files = [evidence_pdf("ภาพกิจกรรม"), evidence_pdf("รายชื่อผู้เข้าร่วม")]
    officers = {u.unit_id: u for u in User.objects.filter(unit__in=Unit.objects.within(province))}
    items = 0
    assignments = list(
        Assignment.objects.filter(province=province).select_related("activity").order_by("pk")
    )
    for index, assignment in enumerate(assignments):
        # A third is left without extra evidence; approved work takes none (the demo's
        # progress already gave it its own).
        if index % 3 == 2 or assignment.is_locked:
            continue
        day = min(assignment.activity.period_start + timedelta(days=7), date(2023, 9, 30))
        user = officers[assignment.unit_id]
        for number, data in enumerate(files):
            add_evidence(
                assignment,
                acting_user=user,
                effective_date=day,
                file=ContentFile(data, name=f"หลักฐาน-{number + 1}.pdf"),
                max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
            )
        add_evidence(
            assignment,
            acting_user=user,
            effective_date=day,
            note="ประชุมชี้แจงและดำเนินกิจกรรมร่วมกับเครือข่าย",
            max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
        )
        items += 3
    return province, {"assignments": len(assignments), "evidence_items": items}


def timed(function, repeat: int) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    try:
        start = time.perf_counter()
        province, sizes = seed()
        print(f"seeded in {time.perf_counter() - start:.1f} s: {sizes}")
        district_assignment = (
            Assignment.objects.filter(province=province, unit__kind="district")
            .filter(evidence__isnull=False)
            .select_related("activity", "unit", "officer")
            .order_by("pk")
            .first()
        )
        officer = User.objects.filter(unit=district_assignment.unit).order_by("pk").first()

        def one_memo():
            evidence = activity_evidence(district_assignment)
            fields = services.MemoFields(
                number="",
                date=date(2023, 3, 15),
                office=district_assignment.unit.name_th,
                subject="รายงานผลการดำเนินกิจกรรม",
                recipient=services.default_recipient(district_assignment.unit),
                body="\n\n".join(activity_paragraphs(district_assignment, evidence)),
                signer_name="ผู้ทดสอบ ระบบ",
                signer_position="นักวิชาการพัฒนาชุมชน",
            )
            return services.create_memo(
                unit=district_assignment.unit,
                kind="activity",
                fields=fields,
                acting_user=officer,
                assignment=district_assignment,
            )

        def quarterly_pdf():
            report = build_quarterly_report(province, 2566, 2, today=date(2023, 9, 30))
            content = MemoContent(
                office=province.name_th,
                number="นค 0016/1",
                date=date(2023, 4, 5),
                subject=quarterly_subject(report),
                recipient=services.default_recipient(province),
                paragraphs=quarterly_paragraphs(report),
                signer_name="ผู้ทดสอบ ระบบ",
                signer_position="พัฒนาการจังหวัดหนองคาย",
            )
            return render_memo_pdf(content)

        def quarterly_xlsx():
            report = build_quarterly_report(province, 2566, 2, today=date(2023, 9, 30))
            return exports.quarterly_xlsx(report)

        plan = district_assignment.plan
        units = exports.plan_units(plan)

        def bundle():
            built = exports.build_evidence_bundle(units, plan, None, label=province.code)
            built.file.seek(0, 2)
            size = built.file.tell()
            built.close()
            return built.items, size

        figures = {}
        figures["memo"], _ = timed(one_memo, args.repeat)
        figures["quarterly"], pdf = timed(quarterly_pdf, args.repeat)
        figures["quarterly_xlsx"], _ = timed(quarterly_xlsx, args.repeat)
        figures["bundle"], (items, size) = timed(bundle, args.repeat)
        print(f"one memo (PDF + DOCX, stored):       {figures['memo']:.3f} s  (target < 1 s)")
        print(
            f"province quarterly report (PDF):     {figures['quarterly']:.3f} s  "
            f"(target < 3 s; {len(units)} units, {len(pdf)} bytes)"
        )
        print(f"province quarterly report (XLSX):    {figures['quarterly_xlsx']:.3f} s")
        print(
            f"province evidence bundle (ZIP):      {figures['bundle']:.3f} s  "
            f"({items} items, {size / 1024:.0f} KiB)"
        )
        result = {
            **{key: round(value, 4) for key, value in figures.items()},
            **sizes,
            "bundle_items": items,
            "bundle_bytes": size,
            "units": len(units),
            "targets_met": all(figures[key] < limit for key, limit in TARGETS.items()),
        }
        print(json.dumps(result))
        return 0 if result["targets_met"] else 1
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
