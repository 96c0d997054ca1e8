"""What each persona gets from each documents view: 200, 302, 400, 403, 404 or 405."""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from saisaat.documents import services
from saisaat.documents.models import Memo
from saisaat.documents.tests.base import DocumentsTestCase
from saisaat.jobs.models import Job

EVERYONE = [
    "provincial_officer",
    "approver",
    "administrator",
    "district_a_officer",
    "district_b_officer",
    "other_province_officer",
    "department_officer",
    "anonymous",
]


def memo_data(**overrides):
    data = {
        "number": "",
        "proposed_number": "",
        "date": "2023-03-15",
        "office": "สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย",
        "subject": "รายงานผลการดำเนินกิจกรรม",
        "recipient": "พัฒนาการจังหวัดหนองคาย",
        "body": "ย่อหน้าที่หนึ่ง\n\nจึงเรียนมาเพื่อโปรดทราบ",
        "signer_name": "นายทดสอบ ระบบ",
        "signer_position": "นักวิชาการพัฒนาชุมชน",
        "thai_digits": "on",
    }
    data.update(overrides)
    return data


class MemoPermissionTests(DocumentsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        data = {**memo_data(), "date": date(2023, 3, 15), "thai_digits": True}
        del data["proposed_number"]
        fields = services.MemoFields(**data)
        cls.district_memo = services.create_memo(
            unit=cls.district_a,
            kind="activity",
            fields=fields,
            acting_user=cls.district_a_officer,
            parameters={"assignment": cls.assignment.pk},
            assignment=cls.assignment,
        )

    def test_it_lists_memos_to_everyone_signed_in(self):
        url = reverse("documents:memo-list")
        expected = {name: 200 for name in EVERYONE}
        expected["anonymous"] = 302
        self.assert_statuses("get", url, expected)
        self.assert_statuses("post", url, {"provincial_officer": 405})

    def test_it_lists_only_the_memos_of_visible_units(self):
        url = reverse("documents:memo-list")
        for name, sees in [
            ("provincial_officer", True),
            ("district_a_officer", True),
            ("district_b_officer", False),
            ("other_province_officer", False),
        ]:
            with self.subTest(name=name):
                self.client.force_login(getattr(self, name))
                page = self.client.get(url).content.decode()
                self.assertEqual(self.district_memo.get_absolute_url() in page, sees)

    def test_it_drafts_an_activity_memo_for_who_can_see_the_assignment(self):
        url = reverse("documents:memo-new", args=["activity"]) + f"?assignment={self.assignment.pk}"
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "approver": 200,
                "administrator": 200,
                "district_a_officer": 200,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "department_officer": 200,
                "anonymous": 302,
            },
        )
        self.assert_statuses("put", url, {"district_a_officer": 405})

    def test_it_answers_a_bad_or_missing_parameter_with_a_clear_400(self):
        self.client.force_login(self.district_a_officer)
        for query in ["", "?assignment=abc", "?assignment=-1"]:
            with self.subTest(query=query):
                url = reverse("documents:memo-new", args=["activity"]) + query
                response = self.client.get(url)
                self.assertEqual(response.status_code, 400)
        response = self.client.get(reverse("documents:memo-new", args=["no-such-kind"]))
        self.assertEqual(response.status_code, 404)
        url = reverse("documents:memo-new", args=["quarterly"]) + "?unit=4301&year=2566&quarter=9"
        self.assertEqual(self.client.get(url).status_code, 400)

    def test_it_drafts_a_quarterly_memo_only_for_visible_units(self):
        url = reverse("documents:memo-new", args=["quarterly"]) + "?unit=43&year=2566&quarter=2"
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "approver": 200,
                "administrator": 200,
                "district_a_officer": 404,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "department_officer": 200,
                "anonymous": 302,
            },
        )

    def test_it_drafts_a_complaints_memo_for_visible_units(self):
        url = reverse("documents:memo-new", args=["complaints"]) + "?unit=4301&year=2566"
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "district_a_officer": 200,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "anonymous": 302,
            },
        )

    def test_it_generates_a_memo_on_post_and_keeps_the_form_on_bad_input(self):
        url = reverse("documents:memo-new", args=["activity"]) + f"?assignment={self.assignment.pk}"
        self.assert_statuses(
            "post",
            url,
            {
                "district_b_officer": 404,
                "other_province_officer": 404,
                "anonymous": 302,
                "district_a_officer": 302,
            },
            memo_data(),
        )
        self.client.force_login(self.district_a_officer)
        response = self.client.post(url, memo_data(subject="", body="ข้อความที่พิมพ์ไว้"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ข้อความที่พิมพ์ไว้")
        self.assertTrue(response.context["form"].errors["subject"])

    def test_it_shows_a_memo_to_who_sees_its_unit(self):
        url = self.district_memo.get_absolute_url()
        expected = {
            "provincial_officer": 200,
            "approver": 200,
            "administrator": 200,
            "district_a_officer": 200,
            "district_b_officer": 404,
            "other_province_officer": 404,
            "department_officer": 200,
            "anonymous": 302,
        }
        self.assert_statuses("get", url, expected)
        self.assert_statuses("post", url, {"district_a_officer": 405})
        for fmt in ("pdf", "docx"):
            with self.subTest(fmt=fmt):
                file_url = reverse("documents:memo-file", args=[self.district_memo.pk, fmt])
                self.assert_statuses("get", file_url, expected)
        self.assert_statuses(
            "get",
            reverse("documents:memo-file", args=[self.district_memo.pk, "exe"]),
            {"district_a_officer": 404},
        )

    def test_it_serves_the_pdf_privately(self):
        self.client.force_login(self.district_a_officer)
        response = self.client.get(
            reverse("documents:memo-file", args=[self.district_memo.pk, "pdf"])
        )
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(response["Cache-Control"], "private, no-store")
        self.assertTrue(b"".join(response.streaming_content).startswith(b"%PDF"))

    def test_it_attaches_only_for_officers_of_the_unit_that_owes_the_work(self):
        url = reverse("documents:memo-attach", args=[self.district_memo.pk])
        self.assert_statuses(
            "post",
            url,
            {
                "provincial_officer": 403,
                "approver": 403,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "department_officer": 403,
                "anonymous": 302,
            },
        )
        self.assert_statuses("get", url, {"district_a_officer": 405})
        self.assertEqual(self.status_for("district_a_officer", "post", url), 302)
        self.district_memo.refresh_from_db()
        self.assertIsNotNone(self.district_memo.evidence_id)
        # A second click explains instead of attaching twice.
        self.client.force_login(self.district_a_officer)
        response = self.client.post(url, follow=True)
        with translation.override(response.wsgi_request.LANGUAGE_CODE):
            self.assertContains(response, gettext("This memo is already attached as evidence."))

    def test_it_exports_the_plan_status_for_visible_units(self):
        for code, expected in [
            (
                "43",
                {
                    "provincial_officer": 200,
                    "approver": 200,
                    "administrator": 200,
                    "district_a_officer": 404,
                    "district_b_officer": 404,
                    "other_province_officer": 404,
                    "department_officer": 200,
                    "anonymous": 302,
                },
            ),
            ("4301", {"district_a_officer": 200, "district_b_officer": 404, "anonymous": 302}),
        ]:
            url = reverse("documents:plan-status-xlsx", args=[code])
            self.assert_statuses("get", url, expected)
        self.assert_statuses("post", url, {"district_a_officer": 405})

    # Both exports start a background job (302 to its page) for whoever reads the unit.
    STARTERS = {
        "provincial_officer": 302,
        "approver": 302,
        "administrator": 302,
        "district_a_officer": 302,
        "district_b_officer": 404,
        "other_province_officer": 404,
        "department_officer": 302,
        "anonymous": 302,
    }

    def test_it_bundles_evidence_only_for_visible_units(self):
        url = reverse("documents:evidence-bundle", args=["4301"])
        self.assert_statuses("post", url, self.STARTERS, {"year": "2566", "dimension": "1"})
        self.assertEqual(
            set(Job.objects.values_list("owner__username", flat=True)),
            {"prov-officer", "prov-director", "prov-admin", "district-a", "department"},
        )
        self.assert_statuses("get", url, {"district_a_officer": 405})
        missing = {"year": "2566", "dimension": "9"}
        self.assert_statuses("post", url, {"district_a_officer": 404}, missing)

    def test_it_exports_the_quarterly_report_for_visible_units(self):
        url = reverse("documents:quarterly-xlsx", args=["4301"])
        self.assert_statuses("post", url, self.STARTERS, {"year": "2566", "quarter": "2"})
        bad = {"year": "2566", "quarter": "7"}
        self.assert_statuses("post", url, {"district_a_officer": 400}, bad)
        no_plan = {"year": "2599", "quarter": "1"}
        self.assert_statuses("post", url, {"district_a_officer": 404}, no_plan)


class MemoNumberingTests(DocumentsTestCase):
    def test_it_takes_the_next_number_when_the_proposal_is_kept(self):
        self.assertFalse(Memo.objects.exists())
        self.client.force_login(self.district_a_officer)
        url = reverse("documents:memo-new", args=["activity"]) + f"?assignment={self.assignment.pk}"
        form = self.client.get(url).context["form"]
        proposed = form.initial["number"]
        self.assertEqual(proposed, "นค 0016.1/1")
        # Someone else takes number 1 meanwhile: this memo gets 2, not a duplicate.
        services.take_number(self.district_a, 2566)
        self.client.post(url, memo_data(number=proposed, proposed_number=proposed))
        memo = Memo.objects.get()
        self.assertEqual((memo.number, memo.running_number, memo.year), ("นค 0016.1/2", 2, 2566))
        self.assertEqual(memo.assignment, self.assignment)
        self.assertEqual(memo.created_by, self.district_a_officer)

    def test_it_keeps_a_number_typed_by_hand(self):
        self.client.force_login(self.district_a_officer)
        url = reverse("documents:memo-new", args=["activity"]) + f"?assignment={self.assignment.pk}"
        self.client.post(url, memo_data(number="นค 0016/77", proposed_number="นค 0016.1/1"))
        memo = Memo.objects.get()
        self.assertEqual((memo.number, memo.running_number), ("นค 0016/77", None))

    def test_it_refuses_a_typed_number_already_used_and_keeps_the_form(self):
        self.client.force_login(self.district_a_officer)
        url = reverse("documents:memo-new", args=["activity"]) + f"?assignment={self.assignment.pk}"
        self.client.post(url, memo_data(number="นค 0016.1/1", proposed_number="นค 0016.1/3"))
        self.client.post(url, memo_data(number="นค 0016.1/1", proposed_number="นค 0016.1/1"))
        self.assertEqual(
            sorted(Memo.objects.values_list("number", flat=True)), ["นค 0016.1/1", "นค 0016.1/2"]
        )
        # The message is read in English; its Thai is checked by the translation test.
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = self.client.post(
            url,
            memo_data(number="นค 0016.1/2", proposed_number="นค 0016.1/3", subject="เรื่องเดิม"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("was already given", " ".join(response.context["form"].non_field_errors()))
        self.assertContains(response, "เรื่องเดิม")
        self.assertEqual(Memo.objects.count(), 2)
