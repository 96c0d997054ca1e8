"""The demo complaints: channels everywhere, a complaint officer, about 25 complaints."""

from saisaat.complaints.models import Channel, Complaint, ComplaintOfficer
from saisaat.complaints.statistics import complaint_statistics
from saisaat.demo.complaints import seed_complaints_demo
from saisaat.orgs.models import StaffMember, User
from saisaat.testing.base import PersonaTestCase, make_user


class DemoTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.officer = make_user("officer", cls.province)
        make_user("director", cls.province, role=User.Role.APPROVER)
        for n in range(5):
            StaffMember.objects.create(unit=cls.province, first_name=f"คน{n}", last_name="ทดสอบ")

    def test_it_seeds_channels_an_officer_and_complaints_once(self):
        result = seed_complaints_demo(self.province, 2566)
        self.assertEqual(result["complaints"], 25)
        self.assertEqual(result["complaint_officer"], "officer")
        self.assertEqual(Channel.objects.filter(unit=self.province).count(), 7)
        self.assertEqual(Channel.objects.filter(unit=self.district_a).count(), 7)
        self.assertTrue(ComplaintOfficer.objects.filter(user=self.officer).exists())
        statuses = set(Complaint.objects.values_list("status", flat=True))
        self.assertEqual(len(statuses), 6)
        self.assertEqual(Complaint.objects.values("medium").distinct().count(), 7)
        self.assertTrue(Complaint.objects.filter(unit=self.district_a).exists())
        stats = complaint_statistics(self.province, 2566)
        self.assertEqual(stats.total, 25)
        self.assertGreater(sum(1 for _m, n in stats.by_month if n), 8)

        again = seed_complaints_demo(self.province, 2566)
        self.assertEqual((again["complaints"], again["channels"]), (0, 0))
        self.assertEqual(Complaint.objects.count(), 25)
