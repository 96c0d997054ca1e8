from datetime import UTC, datetime

from saisaat.indicators import drilldown
from saisaat.indicators.metrics import METRICS
from saisaat.orgs.models import StaffMember
from saisaat.participation.models import Declaration
from saisaat.participation.services.declarations import acknowledge, publish_declaration
from saisaat.plans.metrics import scope_for
from saisaat.testing.base import PersonaTestCase


class LeadersPledgeTests(PersonaTestCase):
    """A pledge addressed to the leaders is measured against the leaders only."""

    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        published = datetime(2022, 11, 15, 9, tzinfo=UTC)
        cls.pledge = publish_declaration(
            cls.province,
            kind=Declaration.Kind.OSMKH_PLEDGE,
            title="พันธสัญญา OSMKH",
            audience=Declaration.Audience.LEADERS,
            fiscal_year=2566,
            text="ข้าพเจ้าจะปฏิบัติงานด้วยความโปร่งใส",
            acting_user=cls.administrator,
            published_at=published,
        )
        cls.group_director = StaffMember.objects.create(
            unit=cls.province, first_name="ผู้นำ", last_name="หนึ่ง", position="ผู้อำนวยการกลุ่มงาน"
        )
        cls.district_officer = StaffMember.objects.create(
            unit=cls.district_a, first_name="ผู้นำ", last_name="สอง", position="พัฒนาการอำเภอเมือง"
        )
        cls.officer = StaffMember.objects.create(
            unit=cls.province, first_name="เจ้าหน้าที่", last_name="สาม", position="นักวิชาการ"
        )
        acknowledge(
            cls.pledge.versions.get(),
            cls.group_director,
            acting_user=cls.administrator,
            acknowledged_at=datetime(2022, 11, 20, 9, tzinfo=UTC),
        )

    def test_it_counts_the_leaders_only(self):
        metric = METRICS["declaration_acknowledged"]
        scope = scope_for(self.province, 2566, rolled_up=True)
        value = metric.compute(scope, kind=Declaration.Kind.OSMKH_PLEDGE)
        self.assertEqual((value.numerator, value.denominator), (1, 2))
        self.assertEqual(str(value.value), "50.00")

    def test_the_people_behind_it_are_the_leaders(self):
        metric = METRICS["declaration_acknowledged"]
        scope = scope_for(self.province, 2566, rolled_up=True)
        found = drilldown.records(metric, scope, {"kind": Declaration.Kind.OSMKH_PLEDGE})
        self.assertEqual(found["done"], [self.group_director])
        self.assertEqual(found["pending"], [self.district_officer])

    def test_a_declaration_to_everyone_counts_everyone(self):
        self.pledge.audience = Declaration.Audience.ALL_STAFF
        self.pledge.save()
        value = METRICS["declaration_acknowledged"].compute(
            scope_for(self.province, 2566, rolled_up=True), kind=Declaration.Kind.OSMKH_PLEDGE
        )
        self.assertEqual((value.numerator, value.denominator), (1, 3))
