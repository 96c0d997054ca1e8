"""An activity with several responsible work groups is owed once by the provincial office
and shared by every group it names: each sees it on My work, is told of it, and its
director may review it."""

from django.urls import reverse

from saisaat.plans.models import Activity
from saisaat.testing.base import PersonaTestCase, make_user
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import officers_of, reviewers_of


def plan_activity(plan, dimension, measure, position) -> Activity:
    return Activity.objects.get(
        measure__dimension__plan=plan,
        measure__dimension__number=dimension,
        measure__number=measure,
        position=position,
    )


class SharedGroupTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.informatics_officer = make_user(
            "informatics-officer", cls.province, work_group=cls.groups["informatics"]
        )
        cls.promotion_officer = make_user(
            "promotion-officer", cls.province, work_group=cls.groups["promotion"]
        )
        cls.informatics_director = make_user(
            "informatics-director",
            cls.province,
            role="approver",
            work_group=cls.groups["informatics"],
        )
        # 1.1.1: กลุ่มงานประสาน กลุ่มงานสารสนเทศ; 2.2.1: ทุกกลุ่มงาน.
        cls.policy = Assignment.objects.get(
            unit=cls.province, activity=plan_activity(cls.plan, 1, 1, 1)
        )
        cls.every_group = Assignment.objects.get(
            unit=cls.province, activity=plan_activity(cls.plan, 2, 2, 1)
        )

    def my_work(self, user):
        self.client.force_login(user)
        response = self.client.get(reverse("tracking:my-work"))
        self.assertEqual(response.status_code, 200)
        owed = ("overdue", "due-soon", "returned")
        return {a.pk for g in response.context["groups"] if g.state in owed for a in g.items}

    def test_the_office_owes_the_activity_once_led_by_the_first_group(self):
        self.assertEqual(
            Assignment.objects.filter(unit=self.province, activity=self.policy.activity).count(), 1
        )
        self.assertEqual(self.policy.work_group, self.groups["coordination"])
        self.assertEqual(
            self.policy.responsible_group_ids(),
            {self.groups["coordination"].pk, self.groups["informatics"].pk},
        )

    def test_an_officer_of_the_second_group_has_it_on_my_work(self):
        mine = Assignment.objects.current().for_officer(self.informatics_officer)
        self.assertIn(self.policy, mine)
        self.assertIn(self.every_group, mine)
        # A group the activity does not name does not see it; ทุกกลุ่มงาน names them all.
        promotion = Assignment.objects.current().for_officer(self.promotion_officer)
        self.assertNotIn(self.policy, promotion)
        self.assertIn(self.every_group, promotion)
        # On the page: the FY2566 work is long overdue today.
        listed = self.my_work(self.informatics_officer)
        self.assertIn(self.policy.pk, listed)
        self.assertNotIn(self.policy.pk, self.my_work(self.promotion_officer))

    def test_every_responsible_group_is_told_and_its_director_reviews(self):
        told = set(officers_of(self.policy))
        self.assertIn(self.informatics_officer, told)
        self.assertIn(self.provincial_officer, told)
        self.assertNotIn(self.promotion_officer, told)
        self.assertIn(self.informatics_director, set(reviewers_of(self.policy)))
        Assignment.objects.filter(pk=self.policy.pk).update(status="submitted")
        self.client.force_login(self.informatics_director)
        response = self.client.get(reverse("tracking:my-work"))
        self.assertIn(self.policy, response.context["review"].items)
        response = self.client.post(
            reverse("tracking:assignment-review", args=[self.policy.pk]),
            {"decision": "return", "comment": "ขอรูปภาพเพิ่ม"},
        )
        self.assertEqual(response.status_code, 302)

    def test_a_district_office_is_not_shared_by_the_provinces_groups(self):
        district = Assignment.objects.get(unit=self.district_a, activity=self.policy.activity)
        self.assertEqual(district.responsible_group_ids(), set())
        self.assertNotIn(
            district, Assignment.objects.current().for_officer(self.informatics_officer)
        )

    def test_the_reminders_reach_every_responsible_group(self):
        from datetime import date

        from saisaat.notices.models import Notice
        from saisaat.tracking.reminders import create_reminders

        create_reminders(date(2023, 3, 5), days=7)
        told = set(
            Notice.objects.about(Assignment.objects.filter(pk=self.policy.pk)).values_list(
                "recipient__username", flat=True
            )
        )
        self.assertLessEqual({"prov-officer", "informatics-officer"}, told)
        self.assertNotIn("promotion-officer", told)
