"""Shared set-up for complaint tests: channels, a designated officer, and a way to make
complaints quickly."""

from datetime import datetime

from django.utils import timezone

from saisaat.complaints import services
from saisaat.complaints.models import ComplaintOfficer
from saisaat.orgs.models import StaffMember
from saisaat.testing.base import PersonaTestCase, make_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def aware(*args):
    return timezone.make_aware(datetime(*args))


class ComplaintTestCase(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for unit in (cls.province, cls.district_a, cls.district_b, cls.other_province):
            services.ensure_standard_channels(unit)
        cls.complaint_officer = make_user("complaint-officer", cls.province)
        ComplaintOfficer.objects.create(
            unit=cls.province, user=cls.complaint_officer, status=ComplaintOfficer.Status.CONFIRMED
        )
        cls.accused = make_user("accused", cls.province)
        cls.accused_staff = StaffMember.objects.create(
            unit=cls.province, first_name="ผู้ถูก", last_name="ร้องเรียน", user=cls.accused
        )

    @classmethod
    def make_complaint(cls, category="service", *, unit=None, identity=None, **kwargs):
        complaint = services.submit_complaint(
            category=category,
            description=kwargs.pop("description", "เจ้าหน้าที่ให้บริการล่าช้า"),
            reported_unit=kwargs.pop("reported_unit", cls.province),
            identity=identity,
            **kwargs,
        )
        if unit is not None and unit != complaint.unit:
            services.route_complaint(complaint, unit, acting_user=cls.approver)
            complaint.refresh_from_db()
        return complaint
