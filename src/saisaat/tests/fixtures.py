"""One real object behind every URL pattern, for the access table.

Everything belongs to district office A (4301) where the record has an owning office, so
that the table tells district A (its own), district B (a sibling: never), the provincial
office (above it: reads) and the department apart. What the province alone owns (the
plan, its dashboard) or the department alone (partner types, courses) is noted where it is
built.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from saisaat.assessments.tests import factories as assessments
from saisaat.budget import services as budget
from saisaat.complaints import services as complaints
from saisaat.complaints.models import Channel, ComplaintOfficer
from saisaat.complaints.views import SUBMITTED_SESSION_KEY
from saisaat.core.crypto import digest
from saisaat.documents import official_services as official
from saisaat.documents import services as documents
from saisaat.documents import subplan_services as subplans
from saisaat.documents.jobs import QUARTERLY_XLSX
from saisaat.jobs import services as jobs
from saisaat.knowledge import services as knowledge
from saisaat.notices.models import Notice
from saisaat.orgs.models import RoleChange, SignInReset, StaffMember
from saisaat.participation.models import Attendance, PartnerType
from saisaat.participation.services import (
    activities,
    certificates,
    declarations,
    goals,
    innovation,
    partners,
    recognitions,
    workplace,
)
from saisaat.plans.models import Target
from saisaat.portal import services as portal
from saisaat.privacy.models import Breach, ErasureRequest
from saisaat.surveys import services as surveys
from saisaat.surveys.models import Question
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import add_evidence, publish_plan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DAY = date(2023, 1, 10)  # in fiscal year 2566
YEAR = 2566


def pdf_upload(name="file.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def build(case) -> None:
    """Build the objects on the test case class (called from setUpTestData)."""
    c = case
    publish_plan(c.plan)
    # Tracking: district A's first assignment of dimension 1, with a file and a note.
    c.assignment = (
        Assignment.objects.filter(unit=c.district_a, plan=c.plan, dimension_number=1)
        .order_by("pk")
        .first()
    )
    c.evidence = add_evidence(
        c.assignment,
        acting_user=c.district_a_officer,
        effective_date=DAY,
        file=ContentFile(PDF, name="evidence.pdf"),
        title="ภาพกิจกรรม",
        max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
    )
    # A target of an activity district offices implement (one of province-only work is
    # not measured for a district: 404, see indicators' tests).
    c.target = Target.objects.filter(
        activity__measure__dimension__plan=c.plan, activity__for_district_offices=True
    ).order_by("pk")[0]
    Notice.objects.create(
        recipient=c.district_a_officer,
        target=c.assignment,
        kind=Notice.Kind.DUE_SOON,
        key="access-table",
        message="มีงานใหม่",
    )

    # The staff registry: district A's officer and head have staff records.
    c.staff_a = StaffMember.objects.create(
        unit=c.district_a, first_name="สมชาย", last_name="ใจดี", user=c.district_a_officer
    )
    c.staff_a_head = StaffMember.objects.create(
        unit=c.district_a,
        first_name="สมหญิง",
        last_name="รักงาน",
        position="พัฒนาการอำเภอเมืองหนองคาย",
        user=c.district_a_head,
    )

    # Certificates: a course is the department's list; the certificate is district A's.
    c.course = certificates.add_course(code="access-course", name_th="หลักสูตรต้านทุจริต")
    c.certificate = certificates.add_certificate(
        c.staff_a,
        course=c.course,
        issued_on=DAY,
        file=pdf_upload("certificate.pdf"),
        acting_user=c.district_a_head,
        max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
    )

    # Declarations: published by district A's head to all its staff.
    c.declaration = declarations.publish_declaration(
        c.district_a,
        kind="other",
        title="ประกาศเจตนารมณ์",
        audience="all_staff",
        fiscal_year=YEAR,
        text="ข้าพเจ้าจะปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริต",
        acting_user=c.district_a_head,
    )

    # Moral goals: proposed by district A's officer.
    c.goal = goals.propose_goal(
        c.district_a,
        YEAR,
        staff=c.staff_a,
        kind="good_deed",
        virtue="integrity",
        text="ไม่รับของขวัญทุกชนิด",
    )

    # Office activities, with the officer on the attendance list.
    c.office_activity = activities.create_activity(
        c.district_a, acting_user=c.district_a_head, title="ทำบุญตักบาตร", held_on=DAY
    )
    activities.record_attendance(c.office_activity, [c.staff_a], method=Attendance.Method.LIST)

    # Partners: the department's list of types, district A's partner, MOU, joint activity.
    c.partner_type = PartnerType.objects.create(code="access-type", name_th="ภาคเอกชน")
    c.partner = partners.create_partner(c.district_a, name="ร้านค้าชุมชน", partner_type=c.partner_type)
    c.mou = partners.record_mou(
        c.district_a,
        title="บันทึกความร่วมมือ",
        signed_on=DAY,
        partners=[c.partner],
        file=pdf_upload("mou.pdf"),
        max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
    )
    c.joint_activity = partners.record_joint_activity(
        c.district_a, title="ปลูกป่า", held_on=DAY, partners=[c.partner]
    )

    # Innovation: district A's project with one measurement.
    c.project = innovation.create_project(c.district_a, title="ลดกระดาษ", started_on=DAY)
    c.measurement = innovation.add_measurement(
        c.project, metric="กระดาษ", before=Decimal(100), after=Decimal(60), unit_label="รีม"
    )

    # Workplace: district A's 5S day and its Facebook page.
    c.environment_activity = workplace.create_environment_activity(
        c.district_a,
        topic="five_s",
        title="Big Cleaning Day",
        held_on=DAY,
        acting_user=c.district_a_head,
    )
    c.publication_channel = workplace.create_channel(
        c.district_a,
        medium="facebook",
        name="เพจ พช.เมืองหนองคาย",
        opened_on=DAY,
        acting_user=c.district_a_head,
    )

    # Awards register: a letter of thanks district A received.
    c.recognition = recognitions.create_recognition(
        c.district_a,
        kind="thanks",
        title="หนังสือขอบคุณการให้บริการ",
        given_by="ที่ว่าการอำเภอเมืองหนองคาย",
        received_on=DAY,
        acting_user=c.district_a_head,
    )

    # Complaints: the standard channels, a complaint officer of the province, and one
    # service complaint at district A with an attachment (the citizen holds its code).
    for unit in (c.province, c.district_a, c.district_b):
        complaints.ensure_standard_channels(unit)
    c.channel = Channel.objects.filter(unit=c.district_a).order_by("pk").first()
    c.complaint_officer_row = ComplaintOfficer.objects.create(
        unit=c.district_a,
        user=c.district_a_officer,
        designated_by=c.district_a_head,
        status=ComplaintOfficer.Status.CONFIRMED,
    )
    # A designation the district head proposed, waiting for the department's confirmation.
    c.pending_officer_row = ComplaintOfficer.objects.create(
        unit=c.district_a, user=c.committee, designated_by=c.district_a_head
    )
    c.role_change = RoleChange.objects.create(
        unit=c.district_a,
        user=c.district_a_officer,
        kind=RoleChange.Kind.DEPUTY,
        proposed_by=c.district_a_head,
    )
    c.sign_in_reset = SignInReset.objects.create(
        user=c.district_a_officer,
        kind=SignInReset.Kind.AUTHENTICATOR,
        reason="ทำโทรศัพท์หาย",
        requested_by=c.administrator,
    )
    c.complaint = complaints.submit_complaint(
        category="service",
        description="เจ้าหน้าที่ให้บริการล่าช้า",
        reported_unit=c.district_a,
        attachments=complaints.check_attachments([pdf_upload("complaint.pdf")]),
    )
    # Received at the province, then handed to district A.
    complaints.route_complaint(c.complaint, c.district_a, acting_user=c.approver)
    c.complaint_attachment = c.complaint.attachments.get()
    c.citizen_session = {SUBMITTED_SESSION_KEY: c.complaint.tracking_code}

    # Personal data: a breach in district A's register, and an erasure its complaint
    # officer proposed (its head may confirm it).
    c.breach = Breach.objects.create(
        unit=c.district_a,
        found_at=timezone.now(),
        description="ส่งอีเมลรายชื่อผู้ร้องเรียนผิดผู้รับ",
        people_affected=3,
        risk=Breach.Risk.RISK,
        recorded_by=c.district_a_head,
    )
    c.erasure = ErasureRequest.objects.create(
        unit=c.district_a,
        contact_kind="phone",
        contact_digest=digest("phone", "0811111111"),
        reason="หนังสือขอลบข้อมูล",
        proposed_by=c.district_a_officer,
    )

    # Surveys: district A's open survey of one section and one question.
    c.survey = surveys.create_survey(
        c.district_a, fiscal_year=YEAR, title="ความพึงพอใจ", description="", acting_user=None
    )
    c.section = surveys.add_section(c.survey, title="การให้บริการ")
    c.question = surveys.add_question(c.section, kind=Question.Kind.SCALE, text="ความรวดเร็ว")
    c.closed_survey = surveys.create_survey(
        c.district_a, fiscal_year=YEAR, title="ร่าง", description="", acting_user=None
    )
    c.closed_section = surveys.add_section(c.closed_survey, title="ส่วนที่หนึ่ง")
    c.closed_question = surveys.add_question(
        c.closed_section, kind=Question.Kind.SCALE, text="ความสุภาพ"
    )
    surveys.set_open(c.survey, True)
    # Results go public from five responses on.
    for score in (5, 4, 4, 3, 5):
        surveys.submit_response(c.survey, {c.question.pk: score})
    surveys.set_results_published(c.survey, True)

    # Documents: district A's activity memo about its assignment.
    c.memo = documents.create_memo(
        unit=c.district_a,
        kind="activity",
        fields=documents.MemoFields(
            number="",
            date=DAY,
            office="สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย",
            subject="รายงานผลการดำเนินกิจกรรม",
            recipient="พัฒนาการจังหวัดหนองคาย",
            body="จึงเรียนมาเพื่อโปรดทราบ",
            signer_name="นายทดสอบ ระบบ",
            signer_position="นักวิชาการพัฒนาชุมชน",
        ),
        acting_user=c.district_a_officer,
        parameters={"assignment": c.assignment.pk},
        assignment=c.assignment,
    )

    # Orders and announcements: district A's issued order naming its officer and head, sent
    # to the committee (the officer acknowledges), and a draft announcement.
    order_fields = official.OfficialFields(
        office="สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย",
        title="แต่งตั้งคณะทำงานขับเคลื่อนองค์กรคุณธรรม",
        body="จึงแต่งตั้งคณะทำงาน ประกอบด้วย",
        date=DAY,
        signer_name="นางสมหญิง รักงาน",
        signer_position="พัฒนาการอำเภอเมืองหนองคาย",
        activity=c.assignment.activity,
        members=[(c.staff_a_head, "chair"), (c.staff_a, "secretary")],
    )
    c.order = official.create_draft(
        unit=c.district_a, kind="order", fields=order_fields, acting_user=c.district_a_head
    )
    official.issue(c.order, acting_user=c.district_a_head)
    official.send(c.order, official.Audience.MEMBERS, acting_user=c.district_a_head)
    order_fields.members = []
    c.announcement_draft = official.create_draft(
        unit=c.district_a, kind="announcement", fields=order_fields, acting_user=c.district_a_head
    )
    # An issued announcement: the portal shows announcements (orders stay internal).
    c.announcement = official.create_draft(
        unit=c.district_a, kind="announcement", fields=order_fields, acting_user=c.district_a_head
    )
    official.issue(c.announcement, acting_user=c.district_a_head)
    portal.publish_document(c.announcement, acting_user=c.district_a_head)

    # Sub-plans: district A's draft moral-organisation plan with one activity.
    c.subplan = subplans.create_subplan(
        c.district_a,
        kind="moral",
        fiscal_year=YEAR,
        title="แผนการขับเคลื่อนองค์กรคุณธรรม",
        objective="เพื่อส่งเสริมคุณธรรมของบุคลากร",
        acting_user=c.district_a_head,
    )
    c.subplan_activity = subplans.add_activity(
        c.subplan,
        acting_user=c.district_a_head,
        name="ทำบุญตักบาตร",
        period_start=DAY,
        period_end=DAY,
        responsible=[c.staff_a],
        budget=Decimal(500),
    )

    # Background jobs: the provincial officer's quarterly workbook of district A, done.
    c.job = jobs.start_job(
        QUARTERLY_XLSX,
        title="รายงานรายไตรมาส",
        parameters={"unit": c.district_a.code, "year": YEAR, "quarter": 2},
        acting_user=c.provincial_officer,
    )
    jobs.run_job(c.job.pk)

    # Budget: one line of district A.
    c.budget_line = budget.create_line(
        c.district_a,
        YEAR,
        name="อบรมคุณธรรม",
        acting_user=None,
        planned=[Decimal(1000)] + [Decimal(0)] * 11,
    )

    # Knowledge test: district A's bank and open test; its officer has started it.
    today = date.today()
    knowledge.add_questions(
        c.district_a,
        [knowledge.NewQuestion("no_gift", "รับของขวัญได้หรือไม่", ["ได้", "ไม่ได้"], 2)],
        acting_user=None,
    )
    c.knowledge_test = knowledge.create_test(
        c.district_a,
        title="แบบทดสอบก่อนเรียน",
        fiscal_year=YEAR,
        kind="pre",
        question_count=1,
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=30),
        acting_user=None,
    )
    c.knowledge_attempt = knowledge.start_attempt(
        c.knowledge_test, acting_user=c.district_a_officer
    )
    # Portal: district A's published page of its powers and duties, with a PDF.
    c.portal_page = portal.save_page(
        c.district_a,
        "powers-and-duties",
        title="อำนาจหน้าที่",
        body="ส่งเสริมการพัฒนาชุมชน",
        attachment=pdf_upload(),
        acting_user=c.district_a_head,
    )
    portal.publish_page(c.portal_page, acting_user=c.district_a_head)
    # Assessments: an open round and a published one of the province (see the factories).
    assessments.build(c)


def url_kwargs(case) -> dict:
    """Per URL name, the kwargs (and query string) of the object it is requested for.

    A pattern whose only kwarg is ``code`` gets district A's code unless it is listed;
    a pattern with any other kwarg must be listed, so a new one cannot go untested."""
    c = case
    a = c.district_a.code
    return {
        "plans:plan-detail": {"pk": c.plan.pk},
        "plans:plan-history": {"pk": c.plan.pk},
        "plans:activity-checklist": {"pk": c.assignment.activity_id},
        "tracking:evidence-link": {"pk": c.assignment.pk},
        "tracking:evidence-detach": {"pk": c.evidence.pk},
        "tracking:province-missing": {"code": c.province.code},
        "tracking:activity-detail": {"pk": c.assignment.activity_id},
        "tracking:assignment-detail": {"pk": c.assignment.pk},
        "tracking:evidence-add": {"pk": c.assignment.pk},
        "tracking:assignment-submit": {"pk": c.assignment.pk},
        "tracking:assignment-review": {"pk": c.assignment.pk},
        "tracking:assignment-officer": {"pk": c.assignment.pk},
        "tracking:evidence-file": {"pk": c.evidence.pk},
        "tracking:evidence-correct": {"pk": c.evidence.pk},
        # The dashboard is a province's.
        "tracking:province-dashboard": {"code": c.province.code},
        "tracking:plan-publish": {"pk": c.plan.pk},
        "participation:staff-detail": {"pk": c.staff_a.pk},
        "participation:staff-edit": {"pk": c.staff_a.pk},
        "participation:certificate-add": {"pk": c.staff_a.pk},
        "participation:certificate-file": {"pk": c.certificate.pk},
        "participation:certificate-delete": {"pk": c.certificate.pk},
        "participation:my-declaration-read": {"pk": c.declaration.pk},
        "participation:my-declaration-acknowledge": {"pk": c.declaration.pk},
        "participation:declaration-detail": {"code": a, "pk": c.declaration.pk},
        "participation:declaration-edit": {"code": a, "pk": c.declaration.pk},
        "participation:declaration-versions": {"code": a, "pk": c.declaration.pk},
        "participation:declaration-record": {"code": a, "pk": c.declaration.pk},
        "participation:declaration-sign-off": {"code": a, "pk": c.declaration.pk},
        "participation:goal-vote": {"pk": c.goal.pk},
        "participation:goal-edit": {"pk": c.goal.pk},
        "participation:goal-withdraw": {"pk": c.goal.pk},
        "participation:goal-adopt": {"pk": c.goal.pk},
        "participation:office-activity-detail": {"pk": c.office_activity.pk},
        "participation:activity-edit": {"pk": c.office_activity.pk},
        "participation:activity-attendance-add": {"pk": c.office_activity.pk},
        "participation:activity-attendance-remove": {
            "pk": c.office_activity.pk,
            "staff_pk": c.staff_a.pk,
        },
        "participation:activity-checkin-open": {"pk": c.office_activity.pk},
        "participation:activity-checkin-regenerate": {"pk": c.office_activity.pk},
        "participation:activity-qr-print": {"pk": c.office_activity.pk},
        "participation:activity-qr-svg": {"pk": c.office_activity.pk},
        "participation:activity-qr-png": {"pk": c.office_activity.pk},
        "participation:activity-check-in": {"token": c.office_activity.checkin_token},
        "participation:partner-edit": {"pk": c.partner.pk},
        "participation:mou-edit": {"pk": c.mou.pk},
        "participation:mou-file": {"pk": c.mou.pk},
        "participation:joint-activity-edit": {"pk": c.joint_activity.pk},
        "participation:partner-type-edit": {"pk": c.partner_type.pk},
        "participation:innovation-detail": {"pk": c.project.pk},
        "participation:innovation-edit": {"pk": c.project.pk},
        "participation:innovation-measurement-add": {"pk": c.project.pk},
        "participation:innovation-measurement-edit": {"pk": c.measurement.pk},
        "participation:innovation-measurement-delete": {"pk": c.measurement.pk},
        "participation:environment-edit": {"pk": c.environment_activity.pk},
        "participation:environment-delete": {"pk": c.environment_activity.pk},
        "participation:environment-attach": {"pk": c.environment_activity.pk},
        "participation:channel-edit": {"pk": c.publication_channel.pk},
        "participation:channel-delete": {"pk": c.publication_channel.pk},
        "participation:channel-attach": {"pk": c.publication_channel.pk},
        "participation:recognition-edit": {"pk": c.recognition.pk},
        "participation:recognition-delete": {"pk": c.recognition.pk},
        "participation:recognition-attach": {"pk": c.recognition.pk},
        "indicators:target": {"code": a, "target_id": c.target.pk},
        # Published per province, never per district office.
        "complaints:public-statistics": {"code": c.province.code},
        "complaints:detail": {"pk": c.complaint.pk},
        "complaints:status": {"pk": c.complaint.pk},
        "complaints:route": {"pk": c.complaint.pk},
        "complaints:note": {"pk": c.complaint.pk},
        "complaints:persons": {"pk": c.complaint.pk},
        "complaints:identity": {"pk": c.complaint.pk},
        "complaints:attachment": {"pk": c.complaint_attachment.pk},
        "complaints:channel-edit": {"pk": c.channel.pk},
        "complaints:officer-remove": {"pk": c.complaint_officer_row.pk},
        "complaints:officer-confirm": {"pk": c.pending_officer_row.pk},
        "complaints:officer-refuse": {"pk": c.pending_officer_row.pk},
        "accounts:role-change-confirm": {"pk": c.role_change.pk},
        "accounts:role-change-refuse": {"pk": c.role_change.pk},
        "accounts:sign-in-reset-confirm": {"pk": c.sign_in_reset.pk},
        "accounts:sign-in-reset-refuse": {"pk": c.sign_in_reset.pk},
        # A link that does not hold: the page says so to everyone.
        "accounts:password-reset-confirm": {"uidb64": "MQ", "token": "no-such-token"},
        "surveys:survey-detail": {"pk": c.survey.pk},
        # Editing needs a survey that has not been opened.
        "surveys:survey-edit": {"pk": c.closed_survey.pk},
        "surveys:survey-state": {"pk": c.survey.pk},
        "surveys:survey-copy": {"pk": c.survey.pk},
        "surveys:survey-results-public": {"pk": c.survey.pk},
        "surveys:survey-delete": {"pk": c.closed_survey.pk},
        "surveys:section-add": {"pk": c.closed_survey.pk},
        "surveys:question-add": {"pk": c.closed_survey.pk},
        "surveys:survey-results": {"pk": c.survey.pk},
        "surveys:survey-results-xlsx": {"pk": c.survey.pk},
        "surveys:survey-attach-evidence": {"pk": c.survey.pk},
        "surveys:survey-qr-png": {"pk": c.survey.pk},
        "surveys:survey-qr-svg": {"pk": c.survey.pk},
        "surveys:survey-poster": {"pk": c.survey.pk},
        "surveys:survey-invitations": {"pk": c.survey.pk},
        "privacy:breach": {"pk": c.breach.pk},
        "privacy:erasure-confirm": {"pk": c.erasure.pk},
        "privacy:erasure-refuse": {"pk": c.erasure.pk},
        "surveys:section-edit": {"pk": c.closed_section.pk},
        "surveys:section-delete": {"pk": c.closed_section.pk},
        "surveys:section-move": {"pk": c.closed_section.pk},
        "surveys:question-edit": {"pk": c.closed_question.pk},
        "surveys:question-delete": {"pk": c.closed_question.pk},
        "surveys:question-move": {"pk": c.closed_question.pk},
        "surveys:public": {"token": c.survey.public_token},
        "surveys:public-thanks": {"token": c.survey.public_token},
        "documents:memo-new": {"kind": "activity", "?": f"assignment={c.assignment.pk}"},
        "documents:memo-detail": {"pk": c.memo.pk},
        "documents:memo-file": {"pk": c.memo.pk, "fmt": "pdf"},
        "documents:memo-attach": {"pk": c.memo.pk},
        "documents:official-new": {"kind": "order"},
        "documents:official-detail": {"pk": c.order.pk},
        "documents:official-edit": {"pk": c.announcement_draft.pk},
        "documents:official-issue": {"pk": c.announcement_draft.pk},
        "documents:official-file": {"pk": c.order.pk, "fmt": "pdf"},
        "documents:official-send": {"pk": c.order.pk},
        "documents:official-acknowledge": {"pk": c.order.pk},
        "documents:official-evidence": {"pk": c.order.pk},
        "documents:plan-status-xlsx": {"code": a, "?": f"year={YEAR}"},
        "documents:subplan-detail": {"pk": c.subplan.pk},
        "documents:subplan-edit": {"pk": c.subplan.pk},
        "documents:subplan-activity-add": {"pk": c.subplan.pk},
        "documents:subplan-issue": {"pk": c.subplan.pk},
        "documents:subplan-evidence": {"pk": c.subplan.pk},
        "documents:subplan-file": {"pk": c.subplan.pk, "fmt": "pdf"},
        "documents:subplan-activity-edit": {"pk": c.subplan_activity.pk},
        "documents:subplan-activity-delete": {"pk": c.subplan_activity.pk},
        "documents:subplan-activity-budget": {"pk": c.subplan_activity.pk},
        "jobs:detail": {"pk": c.job.pk},
        "jobs:download": {"pk": c.job.pk},
        "budget:line-detail": {"pk": c.budget_line.pk},
        "budget:line-edit": {"pk": c.budget_line.pk},
        "budget:line-delete": {"pk": c.budget_line.pk},
        "knowledge:test-start": {"pk": c.knowledge_test.pk},
        "knowledge:attempt": {"pk": c.knowledge_attempt.pk},
        "knowledge:question-active": {"pk": c.knowledge_attempt.question_ids[0]},
        "indicators:project": {"code": a, "key": "osmkh-9.1"},
        **{
            f"portal:{name}": {"code": a, "kind": c.portal_page.kind}
            for name in ("page", "page-attachment", "edit", "publish", "unpublish")
        },
        "portal:document-pdf": {"code": a, "pk": c.announcement.pk},
        "portal:publish-document": {"code": a, "pk": c.announcement.pk},
        "portal:unpublish-document": {"code": a, "pk": c.announcement.pk},
        "portal:survey": {"code": a, "pk": c.survey.pk},
        "portal:survey-data": {"code": a, "pk": c.survey.pk, "fmt": "csv"},
        "portal:dataset": {"code": a, "name": "plan-progress", "fmt": "json"},
        **assessments.url_kwargs(c),
    }
