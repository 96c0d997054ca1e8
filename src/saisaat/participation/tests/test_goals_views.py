"""Moral-goal pages: what each persona gets, voting with and without htmx, proposing,
adopting, the participation page and query counts."""

import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from saisaat.orgs.models import StaffMember
from saisaat.participation.models import MoralGoal, MoralGoalVote
from saisaat.participation.services import goals as services
from saisaat.testing.base import PERSONAS, PersonaTestCase
from saisaat.thai.calendar import fiscal_year

YEAR = fiscal_year(timezone.localdate())


def link_staff(user, **extra):
    return StaffMember.objects.create(
        unit=user.unit, first_name=user.username, last_name="สาธิต", user=user, **extra
    )


class GoalViewCase(PersonaTestCase):
    def setUp(self):
        super().setUp()
        # These tests read the English messages; the Thai ones are checked by the
        # translation test.
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.staff = {
            name: link_staff(getattr(cls, name))
            for name in PERSONAS
            if name not in ("department_officer", "anonymous")
        }
        cls.goal = services.propose_goal(
            cls.province,
            YEAR,
            staff=cls.staff["provincial_officer"],
            kind="problem",
            virtue="discipline",
            text="มาประชุมไม่ตรงเวลา",
        )
        cls.district_goal = services.propose_goal(
            cls.district_a,
            YEAR,
            staff=cls.staff["district_a_officer"],
            kind="good_deed",
            virtue="volunteering",
            text="จิตอาสาทำความสะอาดที่ว่าการอำเภอ",
        )


class GoalPermissionTests(GoalViewCase):
    def test_goal_list(self):
        url = reverse("participation:goal-list", args=["43"])
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "approver": 200,
                "administrator": 200,
                "district_a_officer": 404,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "department_officer": 200,
                "anonymous": 302,
            },
        )
        self.assert_statuses("post", url, {"provincial_officer": 405})

    def test_goal_list_of_a_district(self):
        url = reverse("participation:goal-list", args=["4301"])
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "district_a_officer": 200,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "anonymous": 302,
            },
        )

    def test_proposing(self):
        url = reverse("participation:goal-propose", args=["43"])
        data = {"kind": "good_deed", "virtue": "gratitude", "text": "ทำบุญวันพ่อ"}
        self.assert_statuses(
            "post",
            url,
            {
                "provincial_officer": 302,
                "approver": 302,
                "administrator": 302,
                "district_a_officer": 404,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "department_officer": 403,
                "anonymous": 302,
            },
            data,
        )
        self.assertEqual(MoralGoal.objects.filter(text="ทำบุญวันพ่อ").count(), 3)
        self.assert_statuses("get", url, {"provincial_officer": 405})

    def test_proposing_to_a_district_one_is_not_staff_of(self):
        url = reverse("participation:goal-propose", args=["4301"])
        data = {"kind": "problem", "virtue": "integrity", "text": "รับของขวัญ"}
        self.assert_statuses(
            "post", url, {"provincial_officer": 403, "district_a_officer": 302}, data
        )

    def test_voting(self):
        url = reverse("participation:goal-vote", args=[self.goal.pk])
        self.assert_statuses(
            "post",
            url,
            {
                "provincial_officer": 302,
                "approver": 302,
                "administrator": 302,
                "district_a_officer": 404,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "department_officer": 403,
                "anonymous": 302,
            },
        )
        self.assertEqual(self.goal.votes.count(), 3)
        self.assert_statuses("get", url, {"provincial_officer": 405})

    def test_voting_on_a_district_goal(self):
        url = reverse("participation:goal-vote", args=[self.district_goal.pk])
        self.assert_statuses(
            "post",
            url,
            {"provincial_officer": 403, "district_a_officer": 302, "district_b_officer": 404},
        )

    def test_editing(self):
        url = reverse("participation:goal-edit", args=[self.goal.pk])
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "approver": 403,
                "administrator": 403,
                "district_a_officer": 404,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "department_officer": 403,
                "anonymous": 302,
            },
        )
        data = {"kind": "problem", "virtue": "integrity", "text": "แก้ไขแล้ว"}
        self.assert_statuses(
            "post", url, {"approver": 403, "anonymous": 302, "provincial_officer": 302}, data
        )
        self.goal.refresh_from_db()
        self.assertEqual((self.goal.virtue, self.goal.text), ("integrity", "แก้ไขแล้ว"))
        self.assert_statuses("put", url, {"provincial_officer": 405})

    def test_withdrawing(self):
        url = reverse("participation:goal-withdraw", args=[self.goal.pk])
        self.assert_statuses("get", url, {"provincial_officer": 405})
        self.assert_statuses(
            "post",
            url,
            {
                "approver": 403,
                "administrator": 403,
                "district_a_officer": 404,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "department_officer": 403,
                "anonymous": 302,
                "provincial_officer": 302,
            },
        )
        self.assertFalse(MoralGoal.objects.filter(pk=self.goal.pk).exists())

    def test_adopting(self):
        url = reverse("participation:goal-adopt", args=[self.goal.pk])
        self.assert_statuses(
            "post",
            url,
            {
                "provincial_officer": 403,
                "district_a_officer": 404,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "department_officer": 403,
                "anonymous": 302,
                "approver": 302,
                "administrator": 302,
            },
            {"adopted": "1"},
        )
        self.goal.refresh_from_db()
        self.assertIsNotNone(self.goal.adopted_at)
        self.assert_statuses("get", url, {"approver": 405})

    def test_participation_page(self):
        url = reverse("participation:goal-participation", args=["43"])
        self.assert_statuses(
            "get",
            url,
            {
                "provincial_officer": 200,
                "approver": 200,
                "administrator": 200,
                "district_a_officer": 404,
                "district_b_officer": 404,
                "other_province_officer": 404,
                "department_officer": 200,
                "anonymous": 302,
            },
        )
        self.assert_statuses("post", url, {"provincial_officer": 405})


class GoalPageTests(GoalViewCase):
    def list_url(self, code="43"):
        return reverse("participation:goal-list", args=[code]) + f"?year={YEAR}"

    def test_it_shows_goals_grouped_with_votes_and_participation(self):
        services.toggle_vote(self.goal, staff=self.staff["approver"])
        self.login(self.provincial_officer)
        response = self.client.get(self.list_url())
        self.assertContains(response, "มาประชุมไม่ตรงเวลา")
        self.assertContains(response, "ปัญหาที่อยากแก้")
        self.assertContains(response, "วินัย")
        self.assertNotContains(response, "จิตอาสาทำความสะอาดที่ว่าการอำเภอ")  # a district's
        # Three provincial staff; the author and one voter took part.
        self.assertEqual(response.context["participation"].numerator, 2)
        self.assertEqual(response.context["participation"].denominator, 3)
        self.assertContains(response, "2/3")
        self.assertContains(response, reverse("participation:goal-participation", args=["43"]))
        self.assertContains(response, 'name="text"')  # staff may propose

    def test_managers_see_adopt_buttons_and_officers_do_not(self):
        adopt = reverse("participation:goal-adopt", args=[self.goal.pk])
        self.login(self.approver)
        self.assertContains(self.client.get(self.list_url()), adopt)
        self.login(self.provincial_officer)
        self.assertNotContains(self.client.get(self.list_url()), adopt)

    def test_a_reader_without_a_staff_record_cannot_vote_or_propose(self):
        self.login(self.department_officer)
        response = self.client.get(self.list_url())
        self.assertNotContains(response, reverse("participation:goal-vote", args=[self.goal.pk]))
        self.assertNotContains(response, 'name="text"')

    def test_a_plain_post_vote_counts_and_returns_to_the_goal(self):
        self.login(self.approver)
        response = self.client.post(reverse("participation:goal-vote", args=[self.goal.pk]))
        self.assertRedirects(
            response, self.list_url() + f"#goal-{self.goal.pk}", fetch_redirect_response=False
        )
        self.assertTrue(
            MoralGoalVote.objects.filter(goal=self.goal, staff=self.staff["approver"]).exists()
        )
        self.client.post(reverse("participation:goal-vote", args=[self.goal.pk]))
        self.assertFalse(self.goal.votes.exists())

    def test_an_htmx_vote_returns_the_board(self):
        self.login(self.approver)
        response = self.client.post(
            reverse("participation:goal-vote", args=[self.goal.pk]),
            headers={"HX-Request": "true"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "<html")
        self.assertContains(response, 'id="goal-board"')
        self.assertContains(response, 'aria-pressed="true"')
        self.assertIn("HX-Request", response["Vary"])

    def test_an_htmx_vote_over_the_limit_explains_why(self):
        others = [
            services.propose_goal(
                self.province,
                YEAR,
                staff=self.staff["administrator"],
                kind="problem",
                virtue="integrity",
                text=f"เรื่อง {n}",
            )
            for n in range(3)
        ]
        for goal in others:
            services.toggle_vote(goal, staff=self.staff["approver"])
        self.login(self.approver)
        response = self.client.post(
            reverse("participation:goal-vote", args=[self.goal.pk]),
            headers={"HX-Request": "true"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "3", status_code=400)
        self.assertIn("Take one back", response.content.decode())
        self.assertFalse(self.goal.votes.exists())

    def test_a_bad_proposal_keeps_what_was_typed(self):
        self.login(self.provincial_officer)
        response = self.client.post(
            reverse("participation:goal-propose", args=["43"]),
            {"kind": "problem", "virtue": "", "text": "ข้อเสนอของฉันยาวพอ"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "ข้อเสนอของฉันยาวพอ", status_code=400)
        self.assertContains(response, "Choose one of the five virtues", status_code=400)
        self.assertEqual(MoralGoal.objects.count(), 2)

    def test_a_proposal_lands_in_the_year_shown(self):
        self.login(self.provincial_officer)
        self.client.post(
            reverse("participation:goal-propose", args=["43"]) + "?year=2566",
            {"kind": "good_deed", "virtue": "sufficiency", "text": "ปลูกผักสวนครัว"},
        )
        self.assertEqual(MoralGoal.objects.get(text="ปลูกผักสวนครัว").fiscal_year, 2566)

    def test_a_proposal_from_the_boards_form_lands_in_the_boards_year(self):
        self.login(self.provincial_officer)
        board = self.client.get(reverse("participation:goal-list", args=["43"]) + "?year=2566")
        page = board.content.decode()
        form = page[page.index('id="propose"') :]
        action = re.search(r'<form method="post" action="([^"]+)"', form)[1].replace("&amp;", "&")
        year = re.search(r'<input type="hidden" name="year" value="(\d+)"', form)[1]
        # Meanwhile another tab chose another year, which the session now remembers.
        self.client.get(reverse("indicators:unit", args=["43"]) + "?year=2565")
        fields = {"kind": "good_deed", "virtue": "sufficiency", "text": "ปลูกผักสวนครัว"}
        self.client.post(action, fields | {"year": year})
        self.assertEqual(MoralGoal.objects.get(text="ปลูกผักสวนครัว").fiscal_year, 2566)
        # A form drawn before its action carried the year posts its hidden field alone.
        self.client.get(reverse("indicators:unit", args=["43"]) + "?year=2565")
        url = reverse("participation:goal-propose", args=["43"])
        self.client.post(url, fields | {"text": "เดินทางไปทำงานด้วยจักรยาน", "year": "2566"})
        self.assertEqual(MoralGoal.objects.get(text="เดินทางไปทำงานด้วยจักรยาน").fiscal_year, 2566)

    def test_un_adopting(self):
        services.set_adopted(self.goal, True, acting_user=self.approver)
        self.login(self.approver)
        self.client.post(reverse("participation:goal-adopt", args=[self.goal.pk]), {"adopted": "0"})
        self.goal.refresh_from_db()
        self.assertIsNone(self.goal.adopted_at)

    def test_the_participation_page_names_who_has_not_taken_part(self):
        self.login(self.approver)
        response = self.client.get(
            reverse("participation:goal-participation", args=["43"]) + f"?year={YEAR}"
        )
        pending = {person.pk for person in response.context["pending"]}
        self.assertEqual(pending, {self.staff["approver"].pk, self.staff["administrator"].pk})
        self.assertContains(response, "prov-director")


class GoalQueryCountTests(GoalViewCase):
    def grow(self):
        people = [
            StaffMember.objects.create(unit=self.province, first_name=f"คน{n}", last_name="ส")
            for n in range(20)
        ]
        virtues = ["sufficiency", "discipline", "integrity", "volunteering", "gratitude"]
        for n, person in enumerate(people):
            goal = services.propose_goal(
                self.province,
                YEAR,
                staff=person,
                kind="problem" if n % 2 else "good_deed",
                virtue=virtues[n % 5],
                text=f"ข้อเสนอ {n}",
            )
            for voter in people[:5]:
                MoralGoalVote.objects.get_or_create(goal=goal, staff=voter)
            if n % 4 == 0:
                services.set_adopted(goal, True, acting_user=self.approver)

    def assert_constant(self, user, url, expected: int):
        self.login(user)
        self.client.get(url)
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)
        self.grow()
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_goal_list(self):
        # session, user, the user's unit, the unit with its parent, plan years, the
        # user's staff record, the goals with their votes, the participation aggregate.
        self.assert_constant(
            self.provincial_officer, reverse("participation:goal-list", args=["43"]), 8
        )

    def test_participation_page(self):
        # session, user, the user's unit, the unit, plan years, taken part, not yet,
        # the participation aggregate.
        self.assert_constant(
            self.approver, reverse("participation:goal-participation", args=["43"]), 8
        )
