"""The demo memos."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from saisaat.documents.kinds import (
    activity_evidence,
    activity_paragraphs,
    activity_subject,
    quarterly_paragraphs,
    quarterly_subject,
)
from saisaat.documents.models import Memo
from saisaat.documents.quarterly import NoPlan, build_quarterly_report
from saisaat.documents.services import (
    MemoFields,
    attach_memo_as_evidence,
    create_memo,
    default_office,
    default_recipient,
    signer_of,
)
from saisaat.orgs.models import Unit, User
from saisaat.thai.calendar import fiscal_quarter_bounds
from saisaat.tracking.models import Assignment


def seed_documents_demo(province: Unit, fiscal_year: int) -> dict:
    """Idempotent: a quarterly report memo of the province for quarter 2 and an activity-result
    memo for the first district assignment that has evidence, attached as its evidence."""
    created = {"memos": 0, "attached": 0}
    author = (
        User.objects.filter(unit=province, role=User.Role.APPROVER).order_by("pk").first()
        or User.objects.filter(unit=province).order_by("pk").first()
    )
    if author is None:
        return created
    if not Memo.objects.filter(unit=province, kind="quarterly").exists():
        try:
            report = build_quarterly_report(province, fiscal_year, 2)
        except NoPlan:
            report = None
        if report is not None:
            name, position = signer_of(author)
            last_day = fiscal_quarter_bounds(fiscal_year, 2)[1]
            fields = MemoFields(
                number="",
                date=date(last_day.year, 4, 5),
                office=default_office(author, province),
                subject=quarterly_subject(report),
                recipient=default_recipient(province),
                body="\n\n".join(quarterly_paragraphs(report)),
                signer_name=name,
                signer_position=position or "พัฒนาการจังหวัด",
            )
            create_memo(
                unit=province,
                kind="quarterly",
                fields=fields,
                acting_user=author,
                parameters={"unit": province.code, "year": fiscal_year, "quarter": 2},
            )
            created["memos"] += 1

    assignment = (
        Assignment.objects.current()
        .filter(province=province, plan__fiscal_year=fiscal_year, unit__kind=Unit.Kind.DISTRICT)
        .filter(evidence__isnull=False)
        .exclude(status__in=[Assignment.Status.APPROVED])
        .exclude(is_retired=True)
        .select_related("activity", "unit", "officer")
        .order_by("unit__code", "pk")
        .first()
    )
    if assignment is not None and not Memo.objects.filter(assignment=assignment).exists():
        officer = User.objects.filter(unit=assignment.unit).order_by("pk").first()
        if officer is not None:
            evidence = activity_evidence(assignment)
            name, position = signer_of(officer)
            memo_date = max([item.effective_date for item in evidence] + [assignment.due_date])
            fields = MemoFields(
                number="",
                date=min(memo_date, fiscal_quarter_bounds(fiscal_year, 4)[1]),
                office=default_office(officer, assignment.unit),
                subject=activity_subject(assignment),
                recipient=default_recipient(assignment.unit),
                body="\n\n".join(activity_paragraphs(assignment, evidence)),
                signer_name=name,
                signer_position=position or "นักวิชาการพัฒนาชุมชน",
            )
            memo = create_memo(
                unit=assignment.unit,
                kind="activity",
                fields=fields,
                acting_user=officer,
                parameters={"assignment": assignment.pk},
                assignment=assignment,
            )
            created["memos"] += 1
            try:
                attach_memo_as_evidence(memo, acting_user=officer)
                created["attached"] += 1
            except ValidationError:
                pass
    return created
