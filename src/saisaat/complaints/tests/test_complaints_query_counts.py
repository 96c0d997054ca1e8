"""The complaint list and the statistics pages keep their number of queries as
complaints grow."""

from datetime import timedelta

from django.urls import reverse

from saisaat.complaints.models import Complaint
from saisaat.complaints.services import deadlines
from saisaat.complaints.tests.helpers import ComplaintTestCase, aware


class ComplaintQueryCountTests(ComplaintTestCase):
    def grow(self):
        start = aware(2022, 10, 3, 9)
        channels = list(self.province.complaint_channels.all())
        rows = []
        for n in range(120):
            received = start + timedelta(days=n * 2)
            ack, finish = deadlines(received.date())
            rows.append(
                Complaint(
                    tracking_code=f"LOAD{n:08d}".replace("0", "A").replace("1", "B")[:12],
                    category=Complaint.Category.values[n % 3],
                    description=f"เรื่องที่ {n}",
                    unit=self.district_a if n % 4 == 0 else self.province,
                    province=self.province,
                    reported_unit=self.province,
                    channel=channels[n % len(channels)],
                    medium=channels[n % len(channels)].medium,
                    status=Complaint.Status.values[n % 6],
                    received_at=received,
                    acknowledge_due=ack,
                    finish_due=finish,
                )
            )
        Complaint.objects.bulk_create(rows)

    def assert_constant(self, user, url, expected: int):
        # One complaint to start with, so that the first page is not empty.
        self.make_complaint(unit=self.district_a)
        self.client.force_login(user)
        self.client.get(url)
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)
        self.grow()
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_complaint_list(self):
        # session, user, the unit with its parent, the user's unit (not the department),
        # the page count, the page of complaints with unit and channel, the reminders,
        # whether the user reads identities here (the link to a person's data).
        self.assert_constant(
            self.complaint_officer, reverse("complaints:unit-list", args=["43"]), 8
        )

    def test_complaint_list_of_a_district(self):
        self.assert_constant(
            self.district_a_officer, reverse("complaints:unit-list", args=["4301"]), 8
        )

    def test_statistics(self):
        # session, user, the user's unit, the unit among the visible ones, the first
        # complaint and the plan years (the year picker), totals, by channel, by category,
        # by month.
        url = reverse("complaints:statistics", args=["43"]) + "?year=2566"
        self.assert_constant(self.approver, url, 10)

    def test_public_statistics(self):
        # the unit, the first complaint and the plan years (the year picker), totals, by
        # channel, by category, by month.
        self.client.logout()
        url = reverse("complaints:public-statistics", args=["43"]) + "?year=2566&half=1"
        self.client.get(url)
        with self.assertNumQueries(7):
            self.client.get(url)
        self.grow()
        with self.assertNumQueries(7):
            self.client.get(url)
