"""Moral goals: proposing, the voting rules, adoption, participation and the demo."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from saisaat.demo.goals import seed_goals_demo
from saisaat.orgs.models import StaffMember
from saisaat.participation.metrics import METRICS
from saisaat.participation.models import MoralGoal, MoralGoalVote
from saisaat.participation.services import goals as services
from saisaat.plans.metrics import scope_for
from saisaat.testing.base import PersonaTestCase
from saisaat.thai.calendar import fiscal_year

# Votes and proposals count for the year they are made in, so the tests work in this year.
YEAR = fiscal_year(timezone.localdate())


def staff_of(unit, count, *, prefix="คน", active=True):
    return [
        StaffMember.objects.create(
            unit=unit, first_name=f"{prefix}{n}", last_name="สาธิต", is_active=active
        )
        for n in range(count)
    ]


class GoalServiceTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = staff_of(cls.province, 5)
        cls.author = cls.people[0]

    def propose(self, person=None, kind="problem", virtue="discipline", text="มาสายบ่อย"):
        return services.propose_goal(
            self.province,
            YEAR,
            staff=person or self.author,
            kind=kind,
            virtue=virtue,
            text=text,
        )

    def test_it_records_a_proposal_for_the_unit_and_year(self):
        goal = self.propose(text="  ใช้กระดาษสิ้นเปลือง  ")
        self.assertEqual(
            (goal.unit, goal.fiscal_year, goal.text, goal.proposed_by),
            (self.province, YEAR, "ใช้กระดาษสิ้นเปลือง", self.author),
        )

    def test_it_refuses_proposals_from_staff_of_another_unit(self):
        outsider = staff_of(self.district_a, 1)[0]
        with self.assertRaises(ValidationError):
            self.propose(outsider)

    def test_it_refuses_proposals_from_inactive_staff(self):
        retired = staff_of(self.province, 1, active=False)[0]
        with self.assertRaises(ValidationError):
            self.propose(retired)

    def test_it_toggles_a_vote_on_and_off(self):
        goal = self.propose()
        voter = self.people[1]
        self.assertTrue(services.toggle_vote(goal, staff=voter))
        self.assertEqual(goal.votes.count(), 1)
        self.assertFalse(services.toggle_vote(goal, staff=voter))
        self.assertEqual(goal.votes.count(), 0)

    def test_it_allows_three_votes_per_kind_and_no_more(self):
        problems = [self.propose(text=f"ปัญหาที่ {n}") for n in range(4)]
        deed = self.propose(kind="good_deed", virtue="volunteering", text="จิตอาสา")
        voter = self.people[2]
        for goal in problems[:3]:
            services.toggle_vote(goal, staff=voter)
        with self.assertRaisesMessage(ValidationError, "3"):
            services.toggle_vote(problems[3], staff=voter)
        # The other kind has its own three votes.
        self.assertTrue(services.toggle_vote(deed, staff=voter))
        # Taking one back frees it for another goal.
        services.toggle_vote(problems[0], staff=voter)
        self.assertTrue(services.toggle_vote(problems[3], staff=voter))
        self.assertEqual(MoralGoalVote.objects.filter(staff=voter).count(), 4)

    def test_the_limit_is_per_year_and_unit(self):
        voter = self.people[1]
        last_year = [
            services.propose_goal(
                self.province,
                YEAR - 1,
                staff=self.author,
                kind="problem",
                virtue="integrity",
                text=f"ปีก่อน {n}",
            )
            for n in range(3)
        ]
        for goal in last_year:
            services.toggle_vote(goal, staff=voter)
        self.assertTrue(services.toggle_vote(self.propose(), staff=voter))

    def test_it_refuses_votes_from_staff_of_another_unit(self):
        goal = self.propose()
        outsider = staff_of(self.district_a, 1)[0]
        with self.assertRaises(ValidationError):
            services.toggle_vote(goal, staff=outsider)
        self.assertFalse(goal.votes.exists())

    def test_votes_on_an_adopted_goal_are_frozen(self):
        goal = self.propose()
        services.toggle_vote(goal, staff=self.people[1])
        services.set_adopted(goal, True, acting_user=self.approver)
        with self.assertRaises(ValidationError):
            services.toggle_vote(goal, staff=self.people[1])
        with self.assertRaises(ValidationError):
            services.toggle_vote(goal, staff=self.people[2])
        self.assertEqual(goal.votes.count(), 1)

    def test_adoption_sets_and_clears_the_date(self):
        goal = self.propose()
        services.set_adopted(goal, True, acting_user=self.approver)
        goal.refresh_from_db()
        self.assertIsNotNone(goal.adopted_at)
        services.set_adopted(goal, False, acting_user=self.approver)
        goal.refresh_from_db()
        self.assertIsNone(goal.adopted_at)

    def test_the_author_may_edit_and_withdraw_until_someone_else_votes(self):
        goal = self.propose()
        services.toggle_vote(goal, staff=self.author)  # one's own vote does not lock it
        self.assertTrue(services.can_change(goal, self.author))
        services.update_goal(
            goal, staff=self.author, kind="good_deed", virtue="gratitude", text="ทำบุญ"
        )
        goal.refresh_from_db()
        self.assertEqual((goal.kind, goal.virtue, goal.text), ("good_deed", "gratitude", "ทำบุญ"))
        self.assertFalse(services.can_change(goal, self.people[1]))
        services.toggle_vote(goal, staff=self.people[1])
        self.assertFalse(services.can_change(goal, self.author))
        with self.assertRaises(ValidationError):
            services.withdraw_goal(goal, staff=self.author)
        with self.assertRaises(ValidationError):
            services.update_goal(
                goal, staff=self.author, kind="problem", virtue="discipline", text="แก้"
            )

    def test_the_author_may_not_withdraw_an_adopted_goal(self):
        goal = self.propose()
        services.set_adopted(goal, True, acting_user=self.approver)
        with self.assertRaises(ValidationError):
            services.withdraw_goal(goal, staff=self.author)
        unvoted = self.propose(text="อีกเรื่องหนึ่ง")
        services.withdraw_goal(unvoted, staff=self.author)
        self.assertFalse(MoralGoal.objects.filter(pk=unvoted.pk).exists())

    def test_goals_for_counts_votes_in_the_database_and_marks_mine(self):
        first, second = self.propose(text="เรื่องแรก"), self.propose(text="เรื่องที่สอง")
        for person in self.people[1:4]:
            services.toggle_vote(second, staff=person)
        services.toggle_vote(first, staff=self.people[1])
        goals = {g.pk: g for g in services.goals_for(self.province, YEAR, self.people[1])}
        self.assertEqual(goals[second.pk].vote_count, 3)
        self.assertEqual(goals[first.pk].vote_count, 1)
        self.assertTrue(goals[first.pk].voted_by_me)
        mine = services.goals_for(self.province, YEAR, self.people[4])
        self.assertFalse(any(goal.voted_by_me for goal in mine))
        left = services.votes_left(
            list(services.goals_for(self.province, YEAR, self.people[1])), self.people[1]
        )
        self.assertEqual(left, {"problem": 1, "good_deed": 3})

    def test_it_groups_goals_by_kind_then_virtue_in_the_programme_order(self):
        self.propose(virtue="gratitude", text="กตัญญู")
        self.propose(virtue="sufficiency", text="พอเพียง")
        self.propose(kind="good_deed", virtue="volunteering", text="จิตอาสา")
        groups = services.group_goals(list(services.goals_for(self.province, YEAR)))
        self.assertEqual([g["kind"] for g in groups], ["problem", "good_deed"])
        self.assertEqual(
            [block["virtue"] for block in groups[0]["virtues"]], ["sufficiency", "gratitude"]
        )

    def test_participation_matches_the_indicator(self):
        goal = self.propose()  # the author takes part
        services.toggle_vote(goal, staff=self.people[1])
        services.toggle_vote(goal, staff=self.people[2])
        staff_of(self.province, 1, active=False)  # the retired do not count either way
        value = services.participation(self.province, YEAR)
        self.assertEqual((value.numerator, value.denominator), (3, 5))
        self.assertEqual(value.value, Decimal("60.00"))
        indicator = METRICS["moral_goal_participation"].compute(
            scope_for(self.province, YEAR, rolled_up=False)
        )
        self.assertEqual(value, indicator)
        done, pending = services.participants(self.province, YEAR)
        self.assertEqual({p.pk for p in done}, {p.pk for p in self.people[:3]})
        self.assertEqual({p.pk for p in pending}, {p.pk for p in self.people[3:]})

    def test_a_late_vote_on_a_past_year_does_not_change_that_years_figure(self):
        goal = services.propose_goal(
            self.province,
            2566,
            staff=self.author,
            kind="problem",
            virtue="integrity",
            text="ปีที่ผ่านมา",
            when=timezone.make_aware(datetime(2023, 1, 5)),
        )
        services.toggle_vote(goal, staff=self.people[1])  # today, after the year ended
        value = services.participation(self.province, 2566)
        self.assertEqual(value.numerator, 1)

    def test_adopted_goals_count_for_the_indicator(self):
        in_the_year = timezone.now()
        for virtue in ("discipline", "integrity", "gratitude"):
            services.set_adopted(
                self.propose(virtue=virtue, text=virtue),
                True,
                acting_user=self.approver,
                when=in_the_year,
            )
        self.propose(text="ยังไม่รับ")
        value = METRICS["adopted_moral_goals"].compute(
            scope_for(self.province, YEAR, rolled_up=False)
        )
        self.assertEqual((value.value, value.note), (Decimal(3), "3 virtues"))


class GoalDemoTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.provincial = staff_of(cls.province, 26, prefix="จังหวัด")
        staff_of(cls.district_a, 5, prefix="อำเภอก")
        staff_of(cls.district_b, 5, prefix="อำเภอข")

    def test_it_seeds_proposals_votes_and_adopted_goals_once(self):
        first = seed_goals_demo(self.province, 2566)
        self.assertEqual(first["goals_created"], 15)
        self.assertEqual(first["adopted"], 5)
        second = seed_goals_demo(self.province, 2566)
        self.assertEqual(
            (second["goals_created"], second["votes_created"], second["adopted"]), (0, 0, 0)
        )
        self.assertEqual(second["goals"], 15)

        goals = MoralGoal.objects.filter(fiscal_year=2566)
        self.assertEqual(goals.exclude(unit=self.province).count(), 5)
        self.assertEqual(set(goals.values_list("kind", flat=True)), {"problem", "good_deed"})
        adopted = goals.filter(adopted_at__isnull=False)
        self.assertGreaterEqual(len(set(adopted.values_list("virtue", flat=True))), 4)
        start = timezone.make_aware(datetime(2022, 11, 1))
        end = timezone.make_aware(datetime(2023, 1, 1))
        for goal in goals:
            self.assertTrue(start <= goal.proposed_at < end, goal.proposed_at)
        for vote in MoralGoalVote.objects.all():
            self.assertTrue(start <= vote.voted_at < end, vote.voted_at)
        for goal in adopted:
            self.assertTrue(start <= goal.adopted_at < end)

        voters = MoralGoalVote.objects.filter(goal__unit=self.province).values("staff").distinct()
        self.assertEqual(voters.count(), 20)  # about three in four of 26
        value = services.participation(self.province, 2566)
        self.assertEqual((value.numerator, value.denominator), (21, 26))
        # Nobody used more votes than the rule allows.
        for person in self.provincial:
            for kind in ("problem", "good_deed"):
                used = MoralGoalVote.objects.filter(staff=person, goal__kind=kind).count()
                self.assertLessEqual(used, services.VOTES_PER_KIND)
