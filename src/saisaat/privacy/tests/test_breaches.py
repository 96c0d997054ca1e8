"""The breach register: recorded by the office's head, read by the department, hidden from
the office's other staff; the 72-hour report deadline shown; bad input is a 400."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from saisaat.audit.models import Entry
from saisaat.privacy.models import Breach
from saisaat.testing.base import PersonaTestCase
from saisaat.thai.dates import format_date_input


class BreachRegisterTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.url = reverse("privacy:breaches", args=[cls.district_a.code])

    def data(self, **extra):
        found = timezone.localtime() - timedelta(days=2)
        data = {
            "found_on": format_date_input(found.date()),
            "found_time": "09:15",
            "description": "แฟ้มรายชื่อผู้ร้องเรียนส่งอีเมลผิดผู้รับ",
            "people_affected": "12",
            "risk": "risk",
            "actions": "แจ้งผู้รับให้ลบ",
        }
        data.update(extra)
        return data

    def test_the_head_records_a_breach_audited(self):
        self.client.force_login(self.district_a_head)
        response = self.client.post(self.url, self.data())
        breach = Breach.objects.get()
        self.assertRedirects(response, reverse("privacy:breach", args=[breach.pk]))
        self.assertEqual((breach.unit, breach.people_affected), (self.district_a, 12))
        self.assertEqual(timezone.localtime(breach.found_at).strftime("%H:%M"), "09:15")
        entry = Entry.objects.get(action="privacy.breach_recorded")
        self.assertEqual(entry.changes["people_affected"], [None, 12])
        page = self.client.get(self.url)
        self.assertContains(page, "ยังไม่ได้แจ้ง")  # not reported yet, due in 72 hours

    def test_reporting_within_72_hours_and_late(self):
        self.client.force_login(self.district_a_head)
        self.client.post(self.url, self.data())
        breach = Breach.objects.get()
        found = timezone.localtime(breach.found_at)
        edit = reverse("privacy:breach", args=[breach.pk])
        in_time = found + timedelta(hours=30)
        self.client.post(
            edit,
            self.data(
                reported_on=format_date_input(in_time.date()),
                reported_time=in_time.strftime("%H:%M"),
            ),
        )
        breach.refresh_from_db()
        self.assertTrue(breach.reported_in_time)
        self.assertTrue(Entry.objects.filter(action="privacy.breach_updated").exists())
        breach.reported_at = breach.found_at + timedelta(hours=80)
        self.assertFalse(breach.reported_in_time)

    def test_bad_input_is_a_thai_400_and_nothing_is_saved(self):
        self.client.force_login(self.district_a_head)
        future = timezone.localdate() + timedelta(days=3)
        for extra in (
            {"people_affected": "-1"},
            {"people_affected": "9" * 30},
            {"risk": "huge"},
            {"found_on": "31/02/2566"},
            {"found_time": "25:99"},
            {"found_on": format_date_input(future)},
            {"reported_on": format_date_input(timezone.localdate())},  # no time
            {"description": "่่่"},
            {"description": "x" * 6000},
        ):
            response = self.client.post(self.url, self.data(**extra))
            self.assertEqual(response.status_code, 400, extra)
            self.assertContains(response, "error-summary", status_code=400)
        self.assertFalse(Breach.objects.exists())

    def test_only_the_head_administrators_and_department_see_it(self):
        breach = Breach.objects.create(
            unit=self.district_a,
            found_at=timezone.now(),
            description="x",
            people_affected=1,
            risk="none",
            recorded_by=self.district_a_head,
        )
        detail = reverse("privacy:breach", args=[breach.pk])
        self.client.force_login(self.department_officer)
        self.assertEqual(self.client.get(detail).status_code, 200)
        self.assertEqual(self.client.post(detail, self.data()).status_code, 403)
        self.client.force_login(self.district_a_officer)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.client.get(detail).status_code, 404)

    def test_the_list_does_not_grow_its_queries_with_breaches(self):
        self.client.force_login(self.district_a_head)
        self.client.get(self.url)

        def make(n):
            Breach.objects.bulk_create(
                Breach(
                    unit=self.district_a,
                    found_at=timezone.now(),
                    description="x",
                    people_affected=1,
                    risk="high",
                    recorded_by=self.district_a_head,
                )
                for _ in range(n)
            )

        make(1)
        # session, user, the user's unit, the unit asked for, the breaches.
        with self.assertNumQueries(5):
            self.client.get(self.url)
        make(10)
        with self.assertNumQueries(5):
            self.client.get(self.url)
