"""5S inspections: the checklist of work areas, quarterly rounds, their results and trend,
corrective actions carried into the next quarter, the command and the memo."""

import json
import re
from datetime import date
from decimal import Decimal
from io import StringIO

from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from saisaat.assessments import fives, services
from saisaat.assessments.models import CorrectiveAction, FivesProgramme, Framework, Round
from saisaat.assessments.tests.factories import make_fives, make_quarter_round, score_all
from saisaat.audit.models import Entry
from saisaat.orgs.models import StaffMember, Unit
from saisaat.testing.base import PersonaTestCase, make_unit, make_user
from saisaat.thai.calendar import fiscal_year


class FivesCase(PersonaTestCase):
    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.checklist = make_fives(cls.province)
        cls.second = make_user("assessor-2", cls.province)
        cls.offices = [cls.province, cls.district_a, cls.district_b]

    def close_and_publish(self, round_):
        services.close_round(round_)
        services.publish_round(round_)


class ChecklistTests(FivesCase):
    def test_it_makes_one_criterion_per_s_and_work_area(self):
        self.assertEqual(self.checklist.kind, Framework.Kind.FIVE_S)
        self.assertEqual(
            [s.title for s in self.checklist.sections.all()],
            ["สะสาง", "สะดวก", "สะอาด", "สุขลักษณะ", "สร้างนิสัย"],
        )
        criteria = services.criteria_of(self.checklist)
        self.assertEqual(len(criteria), 10)
        self.assertEqual({c.work_area.name for c in criteria}, {"ห้องทำงาน", "ห้องประชุม"})
        self.assertTrue(all(c.max_points == 5 for c in criteria))

    def test_its_work_areas_are_fixed_once_a_round_has_opened(self):
        fives.add_work_area(self.province, "ห้องเก็บเอกสาร", acting_user=self.approver)
        make_quarter_round(self.province, 1, [self.committee])
        with self.assertRaises(services.AssessmentError):
            fives.add_work_area(self.province, "โรงจอดรถ", acting_user=self.approver)
        area = self.checklist.sections.first().criteria.first().work_area
        with self.assertRaises(services.AssessmentError):
            fives.remove_work_area(area, acting_user=self.approver)
        self.login(self.approver)
        page = self.client.get(reverse("assessments:fives-checklist", args=[self.province.code]))
        self.assertContains(page, "ห้องเก็บเอกสาร")
        self.assertNotContains(page, reverse("assessments:fives-area-remove", args=[area.pk]))

    def test_only_the_office_managers_edit_it(self):
        with self.assertRaises(PermissionDenied):
            fives.add_work_area(self.province, "ห้องครัว", acting_user=self.provincial_officer)
        self.login(self.approver)
        url = reverse("assessments:fives-checklist", args=[self.province.code])
        response = self.client.post(url, {"name": "ห้องครัว"})
        self.assertRedirects(response, url)
        self.assertTrue(self.province.work_areas.filter(name="ห้องครัว").exists())
        self.assertTrue(Entry.objects.filter(action="assessments.work_area_added").exists())
        self.assertEqual(self.client.post(url, {"name": "  "}).status_code, 400)

    def test_another_office_checklist_is_not_offered_to_a_round(self):
        from saisaat.assessments.forms import RoundForm

        make_fives(self.district_a, ["ห้องทำงานอำเภอ"])
        offered = RoundForm(unit=self.province).fields["framework"].queryset
        self.assertIn(self.checklist, offered)
        self.assertFalse(offered.filter(unit=self.district_a).exists())


class QuarterRoundTests(FivesCase):
    def test_a_quarter_round_is_made_in_one_step(self):
        round_ = fives.create_quarter_round(
            self.province,
            fiscal_year=2566,
            quarter=2,
            assessors=[self.committee],
            acting_user=self.approver,
        )
        self.assertEqual((round_.opens_on, round_.closes_on), (date(2023, 1, 1), date(2023, 3, 31)))
        self.assertEqual(round_.framework, self.checklist)
        self.assertEqual(
            set(round_.assessed_units.all()), {self.province, self.district_a, self.district_b}
        )
        self.assertIn("ไตรมาสที่ 2", round_.title)
        with self.assertRaises(services.AssessmentError):
            fives.create_quarter_round(
                self.province, fiscal_year=2566, quarter=2, assessors=[self.committee]
            )

    def test_the_form_creates_it_and_refuses_a_bad_quarter(self):
        self.login(self.approver)
        url = reverse("assessments:fives-round-new", args=[self.province.code])
        bad = self.client.post(url, {"fiscal_year": "2566", "quarter": "5"})
        self.assertEqual(bad.status_code, 400)
        self.assertFalse(Round.objects.exists())
        good = self.client.post(
            url, {"fiscal_year": "2566", "quarter": "3", "assessors": [self.committee.pk]}
        )
        round_ = Round.objects.get()
        self.assertRedirects(good, round_.get_absolute_url())
        self.assertEqual(round_.quarter, 3)

    def test_the_aggregation_is_the_engine_weighted_mean_over_the_five_s(self):
        round_ = make_quarter_round(self.province, 1, [self.committee, self.second])
        criteria = services.criteria_of(self.checklist)
        score_all(round_, self.district_a, self.committee, 5)
        score_all(round_, self.district_a, self.second, 3)  # mean 4 of 5: 80
        score_all(round_, self.district_b, self.committee, 2)
        # One criterion of district B down to 0: (9 × 2 + 0) / (10 × 5) = 36
        services.record_score(
            round_, self.district_b, criteria[0], assessor=self.committee, points=0
        )
        results = services.results(round_)
        scores = {r.unit.code: r.score_display for r in results.ranking}
        self.assertEqual(scores[self.district_a.code], Decimal("80.00"))
        self.assertEqual(scores[self.district_b.code], Decimal("36.00"))
        self.assertEqual(scores[self.province.code], Decimal("0.00"))
        self.assertEqual(results.ranking[0].unit, self.district_a)
        self.assertEqual(results.ranking[1].section_display("ส1"), Decimal("20.00"))

    def test_the_scoring_page_groups_the_criteria_by_work_area(self):
        round_ = make_quarter_round(self.province, 1, [self.committee])
        self.login(self.committee)
        page = self.client.get(
            reverse("assessments:round-score", args=[round_.pk, self.district_a.code])
        )
        text = page.content.decode()
        self.assertLess(text.index("<h2>ห้องทำงาน</h2>"), text.index("<h2>ห้องประชุม</h2>"))
        self.assertEqual(text.count('type="file"'), 10)


class HiddenUntilPublishedTests(FivesCase):
    def test_the_trend_shows_a_quarter_only_once_published(self):
        round_ = make_quarter_round(self.province, 1, [self.committee])
        score_all(round_, self.district_a, self.committee, 4)
        services.close_round(round_)
        url = reverse("assessments:fives-trend", args=[self.province.code]) + "?year=2566"
        self.login(self.provincial_officer)
        self.assertNotContains(self.client.get(url), "80.00")
        memo = reverse("documents:memo-new", args=["fives"]) + f"?round={round_.pk}"
        self.assertEqual(self.client.get(memo).status_code, 404)
        self.login(self.approver)  # the managers check the closed round's results
        self.assertContains(self.client.get(url), "80.00")
        services.publish_round(round_)
        self.login(self.provincial_officer)
        self.assertContains(self.client.get(url), "80.00")

    def test_an_assessor_sees_no_other_score_through_the_actions_page(self):
        round_ = make_quarter_round(self.province, 1, [self.committee, self.second])
        score_all(round_, self.district_a, self.second, 1)
        self.login(self.committee)
        page = self.client.get(
            reverse("assessments:fives-actions", args=[round_.pk, self.district_a.code])
        )
        self.assertEqual(page.status_code, 200)
        # No weak criterion suggested from the other assessor's scores while it is open.
        self.assertNotRegex(page.content.decode(), r'<option value="\d+" selected>')
        services.close_round(round_)
        self.login(self.approver)
        page = self.client.get(
            reverse("assessments:fives-actions", args=[round_.pk, self.district_a.code])
        )
        self.assertRegex(page.content.decode(), r'<option value="\d+" selected>')


class CorrectiveActionTests(FivesCase):
    def test_an_open_action_is_carried_into_the_next_quarter_until_closed(self):
        first = make_quarter_round(self.province, 1, [self.committee])
        criterion = services.criteria_of(self.checklist)[2]
        self.login(self.committee)
        url = reverse("assessments:fives-actions", args=[first.pk, self.district_a.code])
        response = self.client.post(
            url,
            {
                "criterion": criterion.pk,
                "action": "จัดแฟ้มเอกสารเข้าตู้และติดป้าย",
                "responsible": "นายสมชาย ใจดี",
                "due_on": "31/12/2565",
            },
        )
        self.assertRedirects(response, url)
        action = CorrectiveAction.objects.get()
        self.assertEqual(action.due_on, date(2022, 12, 31))
        self.close_and_publish(first)

        second = make_quarter_round(self.province, 2, [self.committee])
        score_url = reverse("assessments:round-score", args=[second.pk, self.district_a.code])
        self.assertContains(self.client.get(score_url), "จัดแฟ้มเอกสารเข้าตู้และติดป้าย")
        other = reverse("assessments:round-score", args=[second.pk, self.district_b.code])
        self.assertNotContains(self.client.get(other), "จัดแฟ้มเอกสารเข้าตู้และติดป้าย")

        close = reverse("assessments:fives-action-close", args=[action.pk])
        self.assertEqual(self.client.post(close, {"outcome": "x"}).status_code, 403)
        self.login(self.district_a_head)  # the office corrected closes it
        self.client.post(close, {"outcome": "จัดเรียบร้อยแล้ว", "round": second.pk})
        action.refresh_from_db()
        self.assertFalse(action.is_open)
        self.assertEqual(action.closed_by, self.district_a_head)
        entry = Entry.objects.get(action="assessments.corrective_action_closed")
        self.assertEqual(entry.actor, self.district_a_head)
        self.login(self.committee)
        self.assertNotContains(self.client.get(score_url), "จัดแฟ้มเอกสารเข้าตู้และติดป้าย")
        with self.assertRaises(services.AssessmentError):
            fives.close_action(action)

    def test_who_is_not_on_the_round_records_no_action(self):
        round_ = make_quarter_round(self.province, 1, [self.committee])
        criterion = services.criteria_of(self.checklist)[0]
        with self.assertRaises(PermissionDenied):
            fives.record_action(
                round_,
                self.district_a,
                criterion,
                action="x",
                responsible="y",
                due_on=date(2023, 1, 1),
                acting_user=self.district_a_officer,
            )
        with self.assertRaises(services.AssessmentError):
            fives.record_action(
                round_,
                self.district_a,
                criterion,
                action=" ",
                responsible="y",
                due_on=date(2023, 1, 1),
                acting_user=self.committee,
            )


class TrendTests(FivesCase):
    def url(self):
        return reverse("assessments:fives-trend", args=[self.province.code]) + "?year=2566"

    def publish_quarter(self, quarter, points):
        round_ = make_quarter_round(self.province, quarter, [self.committee])
        for unit, value in zip(self.offices, points, strict=True):
            score_all(round_, unit, self.committee, value)
        self.close_and_publish(round_)
        return round_

    def test_it_tabulates_each_office_by_quarter_with_a_chart(self):
        self.publish_quarter(1, [5, 3, 2])
        self.publish_quarter(2, [5, 4, 3])
        self.login(self.provincial_officer)
        page = self.client.get(self.url())
        rows = re.findall(r'<tr class="trend-row">(.*?)</tr>', page.content.decode(), re.S)
        self.assertEqual(len(rows), 3)
        self.assertIn("60.00", rows[1])
        self.assertIn("80.00", rows[1])
        self.assertContains(page, 'class="quarter-bar"', count=2)
        # The mean of the offices: (100 + 60 + 40) / 3 in Q1, (100 + 80 + 60) / 3 in Q2.
        self.assertContains(page, "66.67")
        self.assertContains(page, ">80.00</text>")

    def test_the_shared_year_picker_and_the_year_remembered_in_the_session(self):
        self.login(self.provincial_officer)
        programme = reverse("assessments:fives-programme", args=[self.province.code])
        self.assertEqual(self.client.get(programme + "?year=2565").context["year"], 2565)
        trend = reverse("assessments:fives-trend", args=[self.province.code])
        page = self.client.get(trend)
        self.assertEqual(page.context["year"], 2565)
        self.assertContains(page, '<nav class="year-picker"')
        self.assertNotContains(page, "onchange=")

    def test_its_queries_do_not_grow_with_offices_or_quarters(self):
        self.publish_quarter(1, [5, 3, 2])
        self.login(self.provincial_officer)
        self.client.get(self.url())  # the session remembers the year once
        # Per request: session, user; the office; the rounds; per round shown, the results
        # (sections, criteria, offices, scores, assessors) and the round-manager check; the
        # plan years of the year picker.
        with self.assertNumQueries(11):
            self.client.get(self.url())
        extra = make_unit("4303", Unit.Kind.DISTRICT, "สำนักงานพัฒนาชุมชนอำเภอโพนพิสัย", self.province)
        self.offices.append(extra)
        round_ = make_quarter_round(self.province, 2, [self.committee])
        for unit in self.offices:
            score_all(round_, unit, self.committee, 4)
        self.close_and_publish(round_)
        with self.assertNumQueries(16):
            self.client.get(self.url())

    def test_without_a_year_the_pages_read_the_plan_years_once(self):
        self.login(self.provincial_officer)
        trend = reverse("assessments:fives-trend", args=[self.province.code])
        programme = reverse("assessments:fives-programme", args=[self.province.code])
        today = fiscal_year(timezone.localdate())  # no plan: the default is today's year
        # No year asked for nor chosen earlier: one read of the plan years gives both the
        # default year and the picker's years. Session, user, the user's office, the
        # office; the plan years; the rounds.
        with self.assertNumQueries(6):
            self.assertEqual(self.client.get(trend).context["year"], today)
        # Session, user, the user's office, the office; the plan years; the programme; the
        # environment activities.
        with self.assertNumQueries(7):
            self.assertEqual(self.client.get(programme).context["year"], today)


class CommandAndMemoTests(TrendTests):
    def test_the_command_prints_the_quarterly_scores(self):
        self.publish_quarter(1, [5, 3, 2])
        self.publish_quarter(2, [5, 4, 3])
        out = StringIO()
        call_command(
            "assessment_results", kind="5s", unit="43", year="2566", as_json=True, stdout=out
        )
        payload = json.loads(out.getvalue())
        self.assertEqual([q["quarter"] for q in payload["quarters"]], [1, 2])
        q2 = {o["unit"]: o["score"] for o in payload["quarters"][1]["offices"]}
        self.assertEqual(q2, {"43": 100.0, self.district_a.code: 80.0, self.district_b.code: 60.0})

    def test_the_memo_figures_are_the_results_page_figures(self):
        round_ = self.publish_quarter(1, [5, 3, 1])
        self.login(self.approver)
        results = self.client.get(reverse("assessments:round-results", args=[round_.pk]))
        page_scores = re.findall(
            r'<tr class="ranking-row">\s*<td>[^<]*</td>\s*<td>([^<]*)<.*?<td>([\d.]+)</td>',
            results.content.decode(),
            re.S,
        )
        self.assertEqual(len(page_scores), 3)
        memo = self.client.get(
            reverse("documents:memo-new", args=["fives"]) + f"?round={round_.pk}"
        )
        self.assertEqual(memo.status_code, 200)
        body = memo.context["form"].initial["body"]
        for name, score in page_scores:
            unit = Unit.objects.get(Q(name_th=name.strip()) | Q(short_name_th=name.strip()))
            self.assertIn(f"{unit.name_th} ได้ {score} คะแนน", body)
        self.assertIn("ไตรมาสที่ 1", memo.context["form"].initial["subject"])


class ProgrammeTests(FivesCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.members = [
            StaffMember.objects.create(
                unit=cls.province, first_name=first, last_name=last, position="นักวิชาการ"
            )
            for first, last in (("สมชาย", "ใจดี"), ("สมหญิง", "รักงาน"))
        ]
        cls.outsider = StaffMember.objects.create(
            unit=cls.district_a, first_name="สมศักดิ์", last_name="อำเภอ"
        )

    def url(self):
        return reverse("assessments:fives-programme", args=[self.province.code]) + "?year=2566"

    def test_the_managers_record_the_measures_and_the_working_group(self):
        self.login(self.approver)
        data = {
            "measures": "ทำความสะอาดใหญ่ทุกวันศุกร์สุดท้ายของเดือน",
            "working_group": [m.pk for m in self.members],
            "appointed_by": "คำสั่งที่ 12/2566",
        }
        self.assertRedirects(self.client.post(self.url(), data), self.url())
        programme = FivesProgramme.objects.get(unit=self.province, fiscal_year=2566)
        self.assertEqual(set(programme.working_group.all()), set(self.members))
        page = self.client.get(self.url())
        self.assertContains(page, "ทำความสะอาดใหญ่ทุกวันศุกร์สุดท้ายของเดือน")
        self.assertContains(page, "สมหญิง รักงาน")
        data["working_group"] = [self.members[0].pk]
        self.client.post(self.url(), data)
        self.assertEqual(list(programme.working_group.all()), [self.members[0]])
        self.assertTrue(Entry.objects.filter(action="assessments.fives_programme_changed").exists())
        # Staff of another office are not offered, and the service refuses them.
        data["working_group"] = [self.outsider.pk]
        self.assertEqual(self.client.post(self.url(), data).status_code, 400)
        with self.assertRaises(services.AssessmentError):
            fives.save_programme(self.province, 2566, measures="x", working_group=[self.outsider])

    def test_an_officer_reads_it_but_does_not_change_it(self):
        self.login(self.provincial_officer)
        self.assertEqual(self.client.get(self.url()).status_code, 200)
        self.assertEqual(self.client.post(self.url(), {"measures": "x"}).status_code, 403)

    def test_the_environment_topics_come_from_the_participation_records(self):
        from saisaat.participation.models import EnvironmentActivity, EnvironmentTopic

        for topic, day in (
            (EnvironmentTopic.FIVE_S, date(2022, 11, 1)),
            (EnvironmentTopic.FIVE_S, date(2023, 2, 1)),
            (EnvironmentTopic.NO_FOAM, date(2023, 2, 2)),
        ):
            EnvironmentActivity.objects.create(
                unit=self.province,
                fiscal_year=2566,
                topic=topic,
                title="กิจกรรม",
                held_on=day,
                created_by=self.approver,
            )
        topics = fives.environment_by_topic(self.province, 2566)
        self.assertEqual(
            [(t, counts) for t, _label, counts in topics],
            [("five_s", [1, 1, 0, 0]), ("no_foam", [0, 1, 0, 0])],
        )

    def test_the_programme_and_the_published_results_can_be_linked_as_evidence(self):
        from saisaat.assessments.evidence_fives import FIVES_PROGRAMME, FIVES_RESULTS
        from saisaat.plans import evidence

        programme = fives.save_programme(
            self.province, 2566, measures="ลดการใช้กระดาษ", working_group=self.members
        )
        round_ = make_quarter_round(self.province, 1, [self.committee])
        score_all(round_, self.district_a, self.committee, 4)
        services.close_round(round_)
        self.assertEqual(evidence.source(FIVES_RESULTS).candidates(self.district_a, 2566), [])
        services.publish_round(round_)
        self.assertEqual(
            evidence.source(FIVES_RESULTS).candidates(self.district_a, 2566),
            [(str(round_.pk), round_.title)],
        )
        self.assertEqual(
            [key for key, _ in evidence.source(FIVES_PROGRAMME).candidates(self.province, 2566)],
            [str(programme.pk)],
        )
        self.assertEqual(evidence.source(FIVES_PROGRAMME).candidates(self.district_a, 2566), [])
        for kind, record, expected in (
            (FIVES_PROGRAMME, programme, "ลดการใช้กระดาษ"),
            (FIVES_RESULTS, round_, f"{self.district_a.name_th} 80.00"),
        ):
            snapshot = evidence.source(kind).snapshot(record, date(2023, 2, 1))
            self.assertIn(expected, pdf_text(snapshot.content))


def pdf_text(content: bytes) -> str:
    import subprocess

    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


class MemoTieTests(TrendTests):
    def test_the_memo_gives_the_tie_break_rule_when_scores_are_equal(self):
        tied = self.publish_quarter(1, [5, 3, 3])
        self.login(self.approver)
        url = reverse("documents:memo-new", args=["fives"])
        body = self.client.get(url + f"?round={tied.pk}").context["form"].initial["body"]
        self.assertIn(f"หมายเหตุ {self.checklist.tie_break}", body)
        apart = self.publish_quarter(2, [5, 4, 3])
        body = self.client.get(url + f"?round={apart.pk}").context["form"].initial["body"]
        self.assertNotIn(self.checklist.tie_break, body)


class ActionsAsOfTheRoundTests(FivesCase):
    """What a round counts as still open is as it stood at the round: closing an action
    later changes neither its published pages nor its memo."""

    def record(self, round_, unit, text="จัดแฟ้มเอกสารเข้าตู้"):
        return fives.record_action(
            round_,
            unit,
            services.criteria_of(self.checklist)[0],
            action=text,
            responsible="นายสมชาย ใจดี",
            due_on=date(2023, 1, 31),
            acting_user=self.committee,
        )

    def open_counts(self, round_):
        page = self.client.get(reverse("assessments:round-results", args=[round_.pk]))
        self.assertEqual(page.status_code, 200)
        return re.findall(r'<td class="open-actions">(\d+)</td>', page.content.decode())

    def memo_body(self, round_):
        memo = self.client.get(
            reverse("documents:memo-new", args=["fives"]) + f"?round={round_.pk}"
        )
        self.assertEqual(memo.status_code, 200)
        return memo.context["form"].initial["body"]

    def test_a_published_round_keeps_its_count_when_an_action_closes_later(self):
        first = make_quarter_round(self.province, 1, [self.committee])
        action = self.record(first, self.district_a)
        for unit in self.offices:
            score_all(first, unit, self.committee, 3)
        self.close_and_publish(first)
        second = make_quarter_round(self.province, 2, [self.committee])
        for unit in self.offices:
            score_all(second, unit, self.committee, 4)
        self.close_and_publish(second)
        self.login(self.approver)
        before = (self.open_counts(second), self.memo_body(second))
        self.assertEqual(sorted(before[0]), ["0", "0", "1"])
        self.assertIn("ค้างอยู่ 1 รายการ", before[1])
        self.assertEqual(list(fives.carried_actions(second, self.district_a)), [action])

        fives.close_action(action, outcome="เรียบร้อย")
        self.assertEqual((self.open_counts(second), self.memo_body(second)), before)
        self.assertEqual(list(fives.carried_actions(second, self.district_a)), [action])
        # A round still to come no longer carries it.
        third = make_quarter_round(self.province, 3, [self.committee])
        self.assertEqual(list(fives.carried_actions(third, self.district_a)), [])

    def test_no_action_is_added_to_a_published_round(self):
        round_ = make_quarter_round(self.province, 1, [self.committee])
        self.close_and_publish(round_)
        self.login(self.approver)
        url = reverse("assessments:fives-actions", args=[round_.pk, self.district_a.code])
        self.assertNotContains(self.client.get(url), 'name="responsible"')
        response = self.client.post(
            url,
            {
                "criterion": services.criteria_of(self.checklist)[0].pk,
                "action": "จัดแฟ้ม",
                "responsible": "นายสมชาย",
                "due_on": "31/12/2565",
            },
        )
        self.assertContains(response, "ประกาศผลแล้ว", status_code=400)
        self.assertFalse(CorrectiveAction.objects.exists())


class ChecklistAuditTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    def test_the_checklist_made_by_a_managers_first_area_is_audited_as_theirs(self):
        fives.add_work_area(self.district_a, "ห้องทำงาน", acting_user=self.district_a_head)
        entry = Entry.objects.get(action="assessments.checklist_created")
        self.assertEqual(entry.actor, self.district_a_head)
