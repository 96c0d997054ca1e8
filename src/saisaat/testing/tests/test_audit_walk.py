"""Every service that changes data writes exactly one audit entry per change.

A walk through the services, each step a row of (name, call, expected actions); the
steps run in order and later ones use what earlier ones made. A second test reads the
source and fails on any ``acting_user`` parameter a function takes and never uses.
"""

import ast
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from saisaat.accounts import services as accounts
from saisaat.audit.models import Entry
from saisaat.budget import services as budget
from saisaat.complaints import services as complaints
from saisaat.complaints.models import Channel, Complaint
from saisaat.complaints.models.channels import STANDARD_CHANNELS
from saisaat.documents import services as documents
from saisaat.orgs import roles
from saisaat.orgs import staff as registry
from saisaat.orgs.models import StaffMember
from saisaat.participation.models import MoralGoal, PartnerType
from saisaat.participation.services import (
    activities,
    certificates,
    declarations,
    goals,
    innovation,
    partners,
    workplace,
)
from saisaat.plans import requirements
from saisaat.surveys import services as surveys
from saisaat.surveys.catalog import SERVICE
from saisaat.surveys.models import Question
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking import services as tracking
from saisaat.tracking.models import Assignment

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SOURCE = Path(__file__).resolve().parents[2]


class AuditWalkTests(PersonaTestCase):
    publish_plan = True

    def memo_and_survey_steps(self, s, user):
        """Memos and a survey's results filed as evidence of the office's second activity
        (the first is approved by the tracking steps); the seam's one entry is the keeper's."""
        b = Assignment.objects.filter(unit=self.district_a).order_by("pk")[1]
        fields = documents.MemoFields(
            number="",
            date=date(2023, 3, 15),
            office=self.district_a.name_th,
            subject="รายงานผล",
            recipient="พัฒนาการจังหวัดหนองคาย",
            body="ย่อหน้า",
            signer_name="นายทดสอบ ระบบ",
            signer_position="นักวิชาการพัฒนาชุมชน",
        )

        def answer(key=None):
            survey = s["template"]
            scale = survey.questions.filter(kind=Question.Kind.SCALE).first()
            text = survey.questions.filter(kind=Question.Kind.TEXT).first()
            answers = {scale.pk: 5, text.pk: "ดีมาก"}
            return "response", surveys.submit_response(survey, answers, key=key)

        return [
            (
                "memo",
                lambda: (
                    "memo",
                    documents.create_memo(
                        unit=self.district_a,
                        kind="activity",
                        fields=fields,
                        assignment=b,
                        acting_user=user,
                    ),
                ),
                ["documents.memo_created"],
            ),
            (
                "memo as evidence",
                lambda: documents.attach_memo_as_evidence(s["memo"], acting_user=user),
                ["tracking.evidence_added"],
            ),
            (
                "survey from template",
                lambda: (
                    "template",
                    surveys.create_from_template(SERVICE, self.district_a, 2566, acting_user=user),
                ),
                ["surveys.survey_created"],
            ),
            (
                "template linked",
                lambda: surveys.update_survey(
                    s["template"],
                    fiscal_year=2566,
                    title=s["template"].title,
                    description="",
                    activity=b.activity,
                    acting_user=user,
                ),
                ["surveys.survey_changed"],
            ),
            (
                "template open",
                lambda: surveys.set_open(s["template"], True, acting_user=user),
                ["surveys.opened"],
            ),
            ("response", answer, ["surveys.response_submitted"]),
            (
                "response again",
                lambda: answer(key=s["response"].key),
                ["surveys.response_replaced"],
            ),
            (
                "results as evidence",
                lambda: surveys.attach_results_as_evidence(s["template"], acting_user=user),
                ["tracking.evidence_added"],
            ),
        ]

    def workplace_steps(self, s, user):
        """Workplace-environment activities and publication channels, one filed as evidence
        of district A's 3.2.3 (the seam's one entry is the keeper's)."""
        linked = Assignment.objects.get(
            unit=self.district_a,
            activity__measure__dimension__number=3,
            activity__measure__number=2,
            activity__position=3,
        ).activity
        day = date(2023, 1, 5)
        return [
            (
                "environment activity",
                lambda: (
                    "environment",
                    workplace.create_environment_activity(
                        self.district_a,
                        topic="waste",
                        title="คัดแยกขยะ",
                        held_on=day,
                        acting_user=user,
                    ),
                ),
                ["participation.environment_activity_created"],
            ),
            (
                "environment activity edit",
                lambda: workplace.update_environment_activity(
                    s["environment"], topic="no_foam", title="งดโฟม", held_on=day, acting_user=user
                ),
                ["participation.environment_activity_changed"],
            ),
            (
                "environment activity delete",
                lambda: workplace.delete_environment_activity(s["environment"], acting_user=user),
                ["participation.environment_activity_deleted"],
            ),
            (
                "publication channel",
                lambda: (
                    "channel",
                    workplace.create_channel(
                        self.district_a,
                        medium="facebook",
                        name="เพจ",
                        opened_on=day,
                        plan_activity=linked,
                        acting_user=user,
                    ),
                ),
                ["participation.publication_channel_created"],
            ),
            (
                "publication channel edit",
                lambda: workplace.update_channel(
                    s["channel"],
                    medium="website",
                    name="เว็บไซต์",
                    opened_on=day,
                    plan_activity=linked,
                    acting_user=user,
                ),
                ["participation.publication_channel_changed"],
            ),
            (
                "publication channel as evidence",
                lambda: workplace.attach_channel(s["channel"], acting_user=user, on=day),
                ["tracking.evidence_added"],
            ),
            (
                "publication channel delete",
                lambda: workplace.delete_channel(s["channel"], acting_user=user),
                ["participation.publication_channel_deleted"],
            ),
        ]

    def registry_steps(self, s, staff, director):
        """Channels, the staff registry and the two-step sign-in."""
        csv = (
            "คำนำหน้า,ชื่อ,นามสกุล,ตำแหน่ง,รหัสหน่วยงาน,กลุ่มงาน,อีเมล,วันเริ่มงาน,สถานะ\n"
            ",สมชาย,รักดี,,4301,,,,\n,สมปอง,มั่นคง,,4302,,,,\n"
        ).encode()

        def enrol():
            device = accounts.pending_authenticator(director)
            return "device", device, accounts.confirm_authenticator(device, acting_user=director)

        return [
            (
                "standard channels",
                lambda: complaints.ensure_standard_channels(self.district_b, acting_user=director),
                ["complaints.channel_added"] * len(STANDARD_CHANNELS),
            ),
            (
                "standard channels again",
                lambda: complaints.ensure_standard_channels(self.district_b),
                [],
            ),
            (
                "staff edit",
                lambda: registry.update_staff_member(
                    staff, acting_user=director, position="นักวิชาการ"
                ),
                ["orgs.staff_changed"],
            ),
            (
                "staff move",
                lambda: registry.update_staff_member(
                    staff, acting_user=director, unit=self.district_a, work_group=None
                ),
                ["orgs.staff_moved"],
            ),
            (
                "staff deactivate",
                lambda: registry.update_staff_member(staff, acting_user=director, is_active=False),
                ["orgs.staff_deactivated"],
            ),
            (
                "staff unchanged",
                lambda: registry.update_staff_member(staff, acting_user=director, is_active=False),
                [],
            ),
            (
                "staff import",
                lambda: registry.apply_staff_import(
                    registry.plan_staff_import(csv, "staff.csv", unit=self.province),
                    acting_user=director,
                    source_name="staff.csv",
                ),
                ["orgs.staff_created", "orgs.staff_created"],
            ),
            (
                "enrol",
                enrol,
                [
                    "accounts.totp_created",
                    "accounts.totp_enrolled",
                    "accounts.recovery_codes_issued",
                ],
            ),
            (
                "new codes",
                lambda: ("codes", accounts.new_recovery_codes(acting_user=director)),
                ["accounts.recovery_codes_issued"],
            ),
            (
                "use a recovery code",
                lambda: accounts.device_accepting(director, s["codes"][0]),
                ["accounts.recovery_code_used"],
            ),
        ]

    def test_each_service_writes_one_entry_per_change(self):
        s = {}  # what the steps made, by name
        user, director = self.district_a_officer, self.approver
        # The walk checks the entries each service writes, in offices of both levels, so
        # its actor is one the services' own permission checks let do everything.
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
        a = Assignment.objects.filter(unit=self.district_a).order_by("pk").first()
        s["assignment"] = a
        partner_type = PartnerType.objects.create(code="t", name_th="ภาคี")
        staff = StaffMember.objects.create(
            unit=self.province, first_name="สมศรี", last_name="ดี", is_active=True
        )

        def run(step):
            name, call, expected = step
            last = Entry.objects.order_by("-sequence").values_list("sequence", flat=True).first()
            result = call()
            if isinstance(result, tuple):
                s[result[0]] = result[1]
                if len(result) == 3:
                    s["codes"] = result[2]
            actions = list(
                Entry.objects.filter(sequence__gt=last or 0)
                .order_by("sequence")
                .values_list("action", flat=True)
            )
            self.assertEqual(actions, expected, name)
            return result

        evidence = lambda: tracking.add_evidence(  # noqa: E731
            a,
            acting_user=user,
            effective_date=date(2023, 1, 5),
            file=SimpleUploadedFile("r.pdf", PDF),
            max_bytes=10**6,
        )
        requirement = a.activity.requirements.order_by("position").first()
        steps = [
            ("add evidence", evidence, ["tracking.evidence_added"]),
            (
                "link a record",
                lambda: (
                    "linked",
                    tracking.link_record(
                        a,
                        "complaint-statistics",
                        str(self.district_a.pk),
                        requirement=requirement,
                        acting_user=user,
                    ),
                ),
                ["tracking.evidence_added"],
            ),
            (
                "take it off its item",
                lambda: tracking.detach_evidence(s["linked"], acting_user=user),
                ["tracking.evidence_detached"],
            ),
            (
                "edit the checklist",
                lambda: requirements.edit_requirements(
                    a.activity,
                    [
                        requirements.ItemChange(
                            requirement, {"label": "ประกาศ", "kind": "", "minimum": None}
                        ),
                        requirements.ItemChange(None, {"label": "รูปภาพกิจกรรม"}),
                    ],
                    acting_user=self.administrator,
                ),
                ["plans.requirement_changed", "plans.requirement_added"],
            ),
            (
                "assign",
                lambda: tracking.assign_officer(a, user, acting_user=user),
                ["tracking.assigned"],
            ),
            (
                "submit",
                lambda: tracking.submit_for_review(a, acting_user=user),
                ["tracking.submitted"],
            ),
            (
                "approve",
                lambda: tracking.review(a, acting_user=director, approve=True),
                ["tracking.approved"],
            ),
            (
                "complaint",
                lambda: (
                    "complaint",
                    complaints.submit_complaint(
                        category=Complaint.Category.MISCONDUCT,
                        description="เรียกรับเงิน",
                        reported_unit=self.district_a,
                        identity=complaints.Identity(name="ผู้ร้อง"),
                    ),
                ),
                ["complaints.received"],
            ),
            (
                "status",
                lambda: complaints.change_status(
                    s["complaint"], Complaint.Status.ACKNOWLEDGED, acting_user=director
                ),
                ["complaints.status"],
            ),
            (
                "note",
                lambda: complaints.add_note(
                    s["complaint"], "บันทึก", acting_user=director, public=False
                ),
                ["complaints.note_added"],
            ),
            (
                "identity",
                lambda: complaints.read_identity(s["complaint"], acting_user=director),
                ["complaints.identity_read"],
            ),
            (
                "route",
                lambda: complaints.route_complaint(
                    s["complaint"], self.district_a, acting_user=director, confirm_concerned=True
                ),
                ["complaints.routed"],
            ),
            (
                "propose officer",
                lambda: (
                    "officer",
                    complaints.propose_officer(
                        self.province, self.provincial_officer, acting_user=director
                    ),
                ),
                ["complaints.officer_proposed"],
            ),
            (
                "confirm officer",
                lambda: complaints.confirm_officer(
                    s["officer"], acting_user=self.department_officer
                ),
                ["complaints.officer_designated"],
            ),
            (
                "refuse officer",
                lambda: complaints.refuse_officer(
                    complaints.propose_officer(
                        self.province, self.administrator, acting_user=director
                    ),
                    acting_user=self.department_officer,
                ),
                ["complaints.officer_proposed", "complaints.officer_refused"],
            ),
            (
                "propose deputy",
                lambda: (
                    "deputy",
                    roles.propose_role_change(
                        self.province, self.administrator, "deputy", acting_user=director
                    ),
                ),
                ["orgs.role_change_proposed"],
            ),
            (
                "confirm deputy",
                lambda: roles.confirm_role_change(s["deputy"], acting_user=self.department_officer),
                ["orgs.deputy_approver_set", "orgs.role_change_confirmed"],
            ),
            (
                "propose head",
                lambda: (
                    "head",
                    roles.propose_role_change(
                        self.district_b, self.district_b_officer, "head", acting_user=director
                    ),
                ),
                ["orgs.role_change_proposed"],
            ),
            (
                "refuse head",
                lambda: roles.refuse_role_change(s["head"], acting_user=self.department_officer),
                ["orgs.role_change_refused"],
            ),
            (
                "end role",
                lambda: roles.end_approver_role(
                    self.province, self.administrator, acting_user=director
                ),
                ["orgs.deputy_approver_set"],
            ),
            (
                "remove officer",
                lambda: complaints.remove_officer(s["officer"], acting_user=director),
                ["complaints.officer_removed"],
            ),
            (
                "channel gone",
                lambda: complaints.remove_channel(
                    Channel.objects.create(
                        unit=self.province, medium="phone", kind="direct", name="โทร"
                    ),
                    acting_user=director,
                ),
                ["complaints.channel_removed"],
            ),
            (
                "partner",
                lambda: (
                    "partner",
                    partners.create_partner(
                        self.province, name="วัด", partner_type=partner_type, acting_user=user
                    ),
                ),
                ["participation.partner_created"],
            ),
            (
                "partner edit",
                lambda: partners.update_partner(
                    s["partner"], name="วัดใหม่", partner_type=partner_type, acting_user=user
                ),
                ["participation.partner_changed"],
            ),
            (
                "joint",
                lambda: (
                    "joint",
                    partners.record_joint_activity(
                        self.province,
                        title="ปลูกป่า",
                        held_on=date(2023, 1, 5),
                        partners=[s["partner"]],
                        acting_user=user,
                    ),
                ),
                ["participation.joint_activity_recorded"],
            ),
            (
                "joint edit",
                lambda: partners.update_joint_activity(
                    s["joint"],
                    title="ปลูกป่า 2",
                    held_on=date(2023, 1, 6),
                    partners=[s["partner"]],
                    acting_user=user,
                ),
                ["participation.joint_activity_changed"],
            ),
            (
                "mou",
                lambda: (
                    "mou",
                    partners.record_mou(
                        self.province,
                        title="MOU",
                        signed_on=date(2023, 1, 5),
                        partners=[s["partner"]],
                        max_bytes=10**6,
                        acting_user=user,
                    ),
                ),
                ["participation.mou_recorded"],
            ),
            (
                "mou edit",
                lambda: partners.update_mou(
                    s["mou"],
                    title="MOU 2",
                    signed_on=date(2023, 1, 5),
                    partners=[s["partner"]],
                    max_bytes=10**6,
                    acting_user=user,
                ),
                ["participation.mou_changed"],
            ),
            (
                "activity",
                lambda: (
                    "activity",
                    activities.create_activity(
                        self.province, acting_user=user, title="ทำบุญ", held_on=date(2023, 1, 5)
                    ),
                ),
                ["participation.activity_created"],
            ),
            (
                "activity edit",
                lambda: activities.update_activity(
                    s["activity"], acting_user=user, title="ทำบุญ 2", held_on=date(2023, 1, 5)
                ),
                ["participation.activity_changed"],
            ),
            (
                "project",
                lambda: (
                    "project",
                    innovation.create_project(
                        self.province,
                        title="นวัตกรรม",
                        started_on=date(2023, 1, 5),
                        acting_user=user,
                    ),
                ),
                ["participation.project_created"],
            ),
            (
                "project edit",
                lambda: innovation.update_project(
                    s["project"], title="นวัตกรรม 2", started_on=date(2023, 1, 5), acting_user=user
                ),
                ["participation.project_changed"],
            ),
            (
                "figure",
                lambda: (
                    "figure",
                    innovation.add_measurement(
                        s["project"],
                        metric="เวลา",
                        before=Decimal("5"),
                        after=Decimal("1"),
                        acting_user=user,
                    ),
                ),
                ["participation.measurement_added"],
            ),
            (
                "figure edit",
                lambda: innovation.update_measurement(
                    s["figure"],
                    metric="เวลา",
                    before=Decimal("5"),
                    after=Decimal("2"),
                    acting_user=user,
                ),
                ["participation.measurement_changed"],
            ),
            (
                "figure delete",
                lambda: innovation.delete_measurement(s["figure"], acting_user=user),
                ["participation.measurement_deleted"],
            ),
            *self.workplace_steps(s, user),
            (
                "survey",
                lambda: (
                    "survey",
                    surveys.create_survey(
                        self.province, fiscal_year=2566, title="แบบประเมิน", acting_user=user
                    ),
                ),
                ["surveys.survey_created"],
            ),
            (
                "section",
                lambda: (
                    "section",
                    surveys.add_section(s["survey"], title="ส่วน 1", acting_user=user),
                ),
                ["surveys.section_added"],
            ),
            (
                "question",
                lambda: (
                    "question",
                    surveys.add_question(
                        s["section"], kind=Question.Kind.SCALE, text="พอใจ", acting_user=user
                    ),
                ),
                ["surveys.question_added"],
            ),
            (
                "question edit",
                lambda: surveys.update_question(
                    s["question"],
                    section=s["section"],
                    kind=Question.Kind.SCALE,
                    text="พอใจมาก",
                    acting_user=user,
                ),
                ["surveys.question_changed"],
            ),
            (
                "open",
                lambda: surveys.set_open(s["survey"], True, acting_user=user),
                ["surveys.opened"],
            ),
            (
                "close",
                lambda: surveys.set_open(s["survey"], False, acting_user=user),
                ["surveys.closed"],
            ),
            (
                "question delete",
                lambda: surveys.delete_question(s["question"], acting_user=user),
                ["surveys.question_deleted"],
            ),
            (
                "survey delete",
                lambda: surveys.delete_survey(s["survey"], acting_user=user),
                ["surveys.survey_deleted"],
            ),
            (
                "budget line",
                lambda: (
                    "line",
                    budget.create_line(self.province, 2566, acting_user=user, name="ค่าวัสดุ"),
                ),
                ["budget.line_created"],
            ),
            (
                "budget edit",
                lambda: budget.update_line(s["line"], acting_user=user, name="ค่าวัสดุสำนักงาน"),
                ["budget.line_changed"],
            ),
            (
                "budget planned",
                lambda: budget.update_line(
                    s["line"], acting_user=user, planned=[Decimal("10")] + [Decimal("0")] * 11
                ),
                ["budget.line_changed"],
            ),
            (
                "disburse",
                lambda: budget.record_disbursements(
                    self.province,
                    2566,
                    {(s["line"].pk, 10): Decimal("100"), (s["line"].pk, 11): Decimal("50")},
                    acting_user=user,
                ),
                ["budget.disbursed", "budget.disbursed"],
            ),
            (
                "budget delete",
                lambda: budget.delete_line(s["line"], acting_user=user),
                ["budget.line_deleted"],
            ),
        ]
        goal = MoralGoal.objects.create(
            unit=self.province,
            fiscal_year=2566,
            kind="problem",
            virtue="discipline",
            text="มาสาย",
            proposed_by=staff,
        )
        steps.append(
            (
                "adopt",
                lambda: goals.set_adopted(goal, True, acting_user=user),
                ["participation.goal_adopted"],
            )
        )
        course = certificates.add_course(code="c1", name_th="หลักสูตร", acting_user=user)
        steps += [
            (
                "certificate",
                lambda: (
                    "certificate",
                    certificates.add_certificate(
                        staff,
                        course=course,
                        issued_on=date(2023, 1, 5),
                        acting_user=user,
                        max_bytes=10**6,
                    ),
                ),
                ["participation.certificate_added"],
            ),
            (
                "certificate delete",
                lambda: certificates.delete_certificate(s["certificate"], acting_user=user),
                ["participation.certificate_deleted"],
            ),
            (
                "propose",
                lambda: (
                    "goal",
                    goals.propose_goal(
                        self.province,
                        2566,
                        staff=staff,
                        kind="problem",
                        virtue="discipline",
                        text="ขยะ",
                    ),
                ),
                ["participation.goal_proposed"],
            ),
            (
                "goal edit",
                lambda: goals.update_goal(
                    s["goal"], staff=staff, kind="problem", virtue="discipline", text="ขยะมาก"
                ),
                ["participation.goal_changed"],
            ),
            (
                "vote",
                lambda: goals.toggle_vote(s["goal"], staff=staff),
                ["participation.goal_voted"],
            ),
            (
                "unvote",
                lambda: goals.toggle_vote(s["goal"], staff=staff),
                ["participation.goal_vote_withdrawn"],
            ),
            (
                "withdraw",
                lambda: goals.withdraw_goal(s["goal"], staff=staff),
                ["participation.goal_withdrawn"],
            ),
        ]
        steps += [
            (
                "declare",
                lambda: (
                    "declaration",
                    declarations.publish_declaration(
                        self.province,
                        kind="other",
                        title="ประกาศ",
                        audience="all_staff",
                        fiscal_year=2566,
                        text="ข้อความ",
                        acting_user=director,
                    ),
                ),
                ["participation.declaration_published"],
            ),
            (
                "declaration edit",
                lambda: declarations.edit_declaration(
                    s["declaration"],
                    title="ประกาศ",
                    audience="all_staff",
                    text="ข้อความใหม่",
                    acting_user=director,
                ),
                ["participation.declaration_edited"],
            ),
            (
                "acknowledge",
                lambda: declarations.acknowledge(
                    s["declaration"].versions.order_by("-number").first(),
                    staff,
                    acting_user=user,
                ),
                ["participation.declaration_acknowledged"],
            ),
        ]
        steps += [
            (
                "attendance",
                lambda: activities.record_attendance(
                    s["activity"], [staff], method="list", acting_user=user
                ),
                ["participation.attendance_added"],
            ),
            (
                "attendance off",
                lambda: activities.remove_attendance(s["activity"], staff, acting_user=user),
                ["participation.attendance_removed"],
            ),
            (
                "check-in open",
                lambda: activities.set_checkin_open(s["activity"], True, acting_user=user),
                ["participation.checkin_toggled"],
            ),
            (
                "check in",
                lambda: activities.check_in(s["activity"], staff),
                ["participation.attendance_added"],
            ),
            (
                "new code",
                lambda: activities.regenerate_checkin_token(s["activity"], acting_user=user),
                ["participation.checkin_code_renewed"],
            ),
        ]
        steps = (
            self.memo_and_survey_steps(s, user) + steps + self.registry_steps(s, staff, director)
        )
        for step in steps:
            with self.subTest(step[0]):
                run(step)
        # A citizen's response is logged by its ids only; a device's key and codes never.
        response_entries = Entry.objects.filter(action__startswith="surveys.response")
        self.assertEqual(
            list(response_entries.values_list("actor_label", "actor_id")), [("public", None)] * 2
        )
        self.assertNotIn("ดีมาก", str(list(response_entries.values_list("changes", flat=True))))
        device_text = str(
            list(
                Entry.objects.filter(action__startswith="accounts").values_list(
                    "changes", "object_label"
                )
            )
        )
        self.assertNotIn(s["device"].key, device_text)
        for code in s["codes"]:
            self.assertNotIn(code, device_text)
        # Every entry names its actor and office, and the chain holds.
        from saisaat.audit.services import verify_chain

        self.assertIsNone(verify_chain()[1])
        # Courses are the department's list; everything else belongs to an office.
        self.assertFalse(
            Entry.objects.filter(action__startswith="participation", unit__isnull=True)
            .exclude(object_type="participation.course")
            .exists()
        )


def _declares_only(node) -> bool:
    """Whether the function's body is only a docstring and/or ``...``."""
    return all(
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and (isinstance(statement.value.value, str) or statement.value.value is Ellipsis)
        for statement in node.body
    )


def test_no_acting_user_parameter_goes_unused():
    unused = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if _declares_only(node):
                # An interface's signature (a Protocol's method): nothing to use it in.
                continue
            names = [a.arg for a in node.args.args + node.args.kwonlyargs]
            if "acting_user" in names and not any(
                isinstance(n, ast.Name) and n.id == "acting_user" for n in ast.walk(node)
            ):
                unused.append(f"{path.relative_to(SOURCE)}:{node.lineno} {node.name}")
    assert unused == []
