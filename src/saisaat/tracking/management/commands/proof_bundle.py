"""``manage.py proof_bundle --unit 4301 --year 2566 --out bundle.zip``

One office's proof for one fiscal year, for an auditor to take away: the plan, every
assignment's status, every evidence item's metadata and SHA-256 with the files themselves,
the office's audit entries with the skeleton of the whole audit chain and its head, and
``verify.py`` (standard library only) that rechecks all of it offline, including that none
of the office's entries for the year is missing (see ``saisaat.audit.bundle``).

The ZIP is written as a stream, evidence files copied from storage in chunks, so memory use
stays the same however large the bundle.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from saisaat.audit.bundle import BundleWriter, write_audit
from saisaat.orgs.models import Unit
from saisaat.plans.models import Activity, Plan
from saisaat.tracking.models import Assignment, EvidenceItem


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str).encode(
        "utf-8"
    )


class Command(BaseCommand):
    help = "Write one office's proof bundle for one fiscal year as a ZIP file."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="office code, e.g. 4301")
        parser.add_argument("--year", required=True, type=int, help="Buddhist-era fiscal year")
        parser.add_argument("--out", required=True, help="path of the ZIP file to write")

    def handle(self, *args, unit, year, out, **options):
        office = Unit.objects.filter(code=unit).first()
        if office is None:
            raise CommandError(f"No office with code {unit}.")
        province = office.province or office
        plan = (
            Plan.objects.filter(owner_unit=province, fiscal_year=year)
            .select_related("programme")
            .first()
        )
        if plan is None:
            raise CommandError(f"No plan of {province.code} for fiscal year {year}.")
        try:
            summary = self._write(out, office, province, plan, year)
        except BaseException:
            Path(out).unlink(missing_ok=True)
            raise
        self.stdout.write(
            f"Wrote {out}: {summary['assignments']} assignments, {summary['evidence']} "
            f"evidence items, {summary['entries']} audit entries, chain head "
            f"#{summary['head']['sequence']}"
        )

    def _write(self, out, office, province, plan, year) -> dict:
        writer = BundleWriter(out)
        activities = (
            Activity.objects.for_plan(plan)
            .select_related("measure__dimension")
            .order_by("measure__dimension__number", "measure__number", "position")
        )
        writer.write(
            "plan.json",
            _json(
                {
                    "id": plan.pk,
                    "title": plan.title,
                    "fiscal_year": plan.fiscal_year,
                    "owner_unit": province.code,
                    "activities": [
                        {
                            "id": a.pk,
                            "dimension": a.measure.dimension.number,
                            "measure": a.measure.number,
                            "position": a.position,
                            "text": a.text,
                            "period_end": a.period_end,
                            "is_active": a.is_active,
                        }
                        for a in activities
                    ],
                }
            ),
        )
        assignments = Assignment.objects.filter(plan=plan, unit=office).order_by("activity_id")
        writer.write(
            "assignments.json",
            _json(
                [
                    {
                        "id": a.pk,
                        "activity": a.activity_id,
                        "status": a.status,
                        "is_retired": a.is_retired,
                        "due_date": a.due_date,
                        "submitted_at": a.submitted_at,
                        "approved_at": a.approved_at,
                    }
                    for a in assignments
                ]
            ),
        )
        evidence = []
        items = EvidenceItem.objects.filter(assignment__plan=plan, assignment__unit=office)
        for item in items.order_by("pk"):
            path = ""
            if item.file:
                path = f"evidence/{item.pk}-{Path(item.file.name).name}"
                with item.file.open("rb") as handle:
                    writer.copy(path, handle)
            evidence.append(
                {
                    "id": item.pk,
                    "assignment": item.assignment_id,
                    "kind": item.kind,
                    "title": item.title,
                    "original_name": item.original_name,
                    "content_type": item.content_type,
                    "size": item.size,
                    "sha256": item.sha256,
                    "url": item.url,
                    "note": item.note,
                    "effective_date": item.effective_date,
                    "uploaded_at": item.uploaded_at,
                    "uploaded_by": str(item.uploaded_by_id or ""),
                    "supersedes": item.supersedes_id,
                    "path": path,
                }
            )
        writer.write("evidence.json", _json(evidence))
        audit = write_audit(writer, office, year)
        writer.close(
            {
                "unit": office.code,
                "fiscal_year": year,
                "generated_at": timezone.now().isoformat(),
                "chain_head": audit["head"],
                "chain_cutover": audit["cutover"],
            }
        )
        return {**audit, "assignments": len(assignments), "evidence": len(evidence)}
