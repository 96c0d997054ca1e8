"""Office activities: recording, virtue coverage, attendance, QR check-in and the demo."""

from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

from django.core.exceptions import ValidationError

from saisaat.demo.activities import seed_activities_demo
from saisaat.orgs.models import StaffMember, Unit
from saisaat.participation.metrics import METRICS
from saisaat.participation.models import Attendance, OfficeActivity
from saisaat.participation.services import activities as services
from saisaat.plans.metrics import scope_for
from saisaat.testing.base import PersonaTestCase

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def staff_of(unit, count, *, prefix="คน", active=True):
    return [
        StaffMember.objects.create(
            unit=unit, first_name=f"{prefix}{n}", last_name="สาธิต", is_active=active
        )
        for n in range(count)
    ]


class ActivityServiceTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = staff_of(cls.province, 5)
        cls.district_people = staff_of(cls.district_a, 2, prefix="อำเภอ")

    def create(self, **overrides):
        fields = {
            "title": "จิตอาสาพัฒนาวัด",
            "held_on": date(2023, 1, 21),
            "place": "วัดโพธิ์ชัย",
            "virtues": ["volunteering"],
        }
        fields.update(overrides)
        return services.create_activity(self.province, acting_user=self.approver, **fields)

    def test_it_records_the_fiscal_year_from_the_date_and_orders_the_virtues(self):
        activity = self.create(
            held_on=date(2022, 10, 3), virtues=["gratitude", "sufficiency", "gratitude"]
        )
        self.assertEqual(activity.fiscal_year, 2566)
        self.assertEqual(activity.virtues, ["sufficiency", "gratitude"])
        services.update_activity(
            activity,
            acting_user=self.approver,
            title="ตลาดนัดพอเพียง",
            held_on=date(2023, 10, 2),
            virtues=["sufficiency"],
        )
        activity.refresh_from_db()
        self.assertEqual((activity.fiscal_year, activity.title), (2567, "ตลาดนัดพอเพียง"))

    def test_coverage_counts_moral_activities_per_virtue_like_the_indicator(self):
        self.create(virtues=["volunteering", "gratitude"])
        self.create(title="5ส", virtues=["discipline"])
        self.create(title="ประชุมประจำเดือน", virtues=[], is_moral_organisation=False)
        self.create(title="ไม่ใช่แผน", virtues=["integrity"], is_moral_organisation=False)
        self.create(title="ปีก่อน", held_on=date(2022, 9, 1), virtues=["sufficiency"])
        coverage = services.virtue_coverage(list(services.activities_for(self.province, 2566)))
        self.assertEqual(coverage.activities, 2)
        self.assertEqual(coverage.virtues_covered, 3)
        self.assertEqual(
            dict((virtue.value, count) for virtue, count in coverage.per_virtue),
            {"sufficiency": 0, "discipline": 1, "integrity": 0, "volunteering": 1, "gratitude": 1},
        )
        indicator = METRICS["moral_activities"].compute(
            scope_for(self.province, 2566, rolled_up=False)
        )
        self.assertEqual(indicator.value, Decimal(coverage.activities))
        self.assertEqual(indicator.note, f"{coverage.virtues_covered} of 5 virtues")

    def test_recording_attendance_twice_adds_nobody_twice(self):
        activity = self.create()
        self.assertEqual(
            services.record_attendance(activity, self.people[:3], method=Attendance.Method.LIST), 3
        )
        self.assertEqual(
            services.record_attendance(activity, self.people[:4], method=Attendance.Method.LIST), 1
        )
        self.assertEqual(activity.attendance.count(), 4)
        self.assertTrue(services.remove_attendance(activity, self.people[0]))
        self.assertFalse(services.remove_attendance(activity, self.people[0]))
        self.assertEqual(activity.attendance.count(), 3)

    def test_attendance_figures_match_the_indicator(self):
        first, second = self.create(), self.create(title="5ส", virtues=["discipline"])
        other = self.create(title="ประชุม", virtues=[], is_moral_organisation=False)
        services.record_attendance(first, self.people[:2], method=Attendance.Method.LIST)
        services.record_attendance(second, self.people[1:3], method=Attendance.Method.QR)
        services.record_attendance(other, self.people[3:], method=Attendance.Method.LIST)
        staff_of(self.province, 1, active=False)
        share = services.attendance_share(self.province, 2566)
        self.assertEqual((share.numerator, share.denominator), (3, 5))
        indicator = METRICS["moral_activity_attendance"].compute(
            scope_for(self.province, 2566, rolled_up=False)
        )
        self.assertEqual(share, indicator)
        stats = services.activity_attendance(first)
        self.assertEqual((stats["present"], stats["staff"], stats["percent"]), (2, 5, 40))

    def test_a_district_person_at_a_provincial_activity_counts_when_rolled_up(self):
        activity = self.create()
        services.check_in(activity, self.district_people[0])
        stats = services.activity_attendance(activity)
        self.assertEqual(stats["present"], 0)  # not provincial staff
        rolled = METRICS["moral_activity_attendance"].compute(
            scope_for(self.province, 2566, rolled_up=True)
        )
        self.assertEqual(rolled.numerator, 1)

    def test_check_in_by_qr_records_the_method_once(self):
        activity = self.create()
        attendance, created = services.check_in(activity, self.people[0])
        self.assertTrue(created)
        self.assertEqual(attendance.method, Attendance.Method.QR)
        again, created = services.check_in(activity, self.people[0])
        self.assertFalse(created)
        self.assertEqual(again.pk, attendance.pk)

    def test_check_in_keeps_an_entry_made_from_the_list(self):
        activity = self.create()
        services.record_attendance(activity, [self.people[0]], method=Attendance.Method.LIST)
        attendance, created = services.check_in(activity, self.people[0])
        self.assertFalse(created)
        self.assertEqual(attendance.method, Attendance.Method.LIST)

    def test_check_in_is_refused_when_closed(self):
        activity = self.create()
        services.set_checkin_open(activity, False)
        with self.assertRaises(services.CheckInRefused) as refused:
            services.check_in(activity, self.people[0])
        self.assertEqual(refused.exception.code, "closed")
        services.set_checkin_open(activity, True)
        self.assertTrue(services.check_in(activity, self.people[0])[1])

    def test_check_in_is_for_the_unit_and_the_units_below_it(self):
        provincial = self.create()
        district = services.create_activity(
            self.district_a,
            acting_user=self.approver,
            title="เข้าแถวเคารพธงชาติ",
            held_on=date(2023, 3, 6),
            virtues=["discipline"],
        )
        other_province = staff_of(self.other_province, 1)[0]
        district_b = staff_of(self.district_b, 1)[0]
        retired = staff_of(self.province, 1, active=False)[0]
        self.assertTrue(services.can_check_in(provincial, self.district_people[0]))
        self.assertTrue(services.can_check_in(district, self.district_people[0]))
        self.assertFalse(services.can_check_in(district, self.people[0]))  # not upwards
        self.assertFalse(services.can_check_in(district, district_b))
        self.assertFalse(services.can_check_in(provincial, other_province))
        self.assertFalse(services.can_check_in(provincial, retired))
        self.assertFalse(services.can_check_in(provincial, None))
        with self.assertRaises(ValidationError):
            services.check_in(district, district_b)
        self.assertFalse(district.attendance.exists())

    def test_a_new_code_replaces_the_old_one(self):
        activity = self.create()
        old = activity.checkin_token
        services.regenerate_checkin_token(activity)
        activity.refresh_from_db()
        self.assertNotEqual(activity.checkin_token, old)
        self.assertFalse(OfficeActivity.objects.filter(checkin_token=old).exists())

    def test_qr_images_are_valid_svg_and_png(self):
        url = "https://saisaat.example/participation/check-in/abc/"
        svg = services.qr_image(url, "svg")
        root = ElementTree.fromstring(svg)
        self.assertTrue(root.tag.endswith("svg"))
        png = services.qr_image(url, "png")
        self.assertTrue(png.startswith(PNG_SIGNATURE))
        self.assertGreater(len(png), 200)

    def test_plan_activities_come_from_the_provinces_plan_for_the_year(self):
        choices = list(services.plan_activities(self.province, 2566))
        self.assertTrue(choices)
        self.assertTrue(all(a.measure.dimension.plan_id == self.plan.pk for a in choices))
        self.assertFalse(services.plan_activities(self.province, 2567).exists())
        district_choices = services.plan_activities(self.district_a, 2566)
        self.assertTrue(all(a.for_district_offices for a in district_choices))


class ActivityDemoTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        staff_of(cls.province, 26, prefix="จังหวัด")
        for n in range(3, 5):
            Unit.objects.create(
                code=f"43{n:02d}", kind="district", name_th=f"อำเภอ {n}", parent=cls.province
            )
        for district in cls.province.children.all():
            staff_of(district, 5, prefix=f"อำเภอ{district.code}")

    def test_it_seeds_activities_and_attendance_once(self):
        first = seed_activities_demo(self.province, 2566)
        second = seed_activities_demo(self.province, 2566)
        self.assertEqual((second["activities_created"], second["attendance_created"]), (0, 0))
        self.assertEqual(first["activities"], second["activities"])

        at_province = OfficeActivity.objects.filter(unit=self.province)
        self.assertEqual(at_province.count(), 6)
        covered = {virtue for a in at_province for virtue in a.virtues}
        self.assertEqual(len(covered), 5)
        for district in self.province.children.all():
            self.assertIn(OfficeActivity.objects.filter(unit=district).count(), (1, 2))
        for activity in OfficeActivity.objects.all():
            self.assertEqual(activity.fiscal_year, 2566)
            self.assertTrue(date(2022, 10, 1) <= activity.held_on <= date(2023, 9, 30))
            self.assertTrue(activity.is_moral_organisation)
            self.assertEqual(activity.plan_activity.measure.dimension.number, 4)
        methods = set(Attendance.objects.values_list("method", flat=True))
        self.assertEqual(methods, {"list", "qr"})

        scope = scope_for(self.province, 2566, rolled_up=False)
        self.assertEqual(METRICS["moral_activities"].compute(scope).value, Decimal(6))
        share = METRICS["moral_activity_attendance"].compute(scope)
        # Realistic: most people came to something, a few to nothing.
        self.assertTrue(60 <= share.value < 100, share)


class OsmkhWorkshopTests(PersonaTestCase):
    """The OSMKH workshop (project item 4.4) is an activity like any other, ticked as the
    workshop; the share of each office's staff who attended it is a metric."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = staff_of(cls.province, 2)
        cls.district_people = staff_of(cls.district_a, 4, prefix="อำเภอ")

    def test_the_provinces_workshop_counts_for_the_district_staff_who_attended(self):
        workshop = services.create_activity(
            self.province,
            acting_user=self.approver,
            title="ประชุมเชิงปฏิบัติการ OSMKH",
            held_on=date(2023, 1, 25),
            is_moral_organisation=False,
            is_osmkh_workshop=True,
        )
        other = services.create_activity(
            self.province,
            acting_user=self.approver,
            title="ประชุมประจำเดือน",
            held_on=date(2023, 1, 26),
            is_moral_organisation=False,
        )
        services.record_attendance(
            workshop, self.district_people[:3] + self.people[:1], method="list"
        )
        services.record_attendance(other, self.district_people, method="list")
        metric = METRICS["osmkh_workshop_attendance"]
        district = metric.compute(scope_for(self.district_a, 2566, rolled_up=False))
        self.assertEqual((district.numerator, district.denominator), (3, 4))
        province = metric.compute(scope_for(self.province, 2566, rolled_up=False))
        self.assertEqual((province.numerator, province.denominator), (1, 2))
        # Not in the workshop's fiscal year: nothing.
        later = metric.compute(scope_for(self.district_a, 2567, rolled_up=False))
        self.assertEqual(later.numerator, 0)
