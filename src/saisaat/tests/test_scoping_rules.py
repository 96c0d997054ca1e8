"""The scoping rules per persona, on the access table's objects (everything belongs to
district office A), and the services refusing a wrong-office actor themselves."""

from datetime import date
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile

from saisaat.budget import services as budget
from saisaat.complaints.models import Complaint
from saisaat.orgs.models import StaffMember
from saisaat.orgs.scoping import may_edit, scoped, unit_scope_of
from saisaat.participation.models import Certificate
from saisaat.participation.services import activities, certificates, innovation, partners
from saisaat.plans.models import Activity, Plan
from saisaat.surveys import services as surveys
from saisaat.surveys.models import Question, Survey
from saisaat.testing.base import PersonaTestCase
from saisaat.tests import fixtures
from saisaat.tests.access_table import PERSONAS
from saisaat.tracking import services as tracking
from saisaat.tracking.models import Assignment, EvidenceItem


class ScopingCase(PersonaTestCase):
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        fixtures.build(cls)

    def persona(self, name):
        if name in ("anonymous", "citizen"):
            return AnonymousUser()
        return getattr(self, name)

    def who_sees(self, model, obj) -> set[str]:
        return {
            name
            for name in PERSONAS
            if scoped(model).visible_to(self.persona(name)).filter(pk=obj.pk).exists()
        }

    def who_edits(self, model, obj) -> set[str]:
        return {
            name
            for name in PERSONAS
            if scoped(model).editable_by(self.persona(name)).filter(pk=obj.pk).exists()
        }


# Those who read district A's records by the default rule: its own staff, the provincial
# office above it and the department (not district B, another province or the public).
READERS_OF_A = {
    "district_a_officer",
    "district_a_head",
    "provincial_officer",
    "group_director",
    "approver",
    "administrator",
    "committee",
    "department_officer",
}


class TestSetAndObjectRulesAgree(ScopingCase):
    def test_it_edits_only_what_it_sees_and_says_so_for_each_object(self):
        """For every scoped model and persona, ``editable_by`` is within ``visible_to`` and
        is exactly the visible records ``allows_edit`` lets through."""
        checked = 0
        for model in apps.get_models():
            if not unit_scope_of(model):
                continue
            for name in PERSONAS:
                user = self.persona(name)
                visible = list(scoped(model).visible_to(user))
                editable = set(scoped(model).editable_by(user).values_list("pk", flat=True))
                with self.subTest(model=model.__name__, persona=name):
                    self.assertLessEqual(editable, {obj.pk for obj in visible})
                    self.assertEqual(editable, {obj.pk for obj in visible if may_edit(user, obj)})
                    checked += len(visible)
        self.assertGreater(checked, 1000)


class TestDefaultRule(ScopingCase):
    def test_it_shows_a_unit_record_to_its_unit_and_those_above(self):
        self.assertEqual(self.who_sees(Survey, self.survey), READERS_OF_A)
        self.assertEqual(self.who_sees(Question, self.question), READERS_OF_A)

    def test_it_lets_only_the_units_managers_change_it(self):
        self.assertEqual(self.who_edits(Survey, self.survey), {"district_a_head"})
        # A question follows its survey.
        self.assertEqual(self.who_edits(Question, self.question), {"district_a_head"})

    def test_it_gives_a_superuser_everything(self):
        self.administrator.is_superuser = True
        self.assertTrue(may_edit(self.administrator, self.question))
        self.assertIn(self.survey, Survey.objects.visible_to(self.administrator))


class TestModelsWithTheirOwnRule(ScopingCase):
    def test_it_lets_the_units_officers_work_on_an_assignment(self):
        self.assertEqual(self.who_sees(Assignment, self.assignment), READERS_OF_A)
        # Its officers and head, not the province that reviews it nor the committee.
        self.assertEqual(
            self.who_edits(Assignment, self.assignment), {"district_a_officer", "district_a_head"}
        )
        self.assertEqual(
            self.who_edits(EvidenceItem, self.evidence), {"district_a_officer", "district_a_head"}
        )

    def test_it_lets_a_district_read_its_provinces_plan_and_activities(self):
        readers = READERS_OF_A | {"district_b_officer"}
        self.assertEqual(self.who_sees(Plan, self.plan), readers)
        activity = Activity.objects.for_plan(self.plan).first()
        self.assertEqual(self.who_sees(Activity, activity), readers)
        # Its office's approvers (the director and a group director) and administrators.
        self.assertEqual(
            self.who_edits(Plan, self.plan), {"approver", "group_director", "administrator"}
        )

    def test_it_keeps_the_complaint_rule(self):
        # The complaint is handled at the province and district A; the department and the
        # committee do not read complaints.
        expected = {
            name
            for name in PERSONAS
            if Complaint.objects.visible_to(self.persona(name)).filter(pk=self.complaint.pk)
        }
        self.assertNotIn("department_officer", expected)
        self.assertNotIn("district_b_officer", expected)
        self.assertEqual(self.who_edits(Complaint, self.complaint), expected)

    def test_it_lets_a_person_read_and_remove_their_own_certificate(self):
        self.assertIn("district_a_officer", self.who_sees(Certificate, self.certificate))
        self.assertIn("district_a_officer", self.who_edits(Certificate, self.certificate))
        self.assertNotIn("provincial_officer", self.who_edits(Certificate, self.certificate))

    def test_it_lets_the_province_keep_its_districts_staff_registry(self):
        self.assertEqual(
            self.who_edits(StaffMember, self.staff_a),
            {"district_a_head", "approver", "group_director", "administrator"},
        )


class TestServicesRefuseAWrongOfficeActor(ScopingCase):
    def test_it_refuses_evidence_from_another_office(self):
        with self.assertRaises(PermissionDenied):
            tracking.add_evidence(
                self.assignment,
                acting_user=self.district_b_officer,
                effective_date=date(2023, 1, 10),
                file=ContentFile(fixtures.PDF, name="x.pdf"),
                max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
            )
        self.assertEqual(self.assignment.evidence.count(), 1)

    def test_it_refuses_submitting_or_reviewing_without_the_right(self):
        with self.assertRaises(PermissionDenied):
            tracking.submit_for_review(self.assignment, acting_user=self.provincial_officer)
        tracking.submit_for_review(self.assignment, acting_user=self.district_a_officer)
        with self.assertRaises(PermissionDenied):
            tracking.review(
                self.assignment, acting_user=self.district_a_head, approve=False, comment="x"
            )
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.status, Assignment.Status.SUBMITTED)

    def test_it_refuses_assigning_an_officer_from_another_office(self):
        with self.assertRaises(PermissionDenied):
            tracking.assign_officer(self.assignment, None, acting_user=self.district_b_officer)

    def test_it_refuses_publishing_another_offices_plan(self):
        with self.assertRaises(PermissionDenied):
            tracking.publish_plan(self.plan, acting_user=self.other_province_officer)

    def test_it_refuses_changing_another_offices_records(self):
        wrong = self.district_b_officer
        refusals = [
            lambda: surveys.update_survey(
                self.survey,
                fiscal_year=2566,
                title="x",
                description="",
                activity=None,
                acting_user=wrong,
            ),
            lambda: surveys.delete_question(self.question, acting_user=wrong),
            lambda: surveys.create_survey(
                self.district_a, fiscal_year=2566, title="x", description="", acting_user=wrong
            ),
            lambda: budget.update_line(
                self.budget_line, acting_user=wrong, planned=[Decimal("1")] * 12
            ),
            lambda: budget.delete_line(self.budget_line, acting_user=wrong),
            lambda: partners.update_partner(
                self.partner,
                name="x",
                partner_type=self.partner_type,
                contact="",
                acting_user=wrong,
            ),
            lambda: innovation.delete_measurement(self.measurement, acting_user=wrong),
            lambda: activities.set_checkin_open(self.office_activity, False, acting_user=wrong),
            lambda: certificates.delete_certificate(self.certificate, acting_user=wrong),
        ]
        for number, refused in enumerate(refusals):
            with self.subTest(number=number), self.assertRaises(PermissionDenied):
                refused()
        self.question.refresh_from_db()
        self.budget_line.refresh_from_db()
        self.assertTrue(Certificate.objects.filter(pk=self.certificate.pk).exists())

    def test_it_refuses_handling_a_complaint_one_may_not_read(self):
        from saisaat.complaints import services as complaints

        wrong = self.district_b_officer
        self.assertFalse(Complaint.objects.visible_to(wrong).filter(pk=self.complaint.pk))
        before = Complaint.objects.get(pk=self.complaint.pk)
        events = before.events.count()
        refusals = [
            lambda: complaints.change_status(self.complaint, "acknowledged", acting_user=wrong),
            lambda: complaints.route_complaint(self.complaint, self.district_b, acting_user=wrong),
            lambda: complaints.add_note(self.complaint, "x", acting_user=wrong, public=True),
            lambda: complaints.set_persons_concerned(self.complaint, [], acting_user=wrong),
        ]
        for refuse in refusals:
            with self.subTest(refuse=refuse), self.assertRaises(PermissionDenied):
                refuse()
        after = Complaint.objects.get(pk=self.complaint.pk)
        self.assertEqual((after.status, after.unit_id), (before.status, before.unit_id))
        self.assertEqual(after.events.count(), events)

    def test_it_refuses_detaching_or_editing_checklists_without_the_right(self):
        from saisaat.plans.requirements import ItemChange, edit_requirements

        with self.assertRaises(PermissionDenied):
            tracking.detach_evidence(self.evidence, acting_user=self.district_b_officer)
        with self.assertRaises(PermissionDenied):
            edit_requirements(
                self.assignment.activity,
                [ItemChange(None, {"label": "x", "kind": "", "minimum": None}, False)],
                acting_user=self.district_a_officer,
            )

    def test_nobody_reads_an_identity_through_the_gate(self):
        from saisaat.complaints.models import Complainant

        for name in PERSONAS:
            with self.subTest(persona=name):
                self.assertFalse(Complainant.objects.visible_to(self.persona(name)).exists())
