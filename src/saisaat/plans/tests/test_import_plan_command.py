import json
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase

from saisaat.audit.models import Entry
from saisaat.orgs.models import Unit
from saisaat.plans.models import Activity, Dimension, Measure, Plan, Target
from saisaat.testing.base import PLAN_FILE


def plan_row_counts():
    """Each plan model's rows and the audit entries about them."""
    return {
        model.__name__: (
            model.objects.count(),
            Entry.objects.filter(object_type=model._meta.label_lower).count(),
        )
        for model in (Plan, Dimension, Measure, Activity, Target)
    }


class ImportPlanCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        department = Unit.objects.create(code="00", kind="department", name_th="กรม")
        cls.province = Unit.objects.create(
            code="43", kind="province", name_th="สพจ.หนองคาย", parent=department
        )

    def run_import(self, path, *extra, unit="43", year="2566"):
        out = StringIO()
        call_command("import_plan", str(path), "--unit", unit, "--year", year, *extra, stdout=out)
        return out.getvalue()

    def test_it_imports_5_dimensions_19_measures_52_activities(self):
        output = self.run_import(PLAN_FILE)
        self.assertIn("5 มิติ 19 มาตรการ 52 กิจกรรม", output)
        plan = Plan.objects.get()
        self.assertEqual(plan.fiscal_year, 2566)
        self.assertEqual(plan.owner_unit, self.province)
        per_dimension = [
            Activity.objects.filter(measure__dimension=d).count()
            for d in plan.dimensions.order_by("number")
        ]
        self.assertEqual(per_dimension, [14, 12, 10, 10, 6])
        self.assertEqual(Measure.objects.count(), 19)

    def test_it_prints_the_plan_as_one_json_object(self):
        data = json.loads(self.run_import(PLAN_FILE, "--json"))
        self.assertEqual([d["number"] for d in data["dimensions"]], [1, 2, 3, 4, 5])
        first = data["dimensions"][0]["measures"][0]["activities"][0]
        self.assertEqual(first["period_text"], "ม.ค. - ก.พ. ๖๖")
        self.assertEqual((first["period_start"], first["period_end"]), ("2023-01-01", "2023-02-28"))
        self.assertEqual(first["responsible_groups"], ["coordination", "informatics"])
        self.assertEqual(first["implementing_units"], ["province", "district"])
        dimension_2 = data["dimensions"][1]
        self.assertEqual(dimension_2["title"], "สำนักงานสะดวก")
        self.assertEqual(dimension_2["measures"][0]["activities"][0]["period_start"], "2022-10-01")
        channels = data["dimensions"][0]["measures"][3]["activities"][1]["targets"]
        self.assertEqual(
            [(t["kind"], t["minimum"], t["unit_label"]) for t in channels], [("count", 3, "ช่องทาง")]
        )
        activities = [a for d in data["dimensions"] for m in d["measures"] for a in m["activities"]]
        self.assertEqual(len(activities), 52)

    def test_it_changes_nothing_when_run_again(self):
        self.run_import(PLAN_FILE)
        before = plan_row_counts()
        ids = list(Activity.objects.order_by("pk").values_list("pk", "text", "period_end"))
        output = self.run_import(PLAN_FILE)
        self.assertIn("ไม่มีการเปลี่ยนแปลง", output)
        self.assertEqual(plan_row_counts(), before)
        self.assertEqual(
            list(Activity.objects.order_by("pk").values_list("pk", "text", "period_end")), ids
        )

    def test_it_updates_an_edited_plan_in_place(self):
        self.run_import(PLAN_FILE)
        e_learning = Activity.objects.get(text__contains="E-Learning")
        target = e_learning.targets.get()
        source = PLAN_FILE.read_text(encoding="utf-8")
        edited = source.replace(
            "ม.ค. – มิ.ย. ๖๖\tกลุ่มงานประสาน\tสพจ.\tร้อยละ ๘๐",
            "ม.ค. – ก.ค. ๖๖\tกลุ่มงานประสาน\tสพจ.\tร้อยละ ๙๐",
        )
        # Drop the last activity of dimension 5 altogether.
        edited = "\n".join(edited.splitlines()[:-1]) + "\n"
        self.assertNotEqual(edited, source)
        path = self.write(edited)
        self.run_import(path)

        e_learning.refresh_from_db()
        target.refresh_from_db()
        self.assertEqual(e_learning.period_text, "ม.ค. – ก.ค. ๖๖")
        self.assertEqual(str(e_learning.period_end), "2023-07-31")
        self.assertEqual(target.minimum, 90)
        self.assertEqual(Activity.objects.count(), 52)
        self.assertEqual(Activity.objects.active().count(), 51)
        retired = Activity.objects.get(is_active=False)
        self.assertIn("สรุปผลสำเร็จ", retired.text)

        # Putting it back revives the same row rather than adding one.
        self.run_import(PLAN_FILE)
        retired.refresh_from_db()
        self.assertTrue(retired.is_active)
        self.assertEqual(Activity.objects.count(), 52)

    def test_it_keeps_activities_when_one_is_inserted_before_them(self):
        self.run_import(PLAN_FILE)
        first = Activity.objects.get(measure__dimension__number=3, measure__number=1, position=1)
        second = Activity.objects.get(measure__dimension__number=3, measure__number=1, position=2)
        line = next(
            x for x in PLAN_FILE.read_text(encoding="utf-8").splitlines() if first.text in x
        )
        cells = line.split("\t")
        inserted = "\t".join(["", "", "กิจกรรมที่แทรกใหม่", *cells[3:]])
        path = self.write(
            PLAN_FILE.read_text(encoding="utf-8").replace(line, f"{line}\n{inserted}")
        )
        self.run_import(path)
        first.refresh_from_db()
        second.refresh_from_db()
        self.assertEqual((first.position, second.position), (1, 3))
        self.assertEqual(
            Activity.objects.get(measure=first.measure, position=2).text, "กิจกรรมที่แทรกใหม่"
        )

    def write(self, text: str, name="plan.txt"):
        import tempfile
        from pathlib import Path

        folder = Path(tempfile.mkdtemp())
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path


class ImportPlanCommandErrorTests(TestCase):
    """Each malformed input fails with the line number and leaves the database untouched."""

    @classmethod
    def setUpTestData(cls):
        department = Unit.objects.create(code="00", kind="department", name_th="กรม")
        Unit.objects.create(code="43", kind="province", name_th="สพจ.หนองคาย", parent=department)

    def setUp(self):
        import tempfile
        from pathlib import Path

        self.folder = Path(tempfile.mkdtemp())
        self.source_lines = PLAN_FILE.read_text(encoding="utf-8").splitlines()

    def assert_import_fails(self, content, *expected_fragments, unit="43", year="2566"):
        path = self.folder / "plan.txt"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        before = plan_row_counts()
        with self.assertRaises(CommandError) as raised:
            call_command(
                "import_plan", str(path), "--unit", unit, "--year", year, stdout=StringIO()
            )
        for fragment in expected_fragments:
            self.assertIn(fragment, str(raised.exception))
        self.assertEqual(plan_row_counts(), before)
        return str(raised.exception)

    def with_line(self, number: int, new_line: str) -> str:
        lines = list(self.source_lines)
        lines[number - 1] = new_line
        return "\n".join(lines) + "\n"

    def test_it_rejects_a_row_with_the_wrong_number_of_cells(self):
        cells = self.source_lines[176].split("\t")
        self.assert_import_fails(self.with_line(177, "\t".join(cells[:-1])), "177", "7")

    def test_it_rejects_an_unparseable_period(self):
        cells = self.source_lines[176].split("\t")
        cells[3] = "ทุกวันจันทร์"
        self.assert_import_fails(self.with_line(177, "\t".join(cells)), "177", "ทุกวันจันทร์")

    def test_it_rejects_a_table_before_any_dimension_heading(self):
        row = self.source_lines[175]
        self.assert_import_fails(f"แผนปฏิบัติการ\n{row}\n", "2")

    def test_it_rejects_an_empty_file(self):
        self.assert_import_fails("")

    def test_it_rejects_a_binary_file(self):
        self.assert_import_fails(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")

    def test_it_rejects_a_missing_unit(self):
        self.assert_import_fails(PLAN_FILE.read_text(encoding="utf-8"), "99", unit="99")

    def test_it_rejects_a_common_era_year(self):
        self.assert_import_fails(PLAN_FILE.read_text(encoding="utf-8"), "2023", year="2023")

    def test_it_rolls_back_everything_when_a_late_row_is_bad(self):
        cells = self.source_lines[270].split("\t")
        cells[3] = "??"
        self.assert_import_fails(self.with_line(271, "\t".join(cells)), "271")
        self.assertFalse(Plan.objects.exists())
