"""What each persona gets from each complaint view: 200, 302, 400, 403, 404 or 405."""

from django.core.cache import cache
from django.urls import reverse

from saisaat.complaints.models import ComplaintOfficer
from saisaat.complaints.tests.helpers import ComplaintTestCase


class ComplaintPermissionTests(ComplaintTestCase):
    require_every_persona = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.complaint = cls.make_complaint("service", unit=cls.district_a)
        cls.secret = cls.make_complaint("misconduct")

    def setUp(self):
        cache.clear()

    def test_public_pages_are_open_to_everyone(self):
        for name in ("index", "new", "track"):
            self.assert_statuses("get", reverse(f"complaints:{name}"), self.every(200))
        url = reverse("complaints:public-statistics", args=["43"])
        self.assert_statuses("get", url, self.every(200))
        self.assert_statuses("post", url, self.every(405))
        self.assert_statuses("post", reverse("complaints:index"), self.every(405))
        # Published for the province (the agency), never per district office.
        for code in ("00", "4301"):
            self.assert_statuses(
                "get", reverse("complaints:public-statistics", args=[code]), self.every(404)
            )

    def test_the_sent_page_without_a_submission_goes_to_the_tracker(self):
        self.assert_statuses("get", reverse("complaints:submitted"), self.every(302))

    def test_unit_list(self):
        expected = {
            "provincial_officer": 200,
            "approver": 200,
            "administrator": 200,
            "district_a_officer": 200,
            "district_b_officer": 404,
            "other_province_officer": 404,
            "department_officer": 403,
            "anonymous": 302,
        }
        self.assert_statuses("get", reverse("complaints:unit-list", args=["4301"]), expected)
        self.assert_statuses(
            "post", reverse("complaints:unit-list", args=["4301"]), {**self.every(405)}
        )

    def test_record_form(self):
        url = reverse("complaints:record", args=["4301"])
        expected = {
            "provincial_officer": 200,
            "approver": 200,
            "administrator": 200,
            "district_a_officer": 200,
            "district_b_officer": 404,
            "other_province_officer": 404,
            "department_officer": 403,
            "anonymous": 302,
        }
        self.assert_statuses("get", url, expected)
        # An empty POST: the allowed get the form back with messages.
        self.assert_statuses(
            "post", url, {**expected, **{k: 400 for k, v in expected.items() if v == 200}}
        )

    def test_complaint_detail(self):
        url = self.complaint.get_absolute_url()
        expected = {
            "provincial_officer": 200,
            "approver": 200,
            "administrator": 200,
            "district_a_officer": 200,
            "district_b_officer": 404,
            "other_province_officer": 404,
            "department_officer": 404,
            "anonymous": 302,
        }
        self.assert_statuses("get", url, expected)
        self.assert_statuses("post", url, self.every(405))

    def test_the_confidential_complaint_detail(self):
        url = self.secret.get_absolute_url()
        expected = {**self.every(404), "approver": 200, "anonymous": 302}
        self.assert_statuses("get", url, expected)

    def test_mutating_views(self):
        hidden = {
            "district_b_officer": 404,
            "other_province_officer": 404,
            "department_officer": 404,
            "anonymous": 302,
        }
        for name in ("status", "route", "note", "persons"):
            url = reverse(f"complaints:{name}", args=[self.complaint.pk])
            self.assert_statuses("get", url, self.every(405))
            if name == "persons":
                # Naming people hides the complaint from them: only the office head and the
                # designated officers may (an empty list is valid, 302).
                expected = {
                    "provincial_officer": 403,
                    "approver": 302,
                    "administrator": 403,
                    "district_a_officer": 403,
                    **hidden,
                }
            else:
                # Empty forms: 400 with messages.
                expected = {
                    "provincial_officer": 400,
                    "approver": 400,
                    "administrator": 400,
                    "district_a_officer": 400,
                    **hidden,
                }
            self.assert_statuses("post", url, expected)

    def test_identity(self):
        url = reverse("complaints:identity", args=[self.complaint.pk])
        expected = {
            "provincial_officer": 403,
            "approver": 200,
            "administrator": 403,
            "district_a_officer": 403,
            "district_b_officer": 404,
            "other_province_officer": 404,
            "department_officer": 404,
            "anonymous": 302,
        }
        self.assert_statuses("post", url, expected)
        self.assert_statuses("get", url, self.every(405))

    def test_attachment(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from saisaat.complaints import services
        from saisaat.complaints.tests.helpers import PDF

        checked = services.check_attachments([SimpleUploadedFile("a.pdf", PDF)])
        complaint = self.make_complaint(attachments=checked, unit=self.district_a)
        url = reverse("complaints:attachment", args=[complaint.attachments.get().pk])
        expected = {
            "provincial_officer": 200,
            "approver": 200,
            "administrator": 200,
            "district_a_officer": 200,
            "district_b_officer": 404,
            "other_province_officer": 404,
            "department_officer": 404,
            "anonymous": 302,
        }
        self.assert_statuses("get", url, expected)

    def test_channels_page_and_editing(self):
        url = reverse("complaints:channels", args=["43"])
        reading = {
            "provincial_officer": 200,
            "approver": 200,
            "administrator": 200,
            "district_a_officer": 404,
            "district_b_officer": 404,
            "other_province_officer": 404,
            "department_officer": 403,
            "anonymous": 302,
        }
        self.assert_statuses("get", url, reading)
        data = {
            "name": "ไลน์",
            "medium": "other",
            "kind": "online",
            "position": 9,
            "is_published": "on",
        }
        managing = {**reading, "provincial_officer": 403}
        managing.update(approver=302, administrator=302)
        self.client.logout()
        for name, status in managing.items():
            data["name"] = f"ไลน์ {name}"
            self.assertEqual(self.status_for(name, "post", url, data), status, name)
        channel = self.province.complaint_channels.get(medium="phone")
        edit = reverse("complaints:channel-edit", args=[channel.pk])
        self.assert_statuses("get", edit, self.every(405))
        self.assert_statuses("post", edit, managing, {f"c{channel.pk}-name": "โทรศัพท์"})

    def test_officers_page_and_designation(self):
        url = reverse("complaints:officers", args=["43"])
        reading = {
            "provincial_officer": 200,
            "approver": 200,
            "administrator": 200,
            "district_a_officer": 404,
            "district_b_officer": 404,
            "other_province_officer": 404,
            "department_officer": 403,
            "anonymous": 302,
        }
        self.assert_statuses("get", url, reading)
        # Only the office head designates: an administrator cannot make anyone (or
        # themselves) a complaint officer.
        managing = {**reading, "provincial_officer": 403, "approver": 302, "administrator": 403}
        for name, status in managing.items():
            ComplaintOfficer.objects.filter(user=self.provincial_officer).delete()
            data = {"user": self.provincial_officer.pk}
            self.assertEqual(self.status_for(name, "post", url, data), status, name)
        officer = ComplaintOfficer.objects.get(user=self.complaint_officer)
        remove = reverse("complaints:officer-remove", args=[officer.pk])
        self.assert_statuses("get", remove, self.every(405))
        expected = {
            **managing,
            "approver": 302,
            "administrator": 403,
            "department_officer": 403,
        }
        # Everyone else is refused while it exists; the approver then removes it.
        ordered = dict(sorted(expected.items(), key=lambda item: item[0] == "approver"))
        self.assert_statuses("post", remove, ordered)

    def test_statistics_and_export(self):
        expected = {
            "provincial_officer": 200,
            "approver": 200,
            "administrator": 200,
            "district_a_officer": 404,
            "district_b_officer": 404,
            "other_province_officer": 404,
            "department_officer": 200,
            "anonymous": 302,
        }
        self.assert_statuses("get", reverse("complaints:statistics", args=["43"]), expected)
        self.assert_statuses("get", reverse("complaints:statistics-xlsx", args=["43"]), expected)
        self.assert_statuses(
            "post",
            reverse("complaints:statistics", args=["43"]),
            self.every(405),
        )
