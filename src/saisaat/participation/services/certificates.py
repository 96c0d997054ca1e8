"""Training courses and the certificates people earn in them.

The indicator counts active staff holding an anti-corruption certificate issued in the
fiscal year; the list page shows the same split, who holds one and who does not yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.core.files import check_evidence_file
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.orgs.scoping import require_editable
from saisaat.participation.models import Certificate, Course
from saisaat.participation.models.training import may_record_certificate_for
from saisaat.plans.metrics import percent
from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.calendar import fiscal_year_bounds


class CertificateError(Exception):
    """The certificate cannot be recorded; the message says why."""


@transaction.atomic
def add_course(
    *,
    code: str,
    name_th: str,
    provider: str = "",
    counts_for_anti_corruption: bool = True,
    acting_user: User | None = None,
) -> Course:
    course = Course.objects.create(
        code=code,
        name_th=name_th.strip(),
        provider=provider.strip(),
        counts_for_anti_corruption=counts_for_anti_corruption,
    )
    audit.record_created(
        acting_user,
        "participation.course_added",
        course,
        ["code", "name_th", "provider", "counts_for_anti_corruption"],
    )
    return course


CERTIFICATE_FIELDS = ["staff", "course", "issued_on", "number", "file"]


@transaction.atomic
def add_certificate(
    staff: StaffMember,
    *,
    course: Course,
    issued_on: date,
    number: str = "",
    file=None,
    acting_user: User | None,
    max_bytes: int,
) -> Certificate:
    """Record that ``staff`` passed ``course``; a file is checked by its content first. Those
    who keep the person's record, and the person, may (``may_record_certificate_for``)."""
    if acting_user is not None and not may_record_certificate_for(acting_user, staff):
        raise PermissionDenied
    if Certificate.objects.filter(staff=staff, course=course, issued_on=issued_on).exists():
        raise CertificateError(_("This certificate is already recorded."))
    certificate = Certificate(
        staff=staff,
        course=course,
        issued_on=issued_on,
        number=number.strip(),
        recorded_by=acting_user,
    )
    if file is not None:
        checked = check_evidence_file(file, max_bytes=max_bytes)
        certificate.file.save(f"certificate.{checked.extension}", file, save=False)
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        if certificate.file:
            certificate.file.storage.delete(certificate.file.name)
        raise CertificateError(_("This certificate is already recorded.")) from None
    except Exception:
        if certificate.file:
            certificate.file.storage.delete(certificate.file.name)
        raise
    audit.record_created(
        acting_user,
        "participation.certificate_added",
        certificate,
        CERTIFICATE_FIELDS,
        unit=staff.unit_id,
        fiscal_year=fiscal_year_of(issued_on),
    )
    return certificate


@transaction.atomic
def delete_certificate(certificate: Certificate, *, acting_user: User | None = None) -> None:
    require_editable(acting_user, certificate)
    audit.record_deleted(
        acting_user,
        "participation.certificate_deleted",
        certificate,
        CERTIFICATE_FIELDS,
        unit=certificate.staff.unit_id,
        fiscal_year=fiscal_year_of(certificate.issued_on),
    )
    name = certificate.file.name if certificate.file else ""
    storage = certificate.file.storage if certificate.file else None
    certificate.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def courses_for(course: Course | None):
    """The courses that count: one chosen course, or every anti-corruption course."""
    if course is not None:
        return Course.objects.filter(pk=course.pk)
    return Course.objects.filter(counts_for_anti_corruption=True)


def certificates_in_year(fiscal_year: int, course: Course | None = None):
    first_day, last_day = fiscal_year_bounds(fiscal_year)
    return Certificate.objects.filter(
        course__in=courses_for(course), issued_on__range=(first_day, last_day)
    )


@dataclass
class UnitCoverage:
    unit: Unit
    total: int
    certified: int

    @property
    def percent(self):
        return percent(self.certified, self.total)


def coverage(units, fiscal_year: int, course: Course | None = None) -> dict:
    """Active staff of ``units`` with the first certificate each holds for the year: the
    holders, those without one yet, and the counts per unit."""
    certificates = certificates_in_year(fiscal_year, course)
    first = certificates.filter(staff=OuterRef("pk")).order_by("issued_on", "pk")
    staff = list(
        StaffMember.objects.active()
        .filter(unit__in=units)
        .annotate(
            certified_on=Subquery(first.values("issued_on")[:1]),
            certificate_number=Subquery(first.values("number")[:1]),
            certificate_course=Subquery(first.values("course__name_th")[:1]),
        )
        .select_related("unit")
        .in_thai_order()
    )
    per_unit = (
        StaffMember.objects.active()
        .filter(unit__in=units)
        .values("unit")
        .annotate(
            total=Count("pk"),
            certified=Count("pk", filter=Q(Exists(certificates.filter(staff=OuterRef("pk"))))),
        )
        .order_by("unit__code")
    )
    unit_by_pk = {}
    for person in staff:
        unit_by_pk[person.unit_id] = person.unit
    rows = [
        UnitCoverage(unit_by_pk[row["unit"]], row["total"], row["certified"])
        for row in per_unit
        if row["unit"] in unit_by_pk
    ]
    holders = [person for person in staff if person.certified_on]
    total = len(staff)
    return {
        "holders": holders,
        "missing": [person for person in staff if not person.certified_on],
        "total": total,
        "certified": len(holders),
        "percent": percent(len(holders), total),
        "per_unit": rows,
    }
