from django.test import TestCase

from saisaat.participation.models import Course, PartnerType
from saisaat.participation.reference import ensure_reference_data


class ReferenceDataTests(TestCase):
    def test_it_restores_missing_courses_and_partner_types(self):
        Course.objects.all().delete()
        PartnerType.objects.all().delete()
        ensure_reference_data()
        self.assertEqual(
            set(Course.objects.values_list("code", flat=True)),
            {"nacc-e-learning", "pacc-e-learning"},
        )
        self.assertEqual(PartnerType.objects.count(), 7)

    def test_it_leaves_configured_partner_types_alone(self):
        PartnerType.objects.filter(code="media").delete()
        course = Course.objects.get(code="nacc-e-learning")
        course.name_th = "ชื่อที่แก้ไขแล้ว"
        course.save()
        ensure_reference_data()
        self.assertEqual(PartnerType.objects.count(), 6)
        course.refresh_from_db()
        self.assertEqual(course.name_th, "ชื่อที่แก้ไขแล้ว")
