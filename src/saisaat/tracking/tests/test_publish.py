from datetime import date

from saisaat.plans.importer import import_plan
from saisaat.plans.models import Activity
from saisaat.plans.parsing import parse_plan_text, read_plan_file
from saisaat.testing.base import PLAN_FILE, PersonaTestCase
from saisaat.thai.periods import parse_period
from saisaat.tracking.models import Assignment, AssignmentEvent, EvidenceItem
from saisaat.tracking.services import add_unit_activity, publish_plan


class PublishPlanTests(PersonaTestCase):
    def test_it_creates_one_assignment_per_activity_per_implementing_unit(self):
        result = publish_plan(self.plan, acting_user=self.approver)
        # 52 activities at the provincial office, the 43 marked สพอ. at each district.
        self.assertEqual(result.created, 52 + 2 * 43)
        self.assertEqual(Assignment.objects.filter(unit=self.province).count(), 52)
        self.assertEqual(Assignment.objects.filter(unit=self.district_a).count(), 43)
        self.assertFalse(Assignment.objects.filter(unit=self.other_province).exists())
        self.assertEqual(
            AssignmentEvent.objects.filter(action="published", actor=self.approver).count(),
            52 + 2 * 43,
        )

    def test_it_takes_the_due_date_and_work_group_from_the_activity(self):
        publish_plan(self.plan)
        e_learning = Activity.objects.get(text__contains="E-Learning")
        assignment = Assignment.objects.get(activity=e_learning, unit=self.province)
        self.assertEqual(assignment.due_date, date(2023, 6, 30))
        self.assertEqual(assignment.work_group, self.groups["coordination"])
        self.assertEqual(assignment.dimension_number, 1)
        district = Assignment.objects.filter(unit=self.district_a).first()
        self.assertIsNone(district.work_group)

    def test_publishing_again_changes_nothing(self):
        publish_plan(self.plan)
        result = publish_plan(self.plan)
        self.assertEqual((result.created, result.updated, result.retired), (0, 0, 0))

    def test_a_plan_edit_retires_and_adds_assignments_without_losing_evidence(self):
        publish_plan(self.plan)
        last = Activity.objects.get(text__contains="สรุปผลสำเร็จ")
        assignment = Assignment.objects.get(activity=last, unit=self.district_a)
        EvidenceItem.objects.create(
            assignment=assignment,
            kind="note",
            note="สรุปผลแล้ว",
            effective_date=date(2023, 5, 1),
            uploaded_by=self.district_a_officer,
        )
        lines = read_plan_file(PLAN_FILE).splitlines()
        edited = "\n".join(lines[:-1]) + "\n"
        import_plan(parse_plan_text(edited), unit=self.province, fiscal_year=2566)

        result = publish_plan(self.plan)
        self.assertEqual(result.retired, 3)  # the province and both districts
        assignment.refresh_from_db()
        self.assertTrue(assignment.is_retired)
        self.assertEqual(assignment.evidence.count(), 1)

        import_plan(
            parse_plan_text(read_plan_file(PLAN_FILE)), unit=self.province, fiscal_year=2566
        )
        result = publish_plan(self.plan)
        self.assertEqual(result.reactivated, 3)
        assignment.refresh_from_db()
        self.assertFalse(assignment.is_retired)
        self.assertEqual(assignment.evidence.count(), 1)

    def test_a_changed_period_moves_the_due_date(self):
        publish_plan(self.plan)
        text = read_plan_file(PLAN_FILE).replace(
            "ม.ค. – มิ.ย. ๖๖\tกลุ่มงานประสาน\tสพจ.\tร้อยละ", "ม.ค. – ก.ย. ๖๖\tกลุ่มงานประสาน\tสพจ.\tร้อยละ"
        )
        import_plan(parse_plan_text(text), unit=self.province, fiscal_year=2566)
        result = publish_plan(self.plan)
        self.assertEqual(result.updated, 1)
        e_learning = Activity.objects.get(text__contains="E-Learning")
        self.assertEqual(Assignment.objects.get(activity=e_learning).due_date, date(2023, 9, 30))

    def test_a_district_adds_an_activity_of_its_own(self):
        publish_plan(self.plan)
        measure = self.plan.dimensions.get(number=4).measures.get(number=3)
        assignment = add_unit_activity(
            self.plan,
            self.district_a,
            measure=measure,
            text="เดินรณรงค์สุจริตในตลาดชุมชน",
            period=parse_period("มี.ค. ๖๖"),
            period_text="มี.ค. ๖๖",
            evidence="รูปภาพกิจกรรม",
            acting_user=self.district_a_officer,
        )
        self.assertEqual(assignment.unit, self.district_a)
        self.assertEqual(assignment.due_date, date(2023, 3, 31))
        self.assertEqual(assignment.activity.added_by_unit, self.district_a)
        # Nobody else owes it, and publishing or re-importing the plan leaves it alone.
        result = publish_plan(self.plan)
        self.assertEqual((result.created, result.retired), (0, 0))
        import_plan(
            parse_plan_text(read_plan_file(PLAN_FILE)), unit=self.province, fiscal_year=2566
        )
        assignment.refresh_from_db()
        self.assertTrue(assignment.activity.is_active)
        self.assertEqual(Assignment.objects.filter(activity=assignment.activity).count(), 1)
