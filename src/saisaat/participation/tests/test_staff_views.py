"""The staff pages: what each persona gets, the list and its filters, editing a person,
and the import from preview to confirmation."""

import re
import shutil
import tempfile

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from saisaat.orgs.models import StaffMember, Unit
from saisaat.orgs.staff import PENDING_DIR
from saisaat.testing.base import PERSONAS, PersonaTestCase

HEADER = "คำนำหน้า,ชื่อ,นามสกุล,ตำแหน่ง,รหัสหน่วยงาน,กลุ่มงาน,อีเมล,วันเริ่มงาน,สถานะ"


def upload(text: str, name: str = "staff.csv", encoding: str = "utf-8-sig"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


class StaffViewTestCase(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.somsri = StaffMember.objects.create(
            unit=cls.district_a, first_name="สมศรี", last_name="ใจดี", position="นักวิชาการ"
        )
        cls.kamon = StaffMember.objects.create(
            unit=cls.province,
            first_name="กมล",
            last_name="สาธิต",
            work_group=cls.groups["coordination"],
        )
        cls.left = StaffMember.objects.create(
            unit=cls.district_b, first_name="ไพฑูรย์", last_name="ลาออก", is_active=False
        )
        cls.other = StaffMember.objects.create(
            unit=cls.other_province, first_name="อื่น", last_name="จังหวัด"
        )

    def setUp(self):
        super().setUp()
        self.enterContext(translation.override("en"))
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        # A folder of its own, so pending uploads of one test are not seen by another.
        self.enterContext(override_settings(MEDIA_ROOT=media))

    def login(self, user):
        super().login(user)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


class PermissionTests(StaffViewTestCase):
    def test_the_province_list(self):
        url = reverse("participation:staff-list", args=["43"])
        self.assert_statuses(
            "get",
            url,
            dict(
                zip(PERSONAS, [200, 200, 200, 404, 404, 404, 200, 302], strict=True),
            ),
        )
        self.assert_statuses("post", url, {"approver": 405})

    def test_a_district_list(self):
        url = reverse("participation:staff-list", args=["4301"])
        self.assert_statuses(
            "get", url, dict(zip(PERSONAS, [200, 200, 200, 200, 404, 404, 200, 302], strict=True))
        )

    def test_a_person(self):
        url = reverse("participation:staff-detail", args=[self.somsri.pk])
        self.assert_statuses(
            "get", url, dict(zip(PERSONAS, [200, 200, 200, 200, 404, 404, 200, 302], strict=True))
        )
        self.assert_statuses("post", url, {"approver": 405})

    def test_editing_a_person(self):
        url = reverse("participation:staff-edit", args=[self.somsri.pk])
        data = {"position": "นักวิชาการชำนาญการ", "unit": self.district_a.pk, "is_active": "on"}
        self.assert_statuses(
            "post",
            url,
            dict(zip(PERSONAS, [403, 302, 302, 403, 404, 404, 403, 302], strict=True)),
            data,
        )
        self.assert_statuses("get", url, {"approver": 405})
        self.somsri.refresh_from_db()
        self.assertEqual(self.somsri.position, "นักวิชาการชำนาญการ")

    def test_the_import_page(self):
        url = reverse("participation:staff-import", args=["43"])
        self.assert_statuses(
            "get", url, dict(zip(PERSONAS, [403, 200, 200, 404, 404, 404, 403, 302], strict=True))
        )
        self.assert_statuses("put", url, {"approver": 405})

    def test_previewing_an_import(self):
        url = reverse("participation:staff-import", args=["43"])
        got = {}
        for name in PERSONAS:
            data = {"file": upload(f"{HEADER}\n,ใหม่,คน,,4301,,,,\n")}
            got[name] = self.status_for(name, "post", url, data)
        self.assertEqual(
            got, dict(zip(PERSONAS, [403, 200, 200, 404, 404, 404, 403, 302], strict=True))
        )
        self.assertFalse(StaffMember.objects.filter(first_name="ใหม่").exists())

    def test_confirming_an_import(self):
        url = reverse("participation:staff-import-confirm", args=["43"])
        self.assert_statuses(
            "post",
            url,
            dict(zip(PERSONAS, [403, 302, 302, 404, 404, 404, 403, 302], strict=True)),
            {"token": "forged"},
        )
        self.assert_statuses("get", url, {"approver": 405})


class StaffListTests(StaffViewTestCase):
    def test_it_lists_active_staff_of_the_province_and_its_districts_in_thai_order(self):
        self.login(self.approver)
        response = self.client.get(reverse("participation:staff-list", args=["43"]))
        names = [p.first_name for p in response.context["page"].object_list]
        self.assertEqual(names, ["กมล", "สมศรี"])
        self.assertEqual(response.context["counts"], {"active": 2, "inactive": 1})
        self.assertContains(response, reverse("participation:staff-import", args=["43"]))
        self.assertNotContains(response, "อื่น")

    def test_it_filters_by_status_unit_and_name(self):
        self.login(self.approver)
        url = reverse("participation:staff-list", args=["43"])
        inactive = self.client.get(url, {"status": "inactive"}).context["page"].object_list
        self.assertEqual(list(inactive), [self.left])
        district = self.client.get(url, {"unit": "4301", "status": "all"})
        self.assertEqual(list(district.context["page"].object_list), [self.somsri])
        searched = self.client.get(url, {"q": "ใจดี"}, headers={"HX-Request": "true"})
        self.assertTemplateUsed(searched, "participation/staff/_staff_rows.html")
        self.assertEqual(list(searched.context["page"].object_list), [self.somsri])
        self.assertIn("HX-Request", searched["Vary"])

    def test_a_district_sees_only_its_own_staff_and_no_import(self):
        self.login(self.district_a_officer)
        response = self.client.get(reverse("participation:staff-list", args=["4301"]))
        self.assertEqual(list(response.context["page"].object_list), [self.somsri])
        self.assertNotContains(response, "/staff/import/")


class StaffDetailTests(StaffViewTestCase):
    def test_a_manager_moves_a_person_and_the_history_keeps_it(self):
        self.login(self.approver)
        url = reverse("participation:staff-edit", args=[self.somsri.pk])
        response = self.client.post(
            url, {"position": "นักวิชาการ", "unit": self.district_b.pk, "is_active": "on"}
        )
        self.assertRedirects(response, reverse("participation:staff-detail", args=[self.somsri.pk]))
        self.somsri.refresh_from_db()
        self.assertEqual(self.somsri.unit, self.district_b)
        page = self.client.get(response.url)
        [row] = page.context["history"]
        self.assertEqual((row.entry.action, row.entry.actor), ("orgs.staff_moved", self.approver))
        changes = {change.field: (change.old, change.new) for change in row.changes}
        unit = str(StaffMember._meta.get_field("unit").verbose_name)
        self.assertEqual(changes[unit], (self.district_a.name_th, self.district_b.name_th))
        self.assertContains(page, f"<del>{self.district_a.name_th}</del>", html=False)

    def test_the_history_keeps_its_query_count_as_it_grows(self):
        self.login(self.approver)
        edit = reverse("participation:staff-edit", args=[self.somsri.pk])
        detail = reverse("participation:staff-detail", args=[self.somsri.pk])

        def move(times):
            for n in range(times):
                unit = self.district_b if n % 2 == 0 else self.district_a
                data = {"position": f"ตำแหน่ง {n}", "unit": unit.pk, "is_active": "on"}
                self.assertEqual(self.client.post(edit, data).status_code, 302)

        move(2)
        self.client.get(detail)
        # session, user, the user's office, the person with their office (through the
        # scoping gate), the entries, the offices the entries name, certificates, courses,
        # the form's offices and groups.
        with self.assertNumQueries(10):
            self.client.get(detail)
        move(25)
        with self.assertNumQueries(10):
            response = self.client.get(detail)
        self.assertEqual(len(response.context["history"]), 20)

    def test_it_refuses_a_work_group_of_another_unit_and_a_unit_out_of_scope(self):
        self.login(self.approver)
        url = reverse("participation:staff-edit", args=[self.somsri.pk])
        response = self.client.post(
            url,
            {
                "position": "ใหม่",
                "unit": self.district_a.pk,
                "work_group": self.groups["strategy"].pk,
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "must belong to the unit", status_code=400)
        response = self.client.post(url, {"position": "ใหม่", "unit": self.other_province.pk})
        self.assertEqual(response.status_code, 400)
        self.somsri.refresh_from_db()
        self.assertEqual((self.somsri.position, self.somsri.unit), ("นักวิชาการ", self.district_a))

    def test_a_colleague_sees_the_person_without_the_edit_form(self):
        self.login(self.district_a_officer)
        response = self.client.get(reverse("participation:staff-detail", args=[self.somsri.pk]))
        self.assertIsNone(response.context["edit_form"])
        self.assertIsNone(response.context["certificate_form"])


class ImportFlowTests(StaffViewTestCase):
    def preview(self, text, **extra):
        self.login(self.approver)
        return self.client.post(
            reverse("participation:staff-import", args=["43"]), {"file": upload(text, **extra)}
        )

    def token_of(self, response) -> str:
        return re.search(r'name="token" value="([^"]+)"', response.content.decode())[1]

    def test_preview_then_confirm_writes_what_was_previewed(self):
        # The e-mail recognises her in another unit: a move.
        StaffMember.objects.filter(pk=self.somsri.pk).update(email="somsri@example.org")
        text = (
            f"{HEADER}\n"
            "นาง,สมศรี,ใจดี,นักวิชาการชำนาญการ,4302,,somsri@example.org,01/10/2565,\n"
            "นาย,ใหม่,มาแล้ว,,4301,,new@example.org,๐๑/๐๑/๒๕๖๖,ปฏิบัติงาน\n"
        )
        response = self.preview(text, encoding="cp874")
        self.assertEqual(response.status_code, 200)
        plan = response.context["plan"]
        self.assertEqual(plan.counts["create"], 1)
        self.assertEqual(plan.counts["update"], 1)
        self.assertContains(response, "Moves")
        self.assertEqual(StaffMember.objects.count(), 4)
        self.assertEqual(len(default_storage.listdir(PENDING_DIR)[1]), 1)

        with self.captureOnCommitCallbacks(execute=True):
            confirm = self.client.post(
                reverse("participation:staff-import-confirm", args=["43"]),
                {"token": self.token_of(response)},
            )
        self.assertRedirects(confirm, reverse("participation:staff-list", args=["43"]))
        self.somsri.refresh_from_db()
        self.assertEqual(self.somsri.unit, self.district_b)
        self.assertEqual(self.somsri.email, "somsri@example.org")
        self.assertTrue(StaffMember.objects.filter(first_name="ใหม่", unit=self.district_a).exists())
        self.assertEqual(default_storage.listdir(PENDING_DIR)[1], [])

        again = self.client.post(
            reverse("participation:staff-import-confirm", args=["43"]),
            {"token": self.token_of(response)},
        )
        self.assertRedirects(again, reverse("participation:staff-import", args=["43"]))
        self.assertEqual(StaffMember.objects.filter(first_name="ใหม่").count(), 1)

    def test_a_bad_file_shows_every_bad_row_and_offers_no_confirmation(self):
        response = self.preview(f"{HEADER}\n,ก,ข,,4301,,,,\n,,ข,,9999,,,,\n,ค,ง,,41,,,,\n")
        self.assertEqual(response.status_code, 400)
        self.assertEqual([e.row for e in response.context["plan"].errors], [3, 4])
        self.assertContains(response, "Unknown unit code 9999", status_code=400)
        # The rows' problems are shown as an error, not in the page's ordinary style.
        self.assertContains(
            response, '<div class="message message-error" role="alert">', status_code=400
        )
        self.assertNotContains(response, 'name="token"', status_code=400)
        self.assertFalse(default_storage.exists(PENDING_DIR))

    def test_a_tampered_token_writes_nothing(self):
        response = self.preview(f"{HEADER}\n,ใหม่,คน,,4301,,,,\n")
        token = self.token_of(response)
        url = reverse("participation:staff-import-confirm", args=["43"])
        tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
        reply = self.client.post(url, {"token": tampered}, follow=True)
        self.assertContains(reply, "no longer valid")
        self.assertFalse(StaffMember.objects.filter(first_name="ใหม่").exists())

    def test_a_changed_file_or_registry_is_refused_on_confirmation(self):
        response = self.preview(f"{HEADER}\n,ใหม่,คน,,4301,,,,\n")
        token = self.token_of(response)
        [name] = default_storage.listdir(PENDING_DIR)[1]
        path = f"{PENDING_DIR}/{name}"
        default_storage.delete(path)
        default_storage.save(path, upload(f"{HEADER}\n,อื่น,คน,,4301,,,,\n"))
        url = reverse("participation:staff-import-confirm", args=["43"])
        reply = self.client.post(url, {"token": token}, follow=True)
        self.assertContains(reply, "no longer valid")
        self.assertEqual(StaffMember.objects.filter(last_name="คน").count(), 0)

        response = self.preview(f"{HEADER}\n,ใหม่,คน,,4301,,,,\n")
        StaffMember.objects.create(unit=self.district_a, first_name="ใหม่", last_name="คน")
        reply = self.client.post(url, {"token": self.token_of(response)}, follow=True)
        self.assertContains(reply, "changed since the preview")
        self.assertEqual(StaffMember.objects.filter(last_name="คน").count(), 1)

    def test_another_manager_cannot_use_the_token(self):
        response = self.preview(f"{HEADER}\n,ใหม่,คน,,4301,,,,\n")
        self.login(self.administrator)
        self.client.post(
            reverse("participation:staff-import-confirm", args=["43"]),
            {"token": self.token_of(response)},
        )
        self.assertFalse(StaffMember.objects.filter(first_name="ใหม่").exists())

    def test_deactivation_is_previewed_and_carried_to_the_confirmation(self):
        self.login(self.approver)
        response = self.client.post(
            reverse("participation:staff-import", args=["43"]),
            {"file": upload(f"{HEADER}\n,ใหม่,คน,,4301,,,,\n"), "deactivate_missing": "on"},
        )
        self.assertEqual(response.context["plan"].deactivations, [self.somsri])
        self.assertContains(response, "สมศรี")
        self.client.post(
            reverse("participation:staff-import-confirm", args=["43"]),
            {"token": self.token_of(response)},
        )
        self.somsri.refresh_from_db()
        self.assertFalse(self.somsri.is_active)

    def test_unreadable_files_get_a_message_not_an_error_page(self):
        cases = [
            (SimpleUploadedFile("staff.csv", b""), "empty"),
            (SimpleUploadedFile("staff.pdf", b"%PDF-1.4"), ".csv and .xlsx"),
            (SimpleUploadedFile("staff.csv", b"\x7fELF\x00\x01\x02" * 50), "not a text"),
            (SimpleUploadedFile("staff.xlsx", b"PK\x03\x04rubbish"), "not an Excel"),
            (SimpleUploadedFile("staff.csv", b"x" * (5 * 1024 * 1024 + 1)), "larger than"),
            (SimpleUploadedFile("staff.csv", "ชื่อ\nสมศรี\n".encode()), "No header row"),
        ]
        self.login(self.approver)
        url = reverse("participation:staff-import", args=["43"])
        for uploaded, message in cases:
            with self.subTest(name=uploaded.name, message=message):
                response = self.client.post(url, {"file": uploaded})
                self.assertContains(response, message, status_code=400)
        self.assertEqual(StaffMember.objects.count(), 4)

    def test_an_xlsx_file_imports_too(self):
        import io

        import openpyxl

        workbook = openpyxl.Workbook()
        workbook.active.append(["First name", "Last name", "Unit code", "Start date"])
        workbook.active.append(["ใหม่", "คน", 4301, "15/01/2566"])
        out = io.BytesIO()
        workbook.save(out)
        self.login(self.approver)
        response = self.client.post(
            reverse("participation:staff-import", args=["43"]),
            {"file": SimpleUploadedFile("staff.xlsx", out.getvalue())},
        )
        self.assertEqual(response.context["plan"].counts["create"], 1)
        self.client.post(
            reverse("participation:staff-import-confirm", args=["43"]),
            {"token": self.token_of(response)},
        )
        self.assertEqual(StaffMember.objects.get(first_name="ใหม่").start_date.year, 2023)


class QueryCountTests(StaffViewTestCase):
    def grow(self):
        for n in range(3, 8):
            Unit.objects.create(
                code=f"43{n:02d}", kind="district", name_th=f"อำเภอ {n}", parent=self.province
            )
        units = list(Unit.objects.within(self.province))
        StaffMember.objects.bulk_create(
            StaffMember(
                unit=units[n % len(units)],
                first_name=f"คน{n}",
                last_name="สาธิต",
                is_active=n % 4 != 0,
            )
            for n in range(150)
        )

    def test_the_staff_list_keeps_its_query_count(self):
        self.login(self.approver)
        url = reverse("participation:staff-list", args=["43"])
        self.client.get(url)
        # session, user, the user's unit, the unit, units in scope, active and inactive
        # counts, the page's count, the page of staff.
        with self.assertNumQueries(8):
            self.client.get(url)
        self.grow()
        with self.assertNumQueries(8):
            response = self.client.get(url)
        self.assertEqual(response.context["page"].paginator.count, 114)
