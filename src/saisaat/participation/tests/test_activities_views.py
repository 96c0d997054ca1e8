"""Office-activity pages: what each persona gets, attendance by list, QR codes, the
check-in flow on a phone, and query counts."""

from datetime import date
from xml.etree import ElementTree

from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from saisaat.orgs.models import StaffMember
from saisaat.participation.models import Attendance, OfficeActivity
from saisaat.participation.services import activities as services
from saisaat.testing.base import PERSONAS, PersonaTestCase

MANAGERS_ONLY = {
    "provincial_officer": 403,
    "district_a_officer": 404,
    "district_b_officer": 404,
    "other_province_officer": 404,
    "department_officer": 403,
    "anonymous": 302,
    "approver": 200,
    "administrator": 200,
}
READERS = {
    "provincial_officer": 200,
    "approver": 200,
    "administrator": 200,
    "district_a_officer": 404,
    "district_b_officer": 404,
    "other_province_officer": 404,
    "department_officer": 200,
    "anonymous": 302,
}


def link_staff(user):
    return StaffMember.objects.create(
        unit=user.unit, first_name=user.username, last_name="สาธิต", user=user
    )


def after_post(expected: dict) -> dict:
    """What a manager's POST gets: a redirect instead of a page."""
    return {name: 302 if status == 200 else status for name, status in expected.items()}


class ActivityViewCase(PersonaTestCase):
    def setUp(self):
        super().setUp()
        # These tests read the English messages; the Thai ones are checked by the
        # translation test.
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.staff = {
            name: link_staff(getattr(cls, name))
            for name in PERSONAS
            if name not in ("department_officer", "anonymous")
        }
        cls.activity = services.create_activity(
            cls.province,
            acting_user=cls.approver,
            title="ทำบุญตักบาตรวันพ่อ",
            held_on=date(2022, 12, 5),
            place="ศาลากลางจังหวัด",
            virtues=["gratitude"],
        )
        cls.district_activity = services.create_activity(
            cls.district_a,
            acting_user=cls.approver,
            title="เข้าแถวเคารพธงชาติ",
            held_on=date(2023, 3, 6),
            virtues=["discipline"],
        )

    def form_data(self, **overrides):
        data = {
            "title": "อบรม No Gift Policy",
            "held_on": "2023-04-07",
            "place": "ห้องประชุม",
            "virtues": ["integrity"],
            "is_moral_organisation": "on",
            "plan_activity": "",
        }
        data.update(overrides)
        return data


class ActivityPermissionTests(ActivityViewCase):
    def test_activity_list(self):
        url = reverse("participation:activity-list", args=["43"])
        self.assert_statuses("get", url, READERS)
        self.assert_statuses("post", url, {"approver": 405})

    def test_activity_list_of_a_district(self):
        url = reverse("participation:activity-list", args=["4301"])
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "district_a_officer": 200,
                "district_b_officer": 404,
                "anonymous": 302,
            },
        )

    def test_creating(self):
        url = reverse("participation:activity-create", args=["43"])
        self.assert_statuses("get", url, MANAGERS_ONLY)
        self.assert_statuses("post", url, after_post(MANAGERS_ONLY), self.form_data())
        self.assertEqual(OfficeActivity.objects.filter(title="อบรม No Gift Policy").count(), 2)
        self.assert_statuses("put", url, {"approver": 405})

    def test_detail(self):
        url = reverse("participation:office-activity-detail", args=[self.activity.pk])
        self.assert_statuses("get", url, READERS)
        self.assert_statuses("post", url, {"approver": 405})

    def test_detail_of_a_district_activity(self):
        url = reverse("participation:office-activity-detail", args=[self.district_activity.pk])
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

    def test_editing(self):
        url = reverse("participation:activity-edit", args=[self.activity.pk])
        self.assert_statuses("get", url, MANAGERS_ONLY)
        self.assert_statuses(
            "post", url, after_post(MANAGERS_ONLY), self.form_data(title="แก้ชื่อแล้ว")
        )
        self.activity.refresh_from_db()
        self.assertEqual(self.activity.title, "แก้ชื่อแล้ว")

    def test_adding_attendance(self):
        url = reverse("participation:activity-attendance-add", args=[self.activity.pk])
        data = {"staff": [self.staff["provincial_officer"].pk]}
        expected = after_post(MANAGERS_ONLY)
        expected["administrator"] = 400  # the approver has just added this person
        self.assert_statuses("post", url, expected, data)
        self.assertEqual(self.activity.attendance.count(), 1)
        self.assert_statuses("get", url, {"approver": 405})

    def test_removing_attendance(self):
        person = self.staff["provincial_officer"]
        services.record_attendance(self.activity, [person], method=Attendance.Method.LIST)
        url = reverse(
            "participation:activity-attendance-remove", args=[self.activity.pk, person.pk]
        )
        self.assert_statuses("get", url, {"approver": 405})
        expected = after_post(MANAGERS_ONLY)
        expected.pop("administrator")
        self.assert_statuses("post", url, expected)
        self.assertFalse(self.activity.attendance.exists())
        # Someone not on the list cannot be removed.
        self.assert_statuses("post", url, {"administrator": 404})

    def test_opening_and_closing_check_in(self):
        url = reverse("participation:activity-checkin-open", args=[self.activity.pk])
        self.assert_statuses("post", url, after_post(MANAGERS_ONLY), {"open": "0"})
        self.activity.refresh_from_db()
        self.assertFalse(self.activity.checkin_open)
        self.assert_statuses("get", url, {"approver": 405})

    def test_making_a_new_code(self):
        url = reverse("participation:activity-checkin-regenerate", args=[self.activity.pk])
        self.assert_statuses("post", url, after_post(MANAGERS_ONLY))
        self.assert_statuses("get", url, {"approver": 405})

    def test_qr_pages_and_images(self):
        for name in ("activity-qr-print", "activity-qr-svg", "activity-qr-png"):
            url = reverse(f"participation:{name}", args=[self.activity.pk])
            self.assert_statuses("get", url, MANAGERS_ONLY)
            self.assert_statuses("post", url, {"approver": 405})

    def test_check_in(self):
        url = reverse("participation:activity-check-in", args=[self.activity.checkin_token])
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "approver": 200,
                "administrator": 200,
                "district_a_officer": 200,  # district staff may come to provincial events
                "district_b_officer": 200,
                "other_province_officer": 403,
                "department_officer": 403,
                "anonymous": 302,
            },
        )
        self.assert_statuses(
            "post",
            url,
            {
                "provincial_officer": 302,
                "district_a_officer": 302,
                "other_province_officer": 403,
                "department_officer": 403,
                "anonymous": 302,
            },
        )
        self.assertEqual(self.activity.attendance.count(), 2)
        self.assert_statuses("put", url, {"provincial_officer": 405})

    def test_check_in_to_a_district_activity(self):
        url = reverse(
            "participation:activity-check-in", args=[self.district_activity.checkin_token]
        )
        self.assert_statuses(
            "post",
            url,
            {"provincial_officer": 403, "district_b_officer": 403, "district_a_officer": 302},
        )


class ActivityPageTests(ActivityViewCase):
    def test_the_list_shows_activities_coverage_and_attendance(self):
        services.record_attendance(
            self.activity, [self.staff["approver"]], method=Attendance.Method.LIST
        )
        self.login(self.approver)
        response = self.client.get(
            reverse("participation:activity-list", args=["43"]) + "?year=2566"
        )
        self.assertContains(response, "ทำบุญตักบาตรวันพ่อ")
        self.assertNotContains(response, "เข้าแถวเคารพธงชาติ")  # the district's own
        self.assertEqual(response.context["coverage"].activities, 1)
        self.assertEqual(response.context["coverage"].virtues_covered, 1)
        self.assertContains(response, 'id="coverage-summary"')
        self.assertEqual(response.context["attendance"].numerator, 1)
        self.assertEqual(response.context["attendance"].denominator, 3)
        self.assertContains(response, reverse("participation:activity-create", args=["43"]))

    def test_officers_do_not_see_the_create_button(self):
        self.login(self.provincial_officer)
        response = self.client.get(
            reverse("participation:activity-list", args=["43"]) + "?year=2566"
        )
        self.assertNotContains(response, reverse("participation:activity-create", args=["43"]))

    def test_a_bad_form_keeps_what_was_typed(self):
        self.login(self.approver)
        response = self.client.post(
            reverse("participation:activity-create", args=["43"]),
            self.form_data(title="ตลาดนัดชุมชนพอเพียง", held_on="31/02/2566", virtues=[]),
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "ตลาดนัดชุมชนพอเพียง", status_code=400)
        self.assertContains(response, "There is no such day in that month", status_code=400)
        self.assertContains(response, "at least one of the five virtues", status_code=400)

    def test_it_links_a_plan_activity_of_the_same_year_only(self):
        plan_activity = services.plan_activities(self.province, 2566).first()
        self.login(self.approver)
        response = self.client.post(
            reverse("participation:activity-create", args=["43"]),
            self.form_data(plan_activity=plan_activity.pk),
        )
        self.assertEqual(response.status_code, 302)
        created = OfficeActivity.objects.get(title="อบรม No Gift Policy")
        self.assertEqual(created.plan_activity, plan_activity)
        # A date in another fiscal year does not offer this plan's activities.
        response = self.client.post(
            reverse("participation:activity-create", args=["43"]),
            self.form_data(held_on="2023-10-05", plan_activity=plan_activity.pk),
        )
        self.assertEqual(response.status_code, 400)

    def test_managers_tick_many_names_in_one_post(self):
        extra = [
            StaffMember.objects.create(unit=self.province, first_name=f"คน{n}", last_name="ส")
            for n in range(3)
        ]
        self.login(self.approver)
        detail = reverse("participation:office-activity-detail", args=[self.activity.pk])
        response = self.client.get(detail)
        for person in extra:
            self.assertContains(response, f'value="{person.pk}"')
        self.assertNotContains(response, f'value="{self.staff["district_a_officer"].pk}"')
        response = self.client.post(
            reverse("participation:activity-attendance-add", args=[self.activity.pk]),
            {"staff": [person.pk for person in extra]},
        )
        self.assertRedirects(response, detail)
        rows = self.activity.attendance.all()
        self.assertEqual({row.staff_id for row in rows}, {person.pk for person in extra})
        self.assertEqual({row.method for row in rows}, {"list"})
        response = self.client.get(detail)
        self.assertEqual(response.context["stats"]["present"], 3)
        self.assertEqual(response.context["stats"]["staff"], 6)
        self.assertContains(response, "50.0%")

    def test_ticking_someone_of_another_unit_is_refused(self):
        self.login(self.approver)
        response = self.client.post(
            reverse("participation:activity-attendance-add", args=[self.activity.pk]),
            {"staff": [self.staff["other_province_officer"].pk]},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "this unit&#x27;s staff list", status_code=400)
        self.assertFalse(self.activity.attendance.exists())

    def test_ticking_nobody_says_so(self):
        self.login(self.approver)
        response = self.client.post(
            reverse("participation:activity-attendance-add", args=[self.activity.pk]), {}
        )
        self.assertContains(response, "Tick at least one name", status_code=400)

    def test_the_detail_page_shows_the_qr_code_to_managers_only(self):
        qr = reverse("participation:activity-qr-svg", args=[self.activity.pk])
        detail = reverse("participation:office-activity-detail", args=[self.activity.pk])
        self.login(self.approver)
        response = self.client.get(detail)
        self.assertContains(response, qr)
        self.assertContains(response, self.activity.checkin_token)
        self.login(self.provincial_officer)
        response = self.client.get(detail)
        self.assertNotContains(response, qr)
        self.assertNotContains(response, self.activity.checkin_token)

    def test_the_qr_images_are_valid_and_not_cached(self):
        self.login(self.approver)
        svg = self.client.get(reverse("participation:activity-qr-svg", args=[self.activity.pk]))
        self.assertEqual(svg["Content-Type"], "image/svg+xml")
        self.assertTrue(ElementTree.fromstring(svg.content).tag.endswith("svg"))
        self.assertIn("no-store", svg["Cache-Control"])
        png = self.client.get(
            reverse("participation:activity-qr-png", args=[self.activity.pk]) + "?download=1"
        )
        self.assertEqual(png["Content-Type"], "image/png")
        self.assertTrue(png.content.startswith(b"\x89PNG\r\n\x1a\n"))
        self.assertIn("attachment", png["Content-Disposition"])

    def test_the_qr_code_encodes_the_absolute_check_in_url(self):
        self.login(self.approver)
        response = self.client.get(
            reverse("participation:office-activity-detail", args=[self.activity.pk])
        )
        path = reverse("participation:activity-check-in", args=[self.activity.checkin_token])
        with override_settings(SAISAAT_BASE_URL="http://127.0.0.1:8000"):
            response = self.client.get(
                reverse("participation:office-activity-detail", args=[self.activity.pk])
            )
        # A phone cannot reach the development default; the address in use is better.
        self.assertEqual(response.context["checkin_url"], "http://testserver" + path)
        with override_settings(SAISAAT_BASE_URL="https://saisaat.example/"):
            response = self.client.get(
                reverse("participation:activity-qr-print", args=[self.activity.pk])
            )
        self.assertEqual(response.context["checkin_url"], "https://saisaat.example" + path)
        self.assertContains(response, "5 ธันวาคม 2565")
        self.assertContains(response, "data-print")


class CheckInFlowTests(ActivityViewCase):
    def url(self, activity=None):
        activity = activity or self.activity
        return reverse("participation:activity-check-in", args=[activity.checkin_token])

    def test_an_anonymous_visitor_signs_in_and_comes_back(self):
        response = self.client.get(self.url())
        login = reverse("login")
        self.assertRedirects(response, f"{login}?next={self.url()}", fetch_redirect_response=False)

    def test_a_staff_member_checks_in_with_one_tap(self):
        self.login(self.provincial_officer)
        page = self.client.get(self.url())
        self.assertContains(page, "ทำบุญตักบาตรวันพ่อ")
        self.assertContains(page, 'class="big"')
        self.assertContains(page, 'name="viewport"')
        response = self.client.post(self.url())
        self.assertRedirects(response, self.url())
        attendance = Attendance.objects.get(activity=self.activity)
        self.assertEqual(
            (attendance.staff, attendance.method), (self.staff["provincial_officer"], "qr")
        )
        page = self.client.get(self.url())
        self.assertContains(page, "You are on the attendance list")
        self.assertNotContains(page, 'class="big"')

    def test_checking_in_twice_is_harmless(self):
        self.login(self.provincial_officer)
        self.client.post(self.url())
        response = self.client.post(self.url(), follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "already checked in")
        self.assertEqual(self.activity.attendance.count(), 1)

    def test_a_closed_check_in_says_so_and_records_nobody(self):
        services.set_checkin_open(self.activity, False)
        self.login(self.provincial_officer)
        page = self.client.get(self.url())
        self.assertEqual(page.status_code, 409)
        self.assertContains(page, "closed", status_code=409)
        self.assertNotContains(page, 'class="big"', status_code=409)
        response = self.client.post(self.url())
        self.assertEqual(response.status_code, 409)
        self.assertFalse(self.activity.attendance.exists())

    def test_someone_already_listed_sees_it_even_after_check_in_closes(self):
        services.record_attendance(
            self.activity, [self.staff["provincial_officer"]], method=Attendance.Method.LIST
        )
        services.set_checkin_open(self.activity, False)
        self.login(self.provincial_officer)
        page = self.client.get(self.url())
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "recorded by the organiser")

    def test_staff_of_another_unit_are_told_clearly(self):
        self.login(self.district_b_officer)
        response = self.client.post(self.url(self.district_activity))
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "Only staff of", status_code=403)
        self.assertFalse(self.district_activity.attendance.exists())

    def test_an_unknown_or_replaced_code_is_not_found(self):
        old = self.url()
        services.regenerate_checkin_token(self.activity)
        self.login(self.provincial_officer)
        response = self.client.get(old)
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "not recognised", status_code=404)
        self.assertEqual(self.client.post(old).status_code, 404)
        self.assertFalse(self.activity.attendance.exists())

    def test_the_check_in_page_fits_a_phone(self):
        self.login(self.provincial_officer)
        page = self.client.get(self.url()).content.decode()
        self.assertIn('content="width=device-width, initial-scale=1"', page)
        self.assertIn("max-width: 32rem", page)


class ActivityQueryCountTests(ActivityViewCase):
    def grow(self):
        people = [
            StaffMember.objects.create(unit=self.province, first_name=f"คน{n}", last_name="ส")
            for n in range(20)
        ]
        for n in range(10):
            activity = services.create_activity(
                self.province,
                acting_user=self.approver,
                title=f"กิจกรรม {n}",
                held_on=date(2023, 1 + n % 9, 10),
                virtues=[["discipline"], ["integrity", "gratitude"]][n % 2],
                plan_activity=services.plan_activities(self.province, 2566)[n],
            )
            services.record_attendance(activity, people[n:], method=Attendance.Method.LIST)
        services.record_attendance(self.activity, people[:12], method=Attendance.Method.QR)

    def assert_constant(self, user, url, expected: int):
        self.login(user)
        self.client.get(url)
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)
        self.grow()
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_activity_list(self):
        # session, user, the user's unit, the unit with its parent, plan years, the
        # activities with attendance counts and plan lines, the attendance aggregate.
        url = reverse("participation:activity-list", args=["43"]) + "?year=2566"
        self.assert_constant(self.approver, url, 7)

    def test_activity_detail_for_a_manager(self):
        # session, user, the user's unit, the activity with its unit and plan line, the
        # attendance with people and units, the attendance aggregate, the names to tick.
        url = reverse("participation:office-activity-detail", args=[self.activity.pk])
        self.assert_constant(self.approver, url, 7)

    def test_activity_detail_for_a_reader(self):
        # ... without the names to tick.
        url = reverse("participation:office-activity-detail", args=[self.activity.pk])
        self.assert_constant(self.provincial_officer, url, 6)
