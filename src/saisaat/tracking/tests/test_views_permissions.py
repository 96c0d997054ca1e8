"""What each persona gets from each tracking view: 200, 302, 403, 404 or 405."""

from datetime import date

from django.urls import reverse

from saisaat.notices.models import Notice
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.models import Assignment, EvidenceItem

PDF = b"%PDF-1.4\n%%EOF\n"


class TrackingPermissionTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.assignment = Assignment.objects.filter(unit=cls.district_a).order_by("pk").first()
        cls.note = EvidenceItem.objects.create(
            assignment=cls.assignment,
            kind="note",
            note="บันทึกการประชุม",
            effective_date=date(2023, 1, 10),
            uploaded_by=cls.district_a_officer,
        )

    def test_my_work(self):
        url = reverse("tracking:my-work")
        self.assert_statuses(
            "get", url, {"provincial_officer": 200, "district_b_officer": 200, "anonymous": 302}
        )
        self.assert_statuses("post", url, {"provincial_officer": 405})

    def test_unit_page(self):
        url = reverse("tracking:unit-detail", args=["4301"])
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "approver": 200,
                "district_a_officer": 200,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "department_officer": 200,
                "anonymous": 302,
            },
        )
        self.assert_statuses("post", url, {"district_a_officer": 405})

    def test_adding_a_unit_activity(self):
        url = reverse("tracking:unit-add-activity", args=["4301"])
        measure = self.plan.dimensions.get(number=1).measures.get(number=1)
        data = {"measure": measure.pk, "text": "กิจกรรมของอำเภอ", "period_text": "มี.ค. ๖๖"}
        self.assert_statuses(
            "post",
            url,
            {
                "provincial_officer": 403,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "anonymous": 302,
                "district_a_officer": 302,
            },
            data,
        )
        self.assert_statuses("get", url, {"district_a_officer": 405})

    def test_assignment_page(self):
        url = self.assignment.get_absolute_url()
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "approver": 200,
                "district_a_officer": 200,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "anonymous": 302,
            },
        )
        self.assert_statuses("post", url, {"district_a_officer": 405})

    def test_adding_evidence(self):
        url = reverse("tracking:evidence-add", args=[self.assignment.pk])
        data = {"effective_date": "2023-01-12", "note": "สรุปผล"}
        self.assert_statuses(
            "post",
            url,
            {
                "provincial_officer": 403,
                "approver": 403,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "anonymous": 302,
                "district_a_officer": 302,
            },
            data,
        )
        self.assert_statuses("get", url, {"district_a_officer": 405})
        self.assertEqual(self.assignment.evidence.count(), 2)

    def test_correcting_evidence(self):
        url = reverse("tracking:evidence-correct", args=[self.note.pk])
        data = {"effective_date": "2023-01-12", "note": "บันทึกการประชุม (ฉบับแก้ไข)"}
        self.assert_statuses(
            "post",
            url,
            {
                "provincial_officer": 403,
                "district_b_officer": 404,
                "anonymous": 302,
                "district_a_officer": 302,
            },
            data,
        )
        self.assert_statuses("get", url, {"district_a_officer": 405})

    def test_submitting(self):
        url = reverse("tracking:assignment-submit", args=[self.assignment.pk])
        self.assert_statuses(
            "post",
            url,
            {
                "approver": 403,
                "district_b_officer": 404,
                "anonymous": 302,
                "district_a_officer": 302,
            },
            # Past the confirm step that checklist items without evidence ask for.
            {"confirm_missing": "1"},
        )
        self.assert_statuses("get", url, {"district_a_officer": 405})

    def test_reviewing(self):
        self.assignment.status = Assignment.Status.SUBMITTED
        self.assignment.save()
        url = reverse("tracking:assignment-review", args=[self.assignment.pk])
        data = {"decision": "approve"}
        self.assert_statuses(
            "post",
            url,
            {
                "provincial_officer": 403,
                "administrator": 403,
                "district_a_officer": 403,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "anonymous": 302,
                "approver": 302,
            },
            data,
        )
        self.assert_statuses("get", url, {"approver": 405})

    def test_a_group_director_reviews_only_the_work_of_the_group(self):
        from saisaat.testing.base import make_user

        director = make_user(
            "strategy-director",
            self.province,
            role="approver",
            work_group=self.groups["strategy"],
        )
        theirs = Assignment.objects.filter(
            unit=self.province, work_group=self.groups["strategy"]
        ).first()
        other = Assignment.objects.filter(
            unit=self.province, work_group=self.groups["coordination"]
        ).first()
        Assignment.objects.filter(pk__in=[theirs.pk, other.pk]).update(status="submitted")
        self.client.force_login(director)
        ok = self.client.post(
            reverse("tracking:assignment-review", args=[theirs.pk]), {"decision": "approve"}
        )
        refused = self.client.post(
            reverse("tracking:assignment-review", args=[other.pk]), {"decision": "approve"}
        )
        self.assertEqual((ok.status_code, refused.status_code), (302, 403))

    def test_evidence_files(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from saisaat.tracking.services import add_evidence

        item = add_evidence(
            self.assignment,
            acting_user=self.district_a_officer,
            effective_date=date(2023, 1, 11),
            file=SimpleUploadedFile("คำสั่ง.pdf", PDF),
            max_bytes=1024 * 1024,
        )
        url = item.get_download_url()
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "approver": 200,
                "district_a_officer": 200,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "anonymous": 302,
            },
        )
        self.client.force_login(self.district_a_officer)
        response = self.client.get(url)
        self.assertEqual(b"".join(response.streaming_content), PDF)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn("inline", response["Content-Disposition"])
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        note_url = reverse("tracking:evidence-file", args=[self.note.pk])
        self.assertEqual(self.client.get(note_url).status_code, 404)
        self.assert_statuses("post", url, {"district_a_officer": 405})

    def test_province_dashboard(self):
        url = reverse("tracking:province-dashboard", args=["43"])
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "approver": 200,
                "district_a_officer": 403,
                "other_province_officer": 404,
                "department_officer": 200,
                "anonymous": 302,
            },
        )
        self.assert_statuses("post", url, {"approver": 405})

    def test_department_view(self):
        url = reverse("tracking:department")
        self.assert_statuses(
            "get",
            url,
            {
                "department_officer": 200,
                "approver": 403,
                "district_a_officer": 403,
                "anonymous": 302,
            },
        )
        self.assert_statuses("post", url, {"department_officer": 405})

    def test_notifications_are_private(self):
        Notice.objects.create(
            recipient=self.district_a_officer,
            target=self.assignment,
            kind="overdue",
            key="x",
            message="ข้อความของอำเภอ ก",
        )
        url = reverse("notices:list")
        self.client.force_login(self.district_b_officer)
        self.assertNotContains(self.client.get(url), "ข้อความของอำเภอ ก")
        self.client.force_login(self.district_a_officer)
        self.assertContains(self.client.get(url), "ข้อความของอำเภอ ก")
        self.client.post(reverse("notices:read"))
        self.assertIsNotNone(Notice.objects.get().read_at)
        self.assert_statuses("get", reverse("notices:read"), {"approver": 405})
        self.assert_statuses("get", url, {"anonymous": 302})

    def test_publishing(self):
        url = reverse("tracking:plan-publish", args=[self.plan.pk])
        self.assert_statuses(
            "post",
            url,
            {
                "provincial_officer": 403,
                "district_a_officer": 403,
                "other_province_officer": 404,
                "anonymous": 302,
                "approver": 302,
                "administrator": 302,
            },
        )
        self.assert_statuses("get", url, {"approver": 405})

    def test_the_activity_page_shows_only_the_units_a_person_may_see(self):
        url = reverse("tracking:activity-detail", args=[self.assignment.activity_id])
        self.client.force_login(self.district_a_officer)
        response = self.client.get(url)
        self.assertEqual([a.unit.code for a in response.context["assignments"]], ["4301"])
        self.assertContains(response, "บันทึกการประชุม")
        self.client.force_login(self.provincial_officer)
        response = self.client.get(url)
        self.assertEqual(
            [a.unit.code for a in response.context["assignments"]], ["43", "4301", "4302"]
        )
        self.client.force_login(self.district_b_officer)
        self.assertNotContains(self.client.get(url), "บันทึกการประชุม")


class AssignOfficerTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.assignment = Assignment.objects.filter(unit=cls.district_a).order_by("pk").first()
        cls.url = reverse("tracking:assignment-officer", args=[cls.assignment.pk])

    def test_the_unit_or_the_approver_names_the_officer(self):
        for user in (self.district_a_officer, self.approver):
            self.client.force_login(user)
            response = self.client.post(self.url, {"officer": self.district_a_officer.pk})
            self.assertEqual(response.status_code, 302)
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.officer, self.district_a_officer)
        self.assertTrue(self.assignment.events.filter(action="assigned").exists())

    def test_nobody_else_may(self):
        expected = {
            self.provincial_officer: 403,
            self.district_b_officer: 404,
            self.other_province_officer: 404,
        }
        for user, status in expected.items():
            self.client.force_login(user)
            response = self.client.post(self.url, {"officer": self.district_a_officer.pk})
            self.assertEqual(response.status_code, status, user)
        self.client.logout()
        self.assertEqual(self.client.post(self.url).status_code, 302)
        self.client.force_login(self.approver)
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_an_officer_of_another_unit_is_refused_with_a_message(self):
        self.client.force_login(self.approver)
        response = self.client.post(self.url, {"officer": self.district_b_officer.pk})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'role="alert"', status_code=400)
        self.assignment.refresh_from_db()
        self.assertIsNone(self.assignment.officer)
