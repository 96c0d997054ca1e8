import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saisaat.indicators.binding import bind_plan_targets
from saisaat.orgs.models import Unit
from saisaat.plans.export import plan_as_dict
from saisaat.plans.importer import import_plan
from saisaat.plans.models import Activity
from saisaat.plans.parsing import PlanFormatError, parse_plan_text, read_plan_file
from saisaat.thai.digits import to_arabic_digits


class Command(BaseCommand):
    help = (
        "Import an action plan from its text form (tab-separated tables under มิติที่ headings). "
        "All or nothing: any error leaves the database as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the plan's text file (UTF-8)")
        parser.add_argument("--unit", required=True, help="code of the owning unit, e.g. 43")
        parser.add_argument("--year", required=True, help="Buddhist-era fiscal year, e.g. 2566")
        parser.add_argument(
            "--json",
            dest="as_json",
            action="store_true",
            help="print the imported plan as one JSON object",
        )

    def handle(self, *args, path, unit, year, as_json=False, **options):
        year_text = to_arabic_digits(year.strip())
        if not (year_text.isdigit() and 2400 <= int(year_text) <= 2700):
            raise CommandError(
                f"ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2566 (the year must be a Buddhist-era year "
                f"such as 2566), got {year!r}"
            )
        owner = Unit.objects.filter(code=unit).first()
        if owner is None:
            raise CommandError(f"ไม่พบหน่วยงานรหัส {unit} (no unit with code {unit!r})")
        file_path = Path(path)
        if not file_path.is_file():
            raise CommandError(f"ไม่พบไฟล์ {path} (no such file)")
        try:
            parsed = parse_plan_text(read_plan_file(file_path))
        except PlanFormatError as error:
            raise CommandError(f"{file_path.name}: {error}") from None

        result = import_plan(
            parsed, unit=owner, fiscal_year=int(year_text), source_name=file_path.name
        )
        bind_plan_targets(result.plan)
        if as_json:
            self.stdout.write(json.dumps(plan_as_dict(result.plan), ensure_ascii=False, indent=2))
            return
        plan = result.plan
        active = Activity.objects.active().common().for_plan(plan)
        dimensions = active.values("measure__dimension").distinct().count()
        measures = active.values("measure").distinct().count()
        activities = active.count()
        changes = "ไม่มีการเปลี่ยนแปลง (no changes)"
        if result.changed:
            changes = (
                f"created {result.created}, updated {result.updated}, retired {result.retired}"
            )
        self.stdout.write(
            f"นำเข้าแผน {plan.title} ปีงบประมาณ {plan.fiscal_year} ของ {owner.name_th}: "
            f"{dimensions} มิติ {measures} มาตรการ {activities} กิจกรรม — {changes}"
        )
