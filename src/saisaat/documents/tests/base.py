"""A persona test case with the plan published and some evidence on district A's work."""

from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile

from saisaat.core.thaipdf import ThaiPDF
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import add_evidence


def small_pdf(text: str = "หลักฐาน") -> bytes:
    pdf = ThaiPDF()
    pdf.add_page()
    pdf.text_line(30, 30, text)
    return bytes(pdf.output())


def add_file_evidence(assignment, user, *, text: str, day: date, title: str = ""):
    return add_evidence(
        assignment,
        acting_user=user,
        effective_date=day,
        file=ContentFile(small_pdf(text), name=f"{text}.pdf"),
        title=title,
        max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
    )


class DocumentsTestCase(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.assignment = (
            Assignment.objects.filter(unit=cls.district_a, dimension_number=1)
            .order_by("pk")
            .first()
        )
        cls.evidence = [
            add_file_evidence(
                cls.assignment,
                cls.district_a_officer,
                text="ภาพกิจกรรม",
                day=date(2023, 1, 10),
                title="ภาพถ่ายกิจกรรมเดินรณรงค์",
            ),
            add_file_evidence(
                cls.assignment, cls.district_a_officer, text="รายชื่อ", day=date(2023, 1, 12)
            ),
        ]
        add_evidence(
            cls.assignment,
            acting_user=cls.district_a_officer,
            effective_date=date(2023, 1, 13),
            note="ประชุมชี้แจงเจ้าหน้าที่ ๑๒ คน",
            max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
        )
