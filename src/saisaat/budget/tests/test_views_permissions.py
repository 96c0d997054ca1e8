"""What each persona gets from each budget view: 200, 302, 403, 404 or 405.

Managers (the unit's approvers and administrators) change a unit's budget; everyone who
can see the unit reads it; a district never sees another district; the province reads
its districts but does not change them.
"""

from decimal import Decimal

from django.urls import reverse

from saisaat.budget.models import BudgetLine
from saisaat.budget.tests.helpers import make_line
from saisaat.orgs.models import User
from saisaat.testing.base import PersonaTestCase, make_user

PERSONAS = (
    "provincial_officer",
    "approver",
    "administrator",
    "district_a_manager",
    "district_a_officer",
    "district_b_officer",
    "other_province_officer",
    "department_officer",
    "anonymous",
)
# Who reads the budget of the province (43) and of district A (4301).
READ_PROVINCE = {
    "provincial_officer": 200,
    "approver": 200,
    "administrator": 200,
    "district_a_manager": 404,
    "district_a_officer": 404,
    "district_b_officer": 404,
    "other_province_officer": 404,
    "department_officer": 200,
    "anonymous": 302,
}
READ_DISTRICT_A = {**READ_PROVINCE, "district_a_manager": 200, "district_a_officer": 200}
MANAGE_PROVINCE = {
    **READ_PROVINCE,
    "provincial_officer": 403,
    "department_officer": 403,
}
MANAGE_DISTRICT_A = {
    **READ_DISTRICT_A,
    "provincial_officer": 403,
    "approver": 403,
    "administrator": 403,
    "district_a_officer": 403,
    "department_officer": 403,
}


class BudgetPermissionTests(PersonaTestCase):
    load_plan = False
    personas = PERSONAS
    require_every_persona = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.district_a_manager = make_user(
            "district-a-head", cls.district_a, role=User.Role.APPROVER
        )
        cls.province_line = make_line(cls.province, "โครงการจังหวัด", Decimal("1000.00"))
        cls.district_line = make_line(cls.district_a, "โครงการอำเภอ", Decimal("500.00"))

    def url(self, name, *args):
        return reverse(f"budget:{name}", args=args) + "?year=2566"

    def test_it_shows_the_overview_to_readers(self):
        self.assert_statuses("get", self.url("overview", "43"), READ_PROVINCE)
        self.assert_statuses("get", self.url("overview", "4301"), READ_DISTRICT_A)
        self.client.force_login(self.provincial_officer)
        self.assertEqual(self.client.post(self.url("overview", "43")).status_code, 405)

    def test_it_hides_another_district(self):
        self.client.force_login(self.district_b_officer)
        self.assertEqual(self.client.get(self.url("overview", "4301")).status_code, 404)
        self.assertEqual(self.client.get(self.district_line.get_absolute_url()).status_code, 404)

    def test_it_shows_a_line_to_readers(self):
        self.assert_statuses("get", self.district_line.get_absolute_url(), READ_DISTRICT_A)
        self.client.force_login(self.district_a_manager)
        self.assertEqual(self.client.post(self.district_line.get_absolute_url()).status_code, 405)

    def test_it_lets_only_managers_add_lines(self):
        self.assert_statuses("get", self.url("line-add", "43"), MANAGE_PROVINCE)
        self.assert_statuses("get", self.url("line-add", "4301"), MANAGE_DISTRICT_A)
        data = {"number": 9, "name": "โครงการใหม่", "source": "operating", "planned_1": "1,000"}
        expected = {**MANAGE_DISTRICT_A, "district_a_manager": 302}
        self.assert_statuses("post", self.url("line-add", "4301"), expected, data)
        self.assertEqual(BudgetLine.objects.filter(name="โครงการใหม่").count(), 1)

    def test_it_lets_only_managers_edit_lines(self):
        url = reverse("budget:line-edit", args=[self.district_line.pk])
        self.assert_statuses("get", url, MANAGE_DISTRICT_A)
        url = reverse("budget:line-edit", args=[self.province_line.pk])
        self.assert_statuses("get", url, MANAGE_PROVINCE)

    def test_it_lets_only_managers_delete_lines(self):
        url = reverse("budget:line-delete", args=[self.province_line.pk])
        self.client.force_login(self.approver)
        self.assertEqual(self.client.get(url).status_code, 405)
        refused = {name: code for name, code in MANAGE_PROVINCE.items() if code != 200}
        got = {name: self.status_for(name, "post", url) for name in refused}
        self.assertEqual(got, refused)
        self.assertEqual(self.status_for("approver", "post", url), 302)
        self.assertFalse(BudgetLine.objects.filter(pk=self.province_line.pk).exists())

    def test_it_lets_only_managers_enter_disbursements(self):
        self.assert_statuses("get", self.url("disbursements", "43"), MANAGE_PROVINCE)
        self.assert_statuses("get", self.url("disbursements", "4301"), MANAGE_DISTRICT_A)
        field = f"d_{self.district_line.pk}_1"
        expected = {**MANAGE_DISTRICT_A, "district_a_manager": 302}
        self.assert_statuses("post", self.url("disbursements", "4301"), expected, {field: "250"})
        self.assertEqual(self.district_line.months.get(month=1).disbursed, Decimal("250.00"))

    def test_it_lets_only_managers_import(self):
        self.assert_statuses("get", self.url("import", "43"), MANAGE_PROVINCE)
        self.assert_statuses("get", self.url("import", "4301"), MANAGE_DISTRICT_A)
        # A manager posting no file gets the form back with its error.
        expected = {**MANAGE_PROVINCE, "approver": 400, "administrator": 400}
        self.assert_statuses("post", self.url("import", "43"), expected)

    def test_it_gives_the_template_and_reports_to_readers(self):
        for name in ("import-template", "report-xlsx", "report-pdf"):
            with self.subTest(name):
                self.assert_statuses("get", self.url(name, "43"), READ_PROVINCE)
                self.assert_statuses("get", self.url(name, "4301"), READ_DISTRICT_A)
                self.client.force_login(self.approver)
                response = self.client.get(self.url(name, "43"))
                self.assertEqual(response["Cache-Control"], "private, no-store")
        self.client.force_login(self.approver)
        self.assertEqual(self.client.post(self.url("report-pdf", "43")).status_code, 405)
