from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from saisaat.indicators.binding import bind_plan_targets
from saisaat.indicators.engine import FULL, NONE, PARTIAL, evaluate
from saisaat.indicators.metrics import METRICS
from saisaat.indicators.models import IndicatorBinding
from saisaat.orgs.models import StaffMember
from saisaat.participation.models import (
    Acknowledgement,
    Certificate,
    Course,
    Declaration,
    DeclarationVersion,
    JointActivity,
    MemorandumOfUnderstanding,
    Partner,
    PartnerType,
)
from saisaat.plans.metrics import scope_for
from saisaat.testing.base import PersonaTestCase


def aware(*args):
    return timezone.make_aware(datetime(*args))


class EngineTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bind_plan_targets(cls.plan)
        cls.course = Course.objects.get(code="nacc-e-learning")

    def make_staff(self, unit, count, *, active=True, prefix="คน"):
        return [
            StaffMember.objects.create(
                unit=unit, first_name=f"{prefix}{n}", last_name="สาธิต", is_active=active
            )
            for n in range(count)
        ]

    def result(self, metric, unit=None, **kwargs):
        unit = unit or self.province
        results = evaluate(self.plan, unit, **kwargs)
        return next(r for r in results if r.metric and r.metric.key == metric)

    def certify(self, people, issued_on=date(2023, 3, 1)):
        for person in people:
            Certificate.objects.create(staff=person, course=self.course, issued_on=issued_on)

    def test_exactly_80_percent_certified_earns_full_points(self):
        staff = self.make_staff(self.province, 10)
        self.certify(staff[:8])
        result = self.result("staff_certified")
        self.assertEqual(result.value.value, Decimal("80.00"))
        self.assertEqual((result.value.numerator, result.value.denominator), (8, 10))
        self.assertEqual(result.grade, FULL)

    def test_just_under_80_percent_is_one_point_and_under_half_is_none(self):
        staff = self.make_staff(self.province, 9)
        self.certify(staff[:7])  # 77.78 %
        self.assertEqual(self.result("staff_certified").grade, PARTIAL)
        Certificate.objects.filter(staff__in=staff[2:7]).delete()  # 2 of 9
        self.assertEqual(self.result("staff_certified").grade, NONE)

    def test_inactive_staff_are_left_out(self):
        staff = self.make_staff(self.province, 4)
        self.make_staff(self.province, 6, active=False, prefix="เกษียณ")
        self.certify(staff)
        result = self.result("staff_certified")
        self.assertEqual((result.value.numerator, result.value.denominator), (4, 4))

    def test_a_person_who_moves_counts_in_the_new_unit(self):
        mover = self.make_staff(self.district_a, 1)[0]
        self.make_staff(self.district_b, 1)
        self.certify([mover])
        certified = METRICS["staff_certified"].compute

        def measured(unit):
            value = certified(scope_for(unit, 2566, rolled_up=False))
            return value.numerator, value.denominator

        self.assertEqual(measured(self.district_a), (1, 1))
        mover.unit = self.district_b
        mover.save()
        self.assertEqual(measured(self.district_a), (0, 0))
        self.assertEqual(measured(self.district_b), (1, 2))

    def test_a_share_for_the_provincial_office_alone_leaves_the_districts_out(self):
        # 1.3.2 (E-Learning) names only the provincial office as implementing unit.
        self.certify(self.make_staff(self.province, 2))
        self.make_staff(self.district_a, 4)
        own = self.result("staff_certified", rolled_up=False)
        rolled = self.result("staff_certified", rolled_up=True)
        self.assertEqual((own.value.numerator, own.value.denominator), (2, 2))
        self.assertEqual((rolled.value.numerator, rolled.value.denominator), (2, 2))
        self.assertEqual([o.office for o in rolled.offices], [self.province])
        self.assertEqual(rolled.grade, FULL)

    def test_certificates_of_another_year_do_not_count(self):
        staff = self.make_staff(self.province, 2)
        self.certify(staff, issued_on=date(2022, 9, 30))  # FY2565
        self.assertEqual(self.result("staff_certified").value.numerator, 0)

    def test_acknowledging_a_changed_declaration_is_needed_again(self):
        staff = self.make_staff(self.province, 5)
        declaration = Declaration.objects.create(
            unit=self.province,
            fiscal_year=2566,
            kind="moral_declaration",
            title="ประกาศเจตนารมณ์",
            created_by=self.administrator,
        )
        first = DeclarationVersion.objects.create(
            declaration=declaration,
            number=1,
            text="ข้อความ ๑",
            published_at=aware(2023, 1, 10),
            published_by=self.administrator,
        )
        for person in staff[:4]:
            Acknowledgement.objects.create(
                version=first,
                staff=person,
                acknowledged_at=aware(2023, 1, 12),
                recorded_by=self.administrator,
            )
        self.assertEqual(self.result("declaration_acknowledged").value.value, Decimal("80.00"))
        DeclarationVersion.objects.create(
            declaration=declaration,
            number=2,
            text="ข้อความ ๒",
            published_at=aware(2023, 2, 1),
            published_by=self.administrator,
        )
        self.assertEqual(self.result("declaration_acknowledged").value.numerator, 0)
        # As it stood on 20 January, before the new version.
        past = self.result("declaration_acknowledged", as_of=date(2023, 1, 20))
        self.assertEqual(past.value.numerator, 4)

    def test_partner_types_count_once_each(self):
        government, private = PartnerType.objects.order_by("position")[:2]
        amphoe = Partner.objects.create(unit=self.province, name="อำเภอ", partner_type=government)
        school = Partner.objects.create(unit=self.province, name="โรงเรียน", partner_type=government)
        bank = Partner.objects.create(unit=self.district_a, name="ธนาคาร", partner_type=private)
        mou = MemorandumOfUnderstanding.objects.create(
            unit=self.province, fiscal_year=2566, title="MOU", signed_on=date(2023, 2, 1)
        )
        mou.partners.set([amphoe, school])
        joint = JointActivity.objects.create(
            unit=self.district_a, fiscal_year=2566, title="ร่วมกัน", held_on=date(2023, 3, 1)
        )
        joint.partners.set([bank])
        own = self.result("partner_types_engaged", rolled_up=False)
        self.assertEqual((own.value.value, own.grade), (1, PARTIAL))
        rolled = self.result("partner_types_engaged", rolled_up=True)
        # Two types across the province, but each office engaged one or none.
        self.assertEqual(rolled.value.value, 2)
        self.assertEqual(
            [(o.office, o.value.value) for o in rolled.offices],
            [(self.province, 1), (self.district_a, 1), (self.district_b, 0)],
        )
        self.assertEqual((rolled.grade, rolled.offices_met), (NONE, 0))

    def test_a_target_without_a_metric_is_not_measured(self):
        channels = next(
            r for r in evaluate(self.plan, self.province) if r.target.unit_label == "ช่องทาง"
        )
        IndicatorBinding.objects.filter(target=channels.target).delete()
        result = next(r for r in evaluate(self.plan, self.province) if r.target == channels.target)
        self.assertIsNone(result.metric)
        self.assertIsNone(result.grade)
        self.assertEqual(result.status, "not_measured")

    def test_complaint_channels_count_published_kinds_offline_and_online(self):
        from saisaat.complaints.models import Channel
        from saisaat.complaints.services import ensure_standard_channels

        self.assertEqual(self.result("complaint_channels").value.value, Decimal("0"))
        self.assertEqual(self.result("complaint_channels").grade, NONE)
        ensure_standard_channels(self.province)
        # Set up early in the year (1.4.2 is due by February 2023).
        Channel.objects.update(created_at=aware(2022, 11, 1, 9))
        result = self.result("complaint_channels")
        self.assertEqual(result.value.value, Decimal("7"))
        self.assertEqual(result.value.note, "4 offline, 3 online")
        self.assertEqual(result.grade, FULL)
        # Unpublished channels do not count; a second line of the same kind counts once.
        Channel.objects.filter(unit=self.province).exclude(medium__in=("phone", "email")).update(
            is_published=False
        )
        hotline = Channel.objects.create(
            unit=self.province, medium="phone", kind="offline", name="สายด่วน"
        )
        Channel.objects.filter(pk=hotline.pk).update(created_at=aware(2022, 11, 2, 9))
        self.assertEqual(self.result("complaint_channels").value.value, Decimal("2"))
        self.assertNotEqual(self.result("complaint_channels").grade, FULL)

    def test_a_district_sees_only_the_targets_of_its_activities(self):
        province_targets = {r.target.pk for r in evaluate(self.plan, self.province)}
        district_targets = {r.target.pk for r in evaluate(self.plan, self.district_a)}
        self.assertLess(district_targets, province_targets)
        # The E-Learning activity is for the provincial office only.
        self.assertNotIn(
            "staff_certified",
            {r.metric.key for r in evaluate(self.plan, self.district_a) if r.metric},
        )

    def test_the_channels_behind_the_number_are_the_published_ones(self):
        from saisaat.complaints.models import Channel
        from saisaat.complaints.services import ensure_standard_channels
        from saisaat.indicators import drilldown
        from saisaat.indicators.metrics import METRICS

        ensure_standard_channels(self.province)
        Channel.objects.update(created_at=aware(2022, 11, 1, 9))
        Channel.objects.filter(unit=self.province, medium="email").update(is_published=False)
        scope = scope_for(self.province, 2566, rolled_up=False)
        found = drilldown.records(METRICS["complaint_channels"], scope, {})
        self.assertEqual(len(found["counted"]), 6)
        self.assertNotIn("email", {medium for _kind, medium in (c.key for c in found["counted"])})
