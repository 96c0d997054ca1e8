"""Publishing, versions, the audience rule, acknowledging and the demo data."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from saisaat.demo.declarations import seed_declarations_demo
from saisaat.orgs.models import StaffMember, User
from saisaat.participation.metrics import METRICS
from saisaat.participation.models import Acknowledgement, Declaration, DeclarationVersion
from saisaat.participation.services import declarations as services
from saisaat.plans.metrics import scope_for
from saisaat.testing.base import PersonaTestCase, make_user

MORAL = Declaration.Kind.MORAL_DECLARATION


def aware(*args):
    return timezone.make_aware(datetime(*args))


def add_staff(unit, count, *, prefix="คน", position="นักวิชาการพัฒนาชุมชน", **extra):
    return [
        StaffMember.objects.create(
            unit=unit, first_name=f"{prefix}{n}", last_name="สาธิต", position=position, **extra
        )
        for n in range(count)
    ]


def setup_declaration_people(cls):
    """Staff for the personas' units; the officers' accounts are linked to staff rows."""
    cls.prov_staff = add_staff(cls.province, 4, prefix="จังหวัด")
    cls.prov_director = StaffMember.objects.create(
        unit=cls.province,
        first_name="ผู้อำนวยการ",
        last_name="ทดสอบ",
        position="ผู้อำนวยการกลุ่มงานประสานและบริหารทั่วไป",
    )
    cls.officer_staff = StaffMember.objects.create(
        unit=cls.province,
        first_name="กมล",
        last_name="สาธิต",
        position="นักวิชาการพัฒนาชุมชน",
        user=cls.provincial_officer,
    )
    cls.a_staff = add_staff(cls.district_a, 3, prefix="อำเภอเอ")
    cls.a_head = StaffMember.objects.create(
        unit=cls.district_a,
        first_name="ชัยวัฒน์",
        last_name="สาธิต",
        position="พัฒนาการอำเภอเมืองหนองคาย",
        user=cls.district_a_officer,
    )
    cls.b_staff = add_staff(cls.district_b, 2, prefix="อำเภอบี")
    cls.b_head = StaffMember.objects.create(
        unit=cls.district_b,
        first_name="ธนพร",
        last_name="สาธิต",
        position="พัฒนาการอำเภอท่าบ่อ",
        user=cls.district_b_officer,
    )
    add_staff(cls.district_a, 2, prefix="เกษียณ", is_active=False)
    add_staff(cls.other_province, 2, prefix="อุดร")


def publish(unit, user, *, kind=MORAL, audience="all_staff", text="ข้อความ ๑", when=None):
    return services.publish_declaration(
        unit,
        kind=kind,
        title="ประกาศเจตนารมณ์ องค์กรคุณธรรม",
        audience=audience,
        fiscal_year=2566,
        text=text,
        acting_user=user,
        published_at=when or aware(2023, 1, 10, 9),
    )


class DeclarationServiceTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        setup_declaration_people(cls)

    def test_it_publishes_version_one_with_the_text(self):
        declaration = publish(self.province, self.administrator, text="  บรรทัด ๑  \r\nบรรทัด ๒\n")
        version = declaration.versions.get()
        self.assertEqual(version.number, 1)
        self.assertEqual(version.text, "บรรทัด ๑\nบรรทัด ๒")
        self.assertEqual(version.published_by, self.administrator)

    def test_it_refuses_a_second_declaration_of_the_same_kind_and_year(self):
        publish(self.province, self.administrator)
        with self.assertRaises(ValidationError):
            publish(self.province, self.administrator)
        # Other announcements may be many; another office may publish its own.
        publish(self.province, self.administrator, kind=Declaration.Kind.OTHER)
        publish(self.province, self.administrator, kind=Declaration.Kind.OTHER)
        publish(self.district_a, self.administrator)

    def test_it_publishes_a_new_version_only_when_the_text_changes(self):
        declaration = publish(self.province, self.administrator)
        same = services.edit_declaration(
            declaration,
            title="ชื่อใหม่",
            audience="all_staff",
            text="ข้อความ ๑\n",
            acting_user=self.approver,
        )
        self.assertIsNone(same.new_version)
        self.assertTrue(same.details_changed)
        changed = services.edit_declaration(
            declaration,
            title="ชื่อใหม่",
            audience="all_staff",
            text="ข้อความ ๒",
            acting_user=self.approver,
        )
        self.assertEqual(changed.new_version.number, 2)
        self.assertEqual(changed.new_version.published_by, self.approver)
        self.assertEqual(services.current_version(declaration).text, "ข้อความ ๒")
        self.assertEqual(declaration.versions.count(), 2)

    def test_it_asks_everyone_to_acknowledge_again_after_a_new_version(self):
        declaration = publish(self.province, self.administrator)
        first = services.current_version(declaration)
        services.acknowledge(first, self.officer_staff, acting_user=self.provincial_officer)
        services.edit_declaration(
            declaration, title="t", audience="all_staff", text="ใหม่", acting_user=self.approver
        )
        mine = services.declarations_for_person(self.officer_staff).get(pk=declaration.pk)
        self.assertFalse(mine.acknowledged)
        self.assertTrue(mine.acknowledged_earlier)
        with self.assertRaises(ValidationError):
            services.acknowledge(first, self.officer_staff, acting_user=self.provincial_officer)
        second = services.current_version(declaration)
        services.acknowledge(second, self.officer_staff, acting_user=self.provincial_officer)
        mine = services.declarations_for_person(self.officer_staff).get(pk=declaration.pk)
        self.assertTrue(mine.acknowledged)

    def test_acknowledging_twice_keeps_one_record(self):
        version = services.current_version(publish(self.province, self.administrator))
        one = services.acknowledge(version, self.officer_staff, acting_user=self.provincial_officer)
        two = services.acknowledge(version, self.officer_staff, acting_user=self.provincial_officer)
        self.assertTrue(one.created)
        self.assertFalse(two.created)
        self.assertEqual(one.acknowledgement.pk, two.acknowledgement.pk)
        self.assertEqual(Acknowledgement.objects.count(), 1)

    def test_the_audience_is_the_active_staff_of_the_unit_and_below(self):
        province_wide = publish(self.province, self.administrator)
        district = publish(self.district_a, self.administrator)
        self.assertEqual(services.audience_of(province_wide).count(), 6 + 4 + 3)
        self.assertEqual(services.audience_of(district).count(), 4)
        self.assertEqual(services.audience_of(province_wide, within=self.district_b).count(), 3)
        self.assertEqual(services.audience_of(district, within=self.province).count(), 4)
        self.assertFalse(services.is_in_audience(district, self.b_head))

    def test_leaders_are_group_directors_and_development_officers(self):
        StaffMember.objects.create(
            unit=self.province,
            first_name="พัฒนาการ",
            last_name="จังหวัด",
            position="พัฒนาการจังหวัดหนองคาย",
        )
        StaffMember.objects.create(
            unit=self.province,
            first_name="นัก",
            last_name="พัฒนา",
            position="นักวิชาการพัฒนาชุมชนชำนาญการพิเศษ",
        )
        pledge = publish(
            self.province,
            self.administrator,
            kind=Declaration.Kind.OSMKH_PLEDGE,
            audience=Declaration.Audience.LEADERS,
        )
        names = set(services.audience_of(pledge).values_list("first_name", flat=True))
        self.assertEqual(names, {"ผู้อำนวยการ", "ชัยวัฒน์", "ธนพร", "พัฒนาการ"})
        version = services.current_version(pledge)
        with self.assertRaises(ValidationError):
            services.acknowledge(version, self.officer_staff, acting_user=self.provincial_officer)
        # The provincial officer is not a leader, so the pledge is not on their list.
        self.assertFalse(services.declarations_for_person(self.officer_staff).exists())
        self.assertTrue(services.declarations_for_person(self.a_head).filter(pk=pledge.pk).exists())

    def test_a_manager_records_a_paper_signature_on_someones_behalf(self):
        version = services.current_version(publish(self.province, self.administrator))
        person = self.a_staff[0]
        result = services.record_paper_acknowledgement(
            version, person, signed_on=date(2023, 1, 15), acting_user=self.administrator
        )
        ack = result.acknowledgement
        self.assertEqual(ack.recorded_by, self.administrator)
        self.assertEqual(timezone.localtime(ack.acknowledged_at).date(), date(2023, 1, 15))
        row = next(
            r
            for r in services.people_rows(version.declaration, version, within=self.province)
            if r.staff == person
        )
        self.assertTrue(row.acknowledged)
        self.assertFalse(row.in_app)

    def test_a_paper_date_before_publication_or_in_the_future_is_refused(self):
        version = services.current_version(publish(self.province, self.administrator))
        for day in (
            date(2023, 1, 9),
            timezone.localdate().replace(year=timezone.localdate().year + 1),
        ):
            with self.assertRaises(ValidationError):
                services.record_paper_acknowledgement(
                    version, self.a_staff[0], signed_on=day, acting_user=self.administrator
                )
        self.assertFalse(Acknowledgement.objects.exists())

    def annotated(self, declaration):
        return services.with_current_version(Declaration.objects.filter(pk=declaration.pk)).get()

    def test_the_board_counts_per_unit_and_only_the_current_version(self):
        declaration = publish(self.province, self.administrator)
        first = services.current_version(declaration)
        for person in [self.prov_staff[0], self.a_staff[0], self.a_staff[1]]:
            services.acknowledge(first, person, acting_user=self.administrator)
        current = self.annotated(declaration)
        self.assertEqual(current.current_number, 1)
        board = services.ProgressBoard(self.province, [current])
        total = board.progress(current)
        self.assertEqual((total.acknowledged, total.audience), (3, 13))
        self.assertEqual(total.percent, Decimal("23.08"))
        rows = {row.unit.code: row.progress for row in board.unit_rows(current)}
        self.assertEqual(
            {k: (p.acknowledged, p.audience) for k, p in rows.items()},
            {"43": (1, 6), "4301": (2, 4), "4302": (0, 3)},
        )
        services.edit_declaration(
            declaration, title="t", audience="all_staff", text="ใหม่", acting_user=self.approver
        )
        services.acknowledge(
            services.current_version(declaration), self.b_head, acting_user=self.administrator
        )
        current = self.annotated(declaration)
        total = services.ProgressBoard(self.province, [current]).progress(current)
        self.assertEqual((total.acknowledged, total.audience), (1, 13))
        at_b = services.ProgressBoard(self.district_b, [current]).progress(current)
        self.assertEqual((at_b.acknowledged, at_b.audience), (1, 3))

    def test_a_line_added_after_the_last_one_leaves_the_last_one_alone(self):
        parts = services.diff_texts("ข้อ ๑\nข้อ ๒", "ข้อ ๑\nข้อ ๒\nข้อ ๓")
        self.assertEqual([(p.op, p.text) for p in parts if p.op != "equal"], [("insert", "ข้อ ๓\n")])

    def test_it_shows_what_changed_between_versions(self):
        parts = services.diff_texts("บรรทัดหนึ่ง\nงดรับ\n", "บรรทัดหนึ่ง\nงดรับ งดให้\nข้อใหม่\n")
        inserted = "".join(p.text for p in parts if p.op == "insert")
        self.assertIn("งดให้", inserted)
        self.assertIn("ข้อใหม่", inserted)
        self.assertNotIn("บรรทัดหนึ่ง", inserted)
        self.assertEqual(
            "".join(p.text for p in parts if p.op != "delete"), "บรรทัดหนึ่ง\nงดรับ งดให้\nข้อใหม่\n"
        )


class DeclarationIndicatorTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        setup_declaration_people(cls)

    def measured(self, unit, rolled_up=True, as_of=None):
        value = METRICS["declaration_acknowledged"].compute(
            scope_for(unit, 2566, rolled_up=rolled_up, as_of=as_of), kind=MORAL
        )
        return value.value, value.numerator, value.denominator

    def test_the_indicator_counts_acknowledgements_of_the_current_version(self):
        declaration = publish(self.province, self.administrator)
        first = services.current_version(declaration)
        people = self.prov_staff + self.a_staff  # 4 + 3 of 13 active staff
        for person in people:
            services.acknowledge(
                first, person, acting_user=self.administrator, acknowledged_at=aware(2023, 1, 12)
            )
        self.assertEqual(self.measured(self.province), (Decimal("53.85"), 7, 13))
        self.assertEqual(self.measured(self.district_a, rolled_up=False), (Decimal("75.00"), 3, 4))
        services.edit_declaration(
            declaration,
            title="t",
            audience="all_staff",
            text="ใหม่",
            acting_user=self.approver,
            published_at=aware(2023, 2, 1),
        )
        self.assertEqual(self.measured(self.province)[1], 0)
        self.assertEqual(self.measured(self.province, as_of=date(2023, 1, 20))[1], 7)

    def test_the_indicator_agrees_with_the_progress_page_after_the_demo(self):
        seed_declarations_demo(self.province, 2566)
        declaration = next(
            iter(
                services.with_current_version(
                    Declaration.objects.filter(unit=self.province, kind=MORAL)
                )
            )
        )
        progress = services.ProgressBoard(self.province, [declaration]).progress(declaration)
        value, numerator, denominator = self.measured(self.province)
        self.assertEqual((progress.acknowledged, progress.audience), (numerator, denominator))
        self.assertEqual(progress.percent, value)


class DeclarationDemoTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.admin = make_user("admin", cls.province, role=User.Role.ADMINISTRATOR)
        cls.districts = [cls.district_a, cls.district_b]
        for n in range(3, 10):
            cls.districts.append(
                type(cls.province).objects.create(
                    code=f"43{n:02d}", kind="district", name_th=f"อำเภอ {n}", parent=cls.province
                )
            )
        cls.provincial = add_staff(cls.province, 20, prefix="จ")
        add_staff(cls.province, 1, prefix="ผอ", position="ผู้อำนวยการกลุ่มงานสารสนเทศ")
        for district in cls.districts:
            add_staff(
                district, 1, prefix=f"พอ{district.code}", position=f"พัฒนาการอำเภอ{district.code}"
            )
            add_staff(district, 4, prefix=f"อ{district.code}")

    def share(self, declaration, unit):
        declaration = next(
            iter(services.with_current_version(Declaration.objects.filter(pk=declaration.pk)))
        )
        board = services.ProgressBoard(self.province, [declaration])
        return board.progress(declaration, root=unit)

    def test_it_seeds_three_declarations_with_realistic_progress(self):
        result = seed_declarations_demo(self.province, 2566)
        moral, osmkh, no_gift = result["declarations"]
        self.assertEqual(result["declarations_created"], 3)
        self.assertIn("องค์กรคุณธรรม", services.current_version(moral).text)
        self.assertEqual(osmkh.audience, Declaration.Audience.LEADERS)
        self.assertEqual(no_gift.versions.count(), 2)
        for declaration in (moral, osmkh, no_gift):
            for version in declaration.versions.all():
                self.assertEqual(version.published_by, self.admin)
                self.assertTrue(
                    date(2022, 10, 1) <= version.published_at.date() <= date(2023, 9, 30)
                )
        for ack in Acknowledgement.objects.all():
            self.assertTrue(date(2022, 10, 1) <= ack.acknowledged_at.date() <= date(2023, 9, 30))

        provincial = self.share(moral, self.province)
        self.assertGreaterEqual(provincial.percent, 80)
        district_shares = [self.share(moral, d).percent for d in self.districts]
        self.assertEqual(sum(share < 80 for share in district_shares), 1)
        no_gift_share = self.share(no_gift, self.province).percent
        self.assertTrue(Decimal(55) <= no_gift_share <= Decimal(65), no_gift_share)
        self.assertTrue(
            Acknowledgement.objects.filter(version__declaration=no_gift, version__number=1).exists()
        )
        self.assertTrue(Acknowledgement.objects.filter(recorded_by=self.admin).exists())

    def test_it_is_idempotent(self):
        seed_declarations_demo(self.province, 2566)
        counts = (
            Declaration.objects.count(),
            DeclarationVersion.objects.count(),
            Acknowledgement.objects.count(),
        )
        again = seed_declarations_demo(self.province, 2566)
        self.assertEqual(again["declarations_created"], 0)
        self.assertEqual(again["acknowledgements_created"], 0)
        self.assertEqual(
            counts,
            (
                Declaration.objects.count(),
                DeclarationVersion.objects.count(),
                Acknowledgement.objects.count(),
            ),
        )
