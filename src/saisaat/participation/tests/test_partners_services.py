"""Partner services: the engaged-types rule, changes and the demo data."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from saisaat.demo.partners import seed_partners_demo
from saisaat.orgs.models import Unit
from saisaat.participation.metrics import METRICS
from saisaat.participation.models import (
    JointActivity,
    MemorandumOfUnderstanding,
    Partner,
    PartnerType,
)
from saisaat.participation.services import partners as services
from saisaat.plans.metrics import Scope
from saisaat.testing.base import PersonaTestCase

PDF = b"%PDF-1.4\n%%EOF\n"
MAX_BYTES = 1024 * 1024


def metric_value(unit_ids, unit, year=2566) -> int:
    scope = Scope(unit=unit, unit_ids=tuple(unit_ids), fiscal_year=year)
    return int(METRICS["partner_types_engaged"].compute(scope).value)


class PartnerServiceTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.types = {t.code: t for t in PartnerType.objects.all()}

    def partner(self, unit, name, code):
        return services.create_partner(unit, name=name, partner_type=self.types[code])

    def test_it_counts_a_type_engaged_by_an_mou_or_a_joint_activity_in_the_year_once(self):
        office = self.partner(self.province, "ที่ทำการปกครองจังหวัด", "government")
        tambon = self.partner(self.province, "อบต.หาดคำ", "government")
        university = self.partner(self.province, "มหาวิทยาลัย", "academic")
        bank = self.partner(self.province, "ธนาคาร", "private")
        services.record_mou(
            self.province,
            title="MOU",
            signed_on=date(2022, 12, 15),
            partners=[office, tambon],
            max_bytes=MAX_BYTES,
        )
        services.record_joint_activity(
            self.province, title="จิตอาสา", held_on=date(2023, 3, 1), partners=[university]
        )
        # Outside the fiscal year: counts for 2567, not 2566.
        services.record_joint_activity(
            self.province, title="ตลาดนัด", held_on=date(2023, 10, 2), partners=[bank]
        )
        overview = services.partner_overview(self.province, 2566)
        self.assertEqual(overview.engaged, 2)
        self.assertEqual(overview.type_count, 7)
        self.assertEqual(overview.engaged, metric_value([self.province.pk], self.province))
        engaged = {g.partner_type.code for g in overview.groups if g.engaged}
        self.assertEqual(engaged, {"government", "academic"})
        self.assertEqual(len(overview.groups), 7)
        self.assertEqual([m.title for m in overview.mous], ["MOU"])
        self.assertEqual([a.title for a in overview.joint_activities], ["จิตอาสา"])
        self.assertEqual(overview.engaged_partner_ids, {office.pk, tambon.pk, university.pk})
        self.assertEqual(services.partner_overview(self.province, 2567).engaged, 1)

    def test_it_rolls_district_engagement_up_for_the_province_like_the_indicator(self):
        amphoe = self.partner(self.district_a, "ที่ว่าการอำเภอ", "government")
        temple = self.partner(self.district_a, "วัด", "religious")
        services.record_joint_activity(
            self.district_a, title="ประชาคม", held_on=date(2023, 2, 1), partners=[amphoe, temple]
        )
        overview = services.partner_overview(self.province, 2566)
        self.assertEqual(overview.engaged, 0)
        all_units = Unit.objects.within(self.province).values_list("pk", flat=True)
        self.assertEqual(overview.engaged_with_districts, 2)
        self.assertEqual(overview.engaged_with_districts, metric_value(all_units, self.province))
        by_code = {row.unit.code: row.engaged for row in overview.districts}
        self.assertEqual(by_code, {"4301": 2, "4302": 0})

    def test_it_sets_the_fiscal_year_from_the_date(self):
        partner = self.partner(self.province, "มหาวิทยาลัย", "academic")
        mou = services.record_mou(
            self.province,
            title="MOU",
            signed_on=date(2023, 10, 1),
            partners=[partner],
            max_bytes=MAX_BYTES,
        )
        self.assertEqual(mou.fiscal_year, 2567)
        services.update_mou(
            mou, title="MOU", signed_on=date(2023, 9, 30), partners=[partner], max_bytes=MAX_BYTES
        )
        mou.refresh_from_db()
        self.assertEqual(mou.fiscal_year, 2566)

    def test_it_refuses_partners_of_another_unit_and_an_empty_list(self):
        other = self.partner(self.district_a, "วัด", "religious")
        with self.assertRaises(ValidationError):
            services.record_joint_activity(
                self.province, title="x", held_on=date(2023, 1, 1), partners=[other]
            )
        with self.assertRaises(ValidationError):
            services.record_joint_activity(
                self.province, title="x", held_on=date(2023, 1, 1), partners=[]
            )
        self.assertFalse(JointActivity.objects.exists())

    def test_it_refuses_an_executable_as_the_signed_copy_and_stores_nothing(self):
        partner = self.partner(self.province, "มหาวิทยาลัย", "academic")
        program = SimpleUploadedFile("mou.pdf", b"MZ\x90\x00" + b"\x00" * 100)
        with self.assertRaises(ValidationError) as caught:
            services.record_mou(
                self.province,
                title="MOU",
                signed_on=date(2023, 1, 5),
                partners=[partner],
                file=program,
                max_bytes=MAX_BYTES,
            )
        self.assertEqual(caught.exception.code, "executable")
        self.assertFalse(MemorandumOfUnderstanding.objects.exists())

    def test_it_replaces_the_signed_copy_and_removes_the_old_file_after_commit(self):
        partner = self.partner(self.province, "มหาวิทยาลัย", "academic")
        mou = services.record_mou(
            self.province,
            title="MOU",
            signed_on=date(2023, 1, 5),
            partners=[partner],
            file=SimpleUploadedFile("signed.pdf", PDF),
            max_bytes=MAX_BYTES,
        )
        old_name = mou.file.name
        self.assertTrue(old_name.endswith(".pdf"))
        self.assertTrue(mou.file.storage.exists(old_name))
        with self.captureOnCommitCallbacks(execute=True):
            services.update_mou(
                mou,
                title="MOU",
                signed_on=date(2023, 1, 5),
                partners=[partner],
                file=SimpleUploadedFile("signed-again.pdf", PDF),
                max_bytes=MAX_BYTES,
            )
        self.assertNotEqual(mou.file.name, old_name)
        self.assertFalse(mou.file.storage.exists(old_name))
        self.assertTrue(mou.file.storage.exists(mou.file.name))

    def test_it_only_lets_department_administrators_configure_types(self):
        self.assertTrue(services.can_configure_types(self.department_officer))
        for user in (self.administrator, self.approver, self.provincial_officer):
            self.assertFalse(services.can_configure_types(user))

    def test_it_renames_and_reorders_a_type_and_refuses_a_duplicate_code(self):
        media = self.types["media"]
        services.update_partner_type(media, name_th="ภาคสื่อมวลชนและสื่อออนไลน์", position=0)
        self.assertEqual(PartnerType.objects.first(), media)
        services.create_partner_type(code="local-government", name_th="ท้องถิ่น", position=8)
        with self.assertRaises(ValidationError):
            services.create_partner_type(code="local-government", name_th="ซ้ำ", position=9)
        self.assertEqual(PartnerType.objects.count(), 8)


class PartnerDemoTests(PersonaTestCase):
    load_plan = False

    def test_it_seeds_partners_mous_and_activities_once(self):
        first = seed_partners_demo(self.province, 2566)
        self.assertEqual(first, {"partners": 12, "mous": 2, "joint_activities": 4})
        again = seed_partners_demo(self.province, 2566)
        self.assertEqual(again, {"partners": 0, "mous": 0, "joint_activities": 0})
        self.assertEqual(Partner.objects.filter(unit=self.province).count(), 8)
        types = Partner.objects.filter(unit=self.province).values("partner_type").distinct()
        self.assertEqual(types.count(), 5)

        overview = services.partner_overview(self.province, 2566)
        self.assertEqual(overview.engaged, 5)
        self.assertEqual(overview.engaged, metric_value([self.province.pk], self.province))
        mou_types = {
            p.partner_type_id
            for mou in MemorandumOfUnderstanding.objects.filter(unit=self.province)
            for p in mou.partners.all()
        }
        self.assertEqual(len(mou_types), 3)
        self.assertTrue(overview.mous[0].file)
        # One district meets the target of two types, the other does not.
        self.assertEqual(
            {row.unit.code: row.engaged for row in overview.districts}, {"4301": 2, "4302": 1}
        )
        for activity in JointActivity.objects.all():
            self.assertEqual(activity.fiscal_year, 2566)
