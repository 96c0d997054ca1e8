from django.urls import reverse

from saisaat.audit import services as audit
from saisaat.audit.models import Entry
from saisaat.orgs.models import User
from saisaat.testing.base import PersonaTestCase, make_user

URL = reverse("audit:log")


class AuditLogViewTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.change = audit.record(
            cls.district_a_officer,
            "orgs.test_changed",
            cls.district_a,
            changes={"name_th": ["เก่า", "ใหม่"]},
            unit=cls.district_a,
        )
        cls.reading = audit.record(
            cls.provincial_officer,
            "complaints.identity_read",
            ("complaints.complaint", 7, "complaint 7"),
            unit=cls.district_a,
            confidential=True,
        )
        cls.elsewhere = audit.record(
            cls.other_province_officer,
            "orgs.test_changed",
            cls.other_district,
            unit=cls.other_district,
        )

    def sequences(self, persona, query=""):
        self.login(getattr(self, persona))
        page = self.client.get(URL + query)
        self.assertEqual(page.status_code, 200)
        return [entry.sequence for entry in page.context["page"]]

    def test_it_is_for_administrators_and_office_heads_only(self):
        self.assert_statuses(
            "get",
            URL,
            {
                "anonymous": 302,
                "district_a_officer": 403,
                "district_b_officer": 403,
                "provincial_officer": 403,
                "other_province_officer": 403,
                "administrator": 200,
                "department_officer": 200,
                "approver": 200,
            },
        )

    def test_administrators_read_every_change_but_no_identity_reading(self):
        # The department's administrator reads every office's entries.
        self.assertEqual(
            self.sequences("department_officer"), [self.elsewhere.sequence, self.change.sequence]
        )

    def test_a_provinces_administrator_reads_only_its_own_offices(self):
        self.assertEqual(self.sequences("administrator"), [self.change.sequence])
        other = make_user("other-admin", self.other_province, role=User.Role.ADMINISTRATOR)
        self.assertEqual(self.sequences_of(other), [self.elsewhere.sequence])

    def sequences_of(self, user):
        self.login(user)
        return [entry.sequence for entry in self.client.get(URL).context["page"]]

    def test_the_office_head_reads_identity_readings_of_the_offices_they_head(self):
        self.assertEqual(self.sequences("approver"), [self.reading.sequence, self.change.sequence])

    def test_it_reads_per_object_and_per_person(self):
        self.assertEqual(
            self.sequences("administrator", f"?type=orgs.unit&id={self.district_a.pk}"),
            [self.change.sequence],
        )
        self.assertEqual(
            self.sequences("department_officer", f"?actor={self.other_province_officer.pk}"),
            [self.elsewhere.sequence],
        )
        self.login(self.administrator)
        self.assertEqual(self.client.get(URL + "?actor=x").status_code, 400)

    def test_it_shows_thai_labels_and_the_change(self):
        self.login(self.administrator)
        page = self.client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "บันทึกการตรวจสอบ")
        self.assertContains(page, "ใหม่")
        self.assertContains(page, "district-a")

    def test_its_query_count_stays_the_same_as_the_log_grows(self):
        self.login(self.administrator)
        for _number in range(60):
            audit.record(self.administrator, "orgs.test_changed", self.province, unit=self.province)
        # session, user, count, the user's office (page header), page of entries
        with self.assertNumQueries(5):
            self.client.get(URL)
        with self.assertNumQueries(5):
            self.client.get(URL + "?page=2")
        self.assertEqual(Entry.objects.count(), 63)
