"""Planning and applying a staff import: every bad-row reason, matching, moves, links,
deactivation, all-or-nothing, the command and the demo file."""

import io
from datetime import date

from django.core.management import CommandError, call_command
from django.utils import translation

from saisaat.audit.models import Entry
from saisaat.demo.staff import DEMO_STAFF_FILE, build_demo_staff_csv
from saisaat.orgs.models import StaffMember
from saisaat.orgs.staff import (
    StaffImportError,
    apply_staff_import,
    plan_staff_import,
)
from saisaat.testing.base import PersonaTestCase, make_user

HEADER = "คำนำหน้า,ชื่อ,นามสกุล,ตำแหน่ง,รหัสหน่วยงาน,กลุ่มงาน,อีเมล,วันเริ่มงาน,สถานะ"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


class StaffImportTestCase(PersonaTestCase):
    load_plan = False

    def setUp(self):
        super().setUp()
        self.enterContext(translation.override("en"))

    def preview(self, data: bytes, *, unit=None, user=None, name="staff.csv"):
        return plan_staff_import(data, name, unit=unit or self.province, acting_user=user)

    def errors_of(self, plan) -> dict[int, str]:
        return {error.row: " ".join(error.messages) for error in plan.errors}


class PlanTests(StaffImportTestCase):
    def test_it_plans_new_people_with_their_values(self):
        plan = self.preview(
            csv_bytes(
                "นาง,สมศรี,ใจดี,นักวิชาการพัฒนาชุมชน,43,coordination,Somsri@Example.org,"
                "๑๕/๐๑/๒๕๖๖,ปฏิบัติงาน",
                ",สมชาย,รักดี,,4301,,,2020-05-01,",
                "นาย,สมปอง,มั่นคง,,43,กลุ่มงานสารสนเทศการพัฒนาชุมชน,,,ย้าย",
            )
        )
        self.assertTrue(plan.is_clean, plan.errors)
        self.assertEqual(plan.counts["create"], 3)
        first, second, third = (row.values for row in plan.rows)
        self.assertEqual(first["email"], "somsri@example.org")
        self.assertEqual(first["start_date"], date(2023, 1, 15))
        self.assertEqual(first["work_group"], self.groups["coordination"])
        self.assertEqual(second["unit"], self.district_a)
        self.assertIsNone(second["work_group"])
        self.assertTrue(second["is_active"])
        self.assertEqual(third["work_group"], self.groups["informatics"])
        self.assertFalse(third["is_active"])
        self.assertFalse(StaffMember.objects.exists())

    def test_it_reports_every_bad_row_with_its_reason(self):
        StaffMember.objects.create(
            unit=self.other_province, first_name="คน", last_name="อื่น", email="taken@example.org"
        )
        plan = self.preview(
            csv_bytes(
                ",สมศรี,ใจดี,,9999,,,,",  # 2 unknown unit
                ",สมศรี,ใจดี,,41,,,,",  # 3 unit of another province
                ",,ใจดี,,43,,,,",  # 4 no first name
                ",สมศรี,ใจดี,,43,,,31/02/2566,",  # 5 bad date
                ",สมศรี,ใจดี,,43,,not-an-email,,",  # 6 bad e-mail
                ",ก,ข,,43,,dup@example.org,,",  # 7
                ",ค,ง,,43,,DUP@example.org,,",  # 8 duplicate e-mail
                ",สมศรี,ใจดี,,4301,กลุ่มงานที่ไม่มี,,,",  # 9 unknown work group
                ",สมศรี,ใจดี,,43,,,,เกษียณแล้วมั้ง",  # 10 unknown status
                ",สมศรี,ใจดี,,,,,,",  # 11 no unit
                ",จ,ฉ,,43,,taken@example.org,,",  # 12 e-mail of someone outside the scope
                ",ช,ซ,,4301,,,,",  # 13
                ",ช,ซ,,4301,,,,",  # 14 the same person twice
                ",สมศรี,ใจดี,,43,,,15/01/66,",  # 15 two-digit year
            )
        )
        errors = self.errors_of(plan)
        self.assertFalse(plan.is_clean)
        self.assertIn("Unknown unit code 9999", errors[2])
        self.assertIn("outside the units you may import into", errors[3])
        self.assertIn("first name and the last name are required", errors[4])
        self.assertIn("start date 31/02/2566 cannot be read", errors[5])
        self.assertIn("not-an-email is not a valid e-mail", errors[6])
        self.assertNotIn(7, errors)
        self.assertIn("also on row 7", errors[8])
        self.assertIn("Unknown work group กลุ่มงานที่ไม่มี", errors[9])
        self.assertIn("Unknown status", errors[10])
        self.assertIn("unit code is missing", errors[11])
        self.assertIn("belongs to a staff member of a unit outside", errors[12])
        self.assertIn("also on row 13", errors[14])
        self.assertIn("cannot be read", errors[15])
        self.assertEqual(sorted(errors), [2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 14, 15])

    def test_it_keeps_a_district_within_its_own_office(self):
        district_manager = make_user("district-a-director", self.district_a, role="approver")
        plan = self.preview(
            csv_bytes(",ก,ข,,4301,,,,", ",ค,ง,,4302,,,,", ",จ,ฉ,,43,,,,"),
            unit=self.district_a,
            user=district_manager,
        )
        errors = self.errors_of(plan)
        self.assertEqual(sorted(errors), [3, 4])
        self.assertIn("outside the units", errors[3])

    def test_it_updates_a_match_by_email_and_shows_the_move(self):
        person = StaffMember.objects.create(
            unit=self.district_a,
            first_name="สมศรี",
            last_name="ใจดี",
            email="somsri@example.org",
            position="นักวิชาการ",
        )
        plan = self.preview(csv_bytes("นาง,สมศรี,ใจดี,นักวิชาการ,4302,,SOMSRI@example.org,,"))
        [row] = plan.rows
        self.assertEqual((row.action, row.staff), ("update", person))
        self.assertEqual({c.field for c in row.changes}, {"unit", "title"})
        self.assertTrue(row.is_move)
        apply_staff_import(plan)
        person.refresh_from_db()
        self.assertEqual(person.unit, self.district_b)
        self.assertEqual(
            [e.changes["unit"] for e in Entry.objects.for_object(person).order_by("sequence")],
            [[self.district_a.pk, self.district_b.pk]],
        )

    def test_it_matches_by_unit_and_name_without_email_and_leaves_missing_columns(self):
        person = StaffMember.objects.create(
            unit=self.district_a,
            first_name="สมชาย",
            last_name="รักดี",
            position="พัฒนาการอำเภอ",
            start_date=date(2010, 1, 1),
        )
        data = csv_bytes("สมชาย,รักดี,4301", header="ชื่อ,นามสกุล,รหัสหน่วยงาน")
        plan = self.preview(data)
        self.assertEqual([(r.action, r.staff) for r in plan.rows], [("unchanged", person)])

    def test_it_links_the_account_with_the_same_email_once(self):
        account = make_user("somsri", self.district_a, email="Somsri@example.org")
        plan = self.preview(csv_bytes(",สมศรี,ใจดี,,4301,,somsri@example.org,,"))
        self.assertEqual(plan.rows[0].link_user, account)
        result = apply_staff_import(plan)
        self.assertEqual(result["linked"], 1)
        self.assertEqual(StaffMember.objects.get().user, account)
        again = self.preview(csv_bytes(",สมศรี,ใจดี,,4301,,somsri@example.org,,"))
        self.assertEqual([row.action for row in again.rows], ["unchanged"])

    def test_it_does_not_take_an_account_linked_to_someone_else(self):
        account = make_user("shared", self.district_a, email="shared@example.org")
        StaffMember.objects.create(
            unit=self.district_a, first_name="เดิม", last_name="คน", user=account
        )
        plan = self.preview(csv_bytes(",ใหม่,คน,,4301,,shared@example.org,,"))
        self.assertIsNone(plan.rows[0].link_user)

    def test_it_never_links_an_account_of_another_office(self):
        # Say a district importer types a department officer's e-mail on a row of their own.
        make_user("elsewhere", self.department, email="elsewhere@example.org")
        plan = self.preview(csv_bytes(",ปลอม,ผู้ใช้,,4301,,elsewhere@example.org,,"))
        self.assertEqual([row.action for row in plan.rows], ["create"])
        self.assertIsNone(plan.rows[0].link_user)

    def test_it_lists_and_deactivates_staff_missing_from_the_covered_units(self):
        stays = StaffMember.objects.create(unit=self.district_a, first_name="ก", last_name="ข")
        leaves = StaffMember.objects.create(unit=self.district_a, first_name="ค", last_name="ง")
        elsewhere = StaffMember.objects.create(unit=self.district_b, first_name="จ", last_name="ฉ")
        plan = self.preview(csv_bytes(",ก,ข,,4301,,,,"))
        self.assertEqual(plan.deactivations, [leaves])
        apply_staff_import(plan)
        leaves.refresh_from_db()
        self.assertTrue(leaves.is_active)
        apply_staff_import(plan, deactivate_missing=True)
        leaves.refresh_from_db()
        stays.refresh_from_db()
        elsewhere.refresh_from_db()
        self.assertEqual(
            (stays.is_active, leaves.is_active, elsewhere.is_active), (True, False, True)
        )

    def test_it_writes_nothing_when_any_row_is_bad(self):
        plan = self.preview(csv_bytes(",ก,ข,,4301,,,,", ",ค,ง,,9999,,,,"))
        with self.assertRaises(StaffImportError):
            apply_staff_import(plan)
        self.assertFalse(StaffMember.objects.exists())

    def test_it_rolls_back_everything_when_a_write_fails(self):
        plan = self.preview(csv_bytes(",ก,ข,,4301,,a@example.org,,", ",ค,ง,,4301,,b@example.org,,"))
        # Someone takes the second address between the preview and the write.
        StaffMember.objects.create(
            unit=self.other_province, first_name="x", last_name="y", email="b@example.org"
        )
        with self.assertRaises(StaffImportError):
            apply_staff_import(plan)
        self.assertEqual(StaffMember.objects.count(), 1)

    def test_the_digest_changes_with_what_would_be_written(self):
        data = csv_bytes(",ก,ข,,4301,,a@example.org,,")
        before = self.preview(data).digest(deactivate_missing=False)
        self.assertEqual(self.preview(data).digest(deactivate_missing=False), before)
        StaffMember.objects.create(unit=self.district_a, first_name="ก", last_name="ข")
        self.assertNotEqual(self.preview(data).digest(deactivate_missing=False), before)


class CommandTests(StaffImportTestCase):
    def write(self, tmp_name: str, data: bytes) -> str:
        import tempfile
        from pathlib import Path

        folder = Path(tempfile.mkdtemp())
        path = folder / tmp_name
        path.write_bytes(data)
        return str(path)

    def test_it_imports_a_cp874_file(self):
        path = self.write("staff.csv", f"{HEADER}\nนาง,สมศรี,ใจดี,,4301,,,,\n".encode("cp874"))
        out = io.StringIO()
        call_command("import_staff", path, "--unit", "43", stdout=out)
        self.assertIn("1 new", out.getvalue())
        self.assertEqual(StaffMember.objects.get().first_name, "สมศรี")

    def test_a_dry_run_writes_nothing(self):
        path = self.write("staff.csv", csv_bytes(",ก,ข,,4301,,,,"))
        out = io.StringIO()
        call_command("import_staff", path, "--unit", "43", "--dry-run", stdout=out)
        self.assertIn("dry run", out.getvalue())
        self.assertFalse(StaffMember.objects.exists())

    def test_it_fails_with_the_bad_rows_and_writes_nothing(self):
        path = self.write("staff.csv", csv_bytes(",ก,ข,,4301,,,,", ",ค,ง,,4101,,,,"))
        err = io.StringIO()
        with self.assertRaisesMessage(CommandError, "1 bad rows"):
            call_command("import_staff", path, "--unit", "43", stderr=err, stdout=io.StringIO())
        self.assertIn("row 3:", err.getvalue())
        self.assertFalse(StaffMember.objects.exists())

    def test_it_deactivates_missing_staff_when_asked(self):
        gone = StaffMember.objects.create(unit=self.district_a, first_name="ค", last_name="ง")
        path = self.write("staff.csv", csv_bytes(",ก,ข,,4301,,,,"))
        call_command(
            "import_staff", path, "--unit", "43", "--deactivate-missing", stdout=io.StringIO()
        )
        gone.refresh_from_db()
        self.assertFalse(gone.is_active)

    def test_it_refuses_an_unreadable_file_and_an_unknown_unit(self):
        path = self.write("staff.csv", b"")
        with self.assertRaisesMessage(CommandError, "empty"):
            call_command("import_staff", path, "--unit", "43")
        with self.assertRaisesMessage(CommandError, "unknown unit"):
            call_command("import_staff", path, "--unit", "99")


class DemoFileTests(StaffImportTestCase):
    def test_the_demo_file_is_what_the_generator_writes(self):
        data = DEMO_STAFF_FILE.read_bytes()
        self.assertEqual(data, build_demo_staff_csv())
        self.assertTrue(data.startswith(b"\xef\xbb\xbf\xe0\xb8\x84"))  # BOM, then "ค"
