"""An action done at night in Bangkok shows the Bangkok day, not the UTC one."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse

from saisaat.notices.models import Notice
from saisaat.testing.base import PersonaTestCase
from saisaat.thai.calendar import fiscal_year
from saisaat.tracking.models import Assignment, AssignmentEvent, EvidenceItem
from saisaat.tracking.services import add_evidence

# 1 October 2565 B.E. at 03:00 in Bangkok: 30 September 20:00 in UTC, and fiscal year 2566.
NIGHT = datetime(2022, 10, 1, 3, 0, tzinfo=ZoneInfo("Asia/Bangkok")).astimezone(UTC)


class NightActionTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.assignment = Assignment.objects.filter(unit=cls.district_a).order_by("pk").first()

    def test_it_shows_an_action_at_three_in_the_morning_on_its_bangkok_day(self):
        self.assertEqual(settings.TIME_ZONE, "Asia/Bangkok")
        add_evidence(
            self.assignment,
            acting_user=self.district_a_officer,
            effective_date=date(2022, 10, 1),
            note="ประชุมกลุ่มงาน",
            title="บันทึกการประชุม",
            max_bytes=1000,
        )
        EvidenceItem.objects.update(uploaded_at=NIGHT)
        AssignmentEvent.objects.filter(assignment=self.assignment).update(created_at=NIGHT)
        Notice.objects.create(
            recipient=self.district_a_officer,
            target=self.assignment,
            kind="overdue",
            key="night",
            message="แจ้งเตือนตอนตีสาม",
            created_at=NIGHT,
        )
        self.assertEqual(fiscal_year(EvidenceItem.objects.get().uploaded_at), 2566)
        self.login(self.district_a_officer)

        page = self.client.get(self.assignment.get_absolute_url())
        self.assertContains(page, "1 ต.ค. 2565")
        self.assertContains(page, "03:00")
        self.assertNotContains(page, "30 ก.ย. 2565")

        notes = self.client.get(reverse("notices:list"))
        self.assertContains(notes, "1 ต.ค. 2565")
        self.assertNotContains(notes, "30 ก.ย. 2565")
