"""Targets judged per implementing office, within the activity's period, and every
metric's number agreeing with the list behind it."""

import json
from datetime import date, datetime
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from saisaat.complaints.models import Channel
from saisaat.indicators import drilldown
from saisaat.indicators.binding import bind_plan_targets
from saisaat.indicators.engine import FULL, NONE, PARTIAL, evaluate
from saisaat.indicators.metrics import METRICS
from saisaat.knowledge.models import Attempt
from saisaat.knowledge.models import Test as KnowledgeTest
from saisaat.orgs.models import StaffMember, Unit
from saisaat.participation.models import (
    Attendance,
    Certificate,
    Course,
    EnvironmentActivity,
    InnovationMeasurement,
    InnovationProject,
    JointActivity,
    MoralGoal,
    OfficeActivity,
    Partner,
    PartnerType,
    PublicationChannel,
)
from saisaat.testing.base import PersonaTestCase, make_unit
from saisaat.tracking.models import Assignment, EvidenceItem


def aware(*args):
    return timezone.make_aware(datetime(*args))


class PerOfficeTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bind_plan_targets(cls.plan)

    def result(self, metric, unit=None, **kwargs):
        unit = unit or self.province
        kwargs.setdefault("rolled_up", True)
        return next(
            r for r in evaluate(self.plan, unit, **kwargs) if r.metric and r.metric.key == metric
        )

    def project(self, unit, started_on=date(2023, 1, 10)):
        return InnovationProject.objects.create(
            unit=unit, fiscal_year=2566, title=f"นวัตกรรม {unit.code}", started_on=started_on
        )

    def activity(self, unit, virtues, held_on=date(2023, 2, 1)):
        return OfficeActivity.objects.create(
            unit=unit,
            fiscal_year=2566,
            title=f"กิจกรรม {unit.code} {held_on}",
            held_on=held_on,
            virtues=virtues,
            is_moral_organisation=True,
            created_by=self.administrator,
        )

    def test_a_district_office_without_a_project_leaves_the_province_not_met(self):
        # 5.1.1: at least one innovation project, by the provincial and every district office.
        self.project(self.province)
        self.project(self.district_a)
        result = self.result("innovation_projects")
        self.assertEqual(result.value.value, 2)
        self.assertEqual((result.offices_met, len(result.offices)), (2, 3))
        self.assertEqual([o.office for o in result.offices_missing], [self.district_b])
        self.assertEqual(result.grade, NONE)
        self.assertFalse(result.met)
        self.project(self.district_b)
        self.assertTrue(self.result("innovation_projects").met)

    def test_an_office_is_judged_on_its_own_records_not_its_neighbours(self):
        self.project(self.district_a)
        self.project(self.district_a)
        own = self.result("innovation_projects", unit=self.district_b, rolled_up=False)
        self.assertEqual((own.value.value, own.grade), (0, NONE))
        # The other province's offices are never in the province's count.
        self.project(self.other_district)
        rolled = self.result("innovation_projects")
        self.assertEqual(
            {o.office for o in rolled.offices}, {self.province, self.district_a, self.district_b}
        )

    def test_work_after_the_activity_period_is_met_late(self):
        # 5.1.1 is due ม.ค.–ก.พ. ๖๖.
        for unit in (self.province, self.district_a, self.district_b):
            self.project(
                unit, started_on=date(2023, 1, 10) if unit != self.district_b else date(2023, 5, 2)
            )
        result = self.result("innovation_projects")
        self.assertFalse(result.met)
        self.assertTrue(result.met_late)
        self.assertEqual(result.status, "met_late")
        self.assertEqual(result.window_end, date(2023, 2, 28))
        late = next(o for o in result.offices if o.office == self.district_b)
        self.assertEqual((late.met, late.met_late), (False, True))
        # As on 1 April nothing had been done since: not met, not late either.
        before = self.result("innovation_projects", as_of=date(2023, 4, 1))
        self.assertEqual(before.status, "not_met")
        # Counted over the whole fiscal year, the late project meets the target.
        year = self.result("innovation_projects", window="year")
        self.assertTrue(year.met)
        self.assertEqual(year.window_end, date(2023, 9, 30))

    def test_four_activities_of_one_virtue_are_one_virtue(self):
        # 4.3.1: at least four activities from the five target virtues.
        for day in (1, 2, 3, 4):
            self.activity(self.province, ["discipline"], held_on=date(2023, 2, day))
        own = self.result("moral_activity_virtues", rolled_up=False)
        self.assertEqual((own.value.value, own.grade), (1, NONE))
        self.activity(self.province, ["integrity", "gratitude"])
        self.activity(self.province, ["volunteering"])
        own = self.result("moral_activity_virtues", rolled_up=False)
        self.assertEqual((own.value.value, own.grade), (4, FULL))
        listed = drilldown.records(own.metric, own.scope, own.parameters)["counted"]
        self.assertEqual(
            {c.key for c in listed}, {"discipline", "integrity", "gratitude", "volunteering"}
        )
        self.assertEqual(len(next(c for c in listed if c.key == "discipline").records), 4)

    def test_adopted_goals_count_the_virtues_they_cover(self):
        author = StaffMember.objects.create(unit=self.province, first_name="ก", last_name="ข")
        for n in range(4):
            MoralGoal.objects.create(
                unit=self.province,
                fiscal_year=2566,
                kind="problem",
                virtue="discipline",
                text=f"เรื่อง {n}",
                proposed_by=author,
                adopted_at=aware(2023, 2, 1, 10),
            )
        result = self.result("adopted_goal_virtues", rolled_up=False)
        self.assertEqual((result.value.value, result.grade), (1, NONE))

    def test_complaint_channels_need_offline_and_online_as_on_the_date(self):
        offline = ("phone", "letter", "walk_in", "box")
        for position, medium in enumerate(offline):
            Channel.objects.create(
                unit=self.province, medium=medium, kind="offline", name=medium, position=position
            )
        Channel.objects.update(created_at=aware(2022, 11, 1, 9))
        result = self.result("complaint_channels", rolled_up=False)
        self.assertEqual(result.value.value, 4)
        self.assertEqual(result.grade, PARTIAL)
        self.assertTrue(result.value.missing)
        email = Channel.objects.create(
            unit=self.province, medium="email", kind="online", name="อีเมล"
        )
        Channel.objects.filter(pk=email.pk).update(created_at=aware(2023, 1, 15, 9))
        self.assertEqual(self.result("complaint_channels", rolled_up=False).grade, FULL)
        # As on 10 January the e-mail channel did not exist yet.
        past = self.result("complaint_channels", rolled_up=False, as_of=date(2023, 1, 10))
        self.assertEqual((past.value.value, past.grade), (4, PARTIAL))

    def test_every_month_needs_its_own_evidence(self):
        # 1.2.3 (ม.ค.–มิ.ย. ๖๖): "รายงานในที่ประชุมประจำเดือนทุกเดือน".
        result = self.result("months_with_evidence", rolled_up=False)
        assignment = Assignment.objects.get(unit=self.province, activity=result.target.activity)
        for month in (1, 2, 3, 4, 5):
            EvidenceItem.objects.create(
                assignment=assignment,
                kind="note",
                note=f"รายงานเดือน {month}",
                effective_date=date(2023, month, 20),
                uploaded_by=self.administrator,
            )
        result = self.result("months_with_evidence", rolled_up=False)
        self.assertEqual((result.value.value, result.grade), (0, NONE))
        listed = drilldown.records(result.metric, result.scope, result.parameters)["counted"]
        self.assertEqual([len(c.records) for c in listed], [1, 1, 1, 1, 1, 0])
        EvidenceItem.objects.create(
            assignment=assignment,
            kind="note",
            note="รายงานเดือน ๖",
            effective_date=date(2023, 6, 20),
            uploaded_by=self.administrator,
        )
        result = self.result("months_with_evidence", rolled_up=False)
        self.assertEqual((result.value.value, result.grade), (1, FULL))

    def test_the_command_gives_offices_window_and_met(self):
        self.project(self.province)
        self.project(self.district_a)
        out = StringIO()
        call_command("indicators", unit="43", year="2566", as_json=True, stdout=out)
        data = json.loads(out.getvalue())
        innovation = next(
            i
            for i in data["indicators"]
            if i["metric"] == "innovation_projects" and not i["parameters"]
        )
        self.assertEqual((innovation["offices_met"], innovation["offices_total"]), (2, 3))
        self.assertIs(innovation["met"], False)
        self.assertEqual(
            (innovation["window_start"], innovation["window_end"]), ("2022-10-01", "2023-02-28")
        )
        self.assertEqual(
            [(o["unit"], o["met"]) for o in innovation["offices"]],
            [("43", True), ("4301", True), ("4302", False)],
        )
        for indicator in data["indicators"]:
            self.assertIsInstance(indicator["met"], bool)
        out = StringIO()
        call_command(
            "indicators", unit="43", year="2566", as_json=True, own_office=True, stdout=out
        )
        own = json.loads(out.getvalue())["indicators"]
        self.assertTrue(all(i["offices_total"] is None for i in own))
        out = StringIO()
        call_command("indicators", unit="43", year="2566", as_json=True, window="year", stdout=out)
        year = json.loads(out.getvalue())
        self.assertEqual(year["window"], "year")
        self.assertTrue(all(i["window_end"] == "2023-09-30" for i in year["indicators"]))

    def test_the_page_lists_the_offices_that_miss_with_queries_fixed_by_the_plan(self):
        url = reverse("indicators:unit", args=["43"]) + "?year=2566"
        self.client.force_login(self.approver)
        self.project(self.province)
        response = self.client.get(url)
        innovation = next(
            r
            for r in response.context["results"]
            if r.metric and r.metric.key == "innovation_projects" and not r.parameters
        )
        self.assertEqual(
            [o.office for o in innovation.offices_missing], [self.district_a, self.district_b]
        )
        self.assertContains(response, "office=4302")
        # The 2/1/0 points and the partial threshold are the office's rule, and say so.
        self.assertContains(response, 'id="office-rules"')
        baseline = self._count(url)
        for n in range(5):
            district = make_unit(f"43{50 + n}", Unit.Kind.DISTRICT, f"อำเภอ {n}", self.province)
            self.project(district)
            StaffMember.objects.create(unit=district, first_name=f"ก{n}", last_name="ข")
        # The same queries with eight district offices as with two: every metric measures
        # all offices at once (the names of the offices are one query).
        with self.assertNumQueries(baseline):
            response = self.client.get(url)
        innovation = next(
            r
            for r in response.context["results"]
            if r.metric and r.metric.key == "innovation_projects" and not r.parameters
        )
        self.assertEqual(len(innovation.offices), 8)
        self.assertEqual(self.client.get(url + "&window=year").status_code, 200)

    def _count(self, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            self.client.get(url)
        return len(queries)


class MetricListAgreementTests(PersonaTestCase):
    """For every metric and every office, the number equals the list behind it."""

    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bind_plan_targets(cls.plan)
        course = Course.objects.get(code="nacc-e-learning")
        types = list(PartnerType.objects.order_by("position")[:3])
        for n, unit in enumerate((cls.province, cls.district_a, cls.district_b)):
            staff = [
                StaffMember.objects.create(unit=unit, first_name=f"{unit.code}-{i}", last_name="ค")
                for i in range(3 + n)
            ]
            for person in staff[: n + 1]:
                Certificate.objects.create(staff=person, course=course, issued_on=date(2023, 2, 1))
            knowledge_test = KnowledgeTest.objects.create(
                unit=unit,
                title="แบบทดสอบ",
                fiscal_year=2566,
                kind="post",
                question_count=1,
                opens_on=date(2023, 3, 1),
                closes_on=date(2023, 3, 31),
            )
            for person in staff[: n + 1]:
                Attempt.objects.create(
                    test=knowledge_test,
                    staff=person,
                    user=cls.administrator,
                    question_ids=[],
                    passed=True,
                    submitted_at=aware(2023, 3, 2, 10),
                )
            for i in range(n + 1):
                activity = OfficeActivity.objects.create(
                    unit=unit,
                    fiscal_year=2566,
                    title=f"กิจกรรม {i}",
                    held_on=date(2023, 2, 1 + i),
                    virtues=[["discipline"], ["discipline", "integrity"], ["gratitude"]][i],
                    is_moral_organisation=True,
                    is_osmkh_workshop=i == 0,
                    created_by=cls.administrator,
                )
                Attendance.objects.create(activity=activity, staff=staff[i], method="list")
                MoralGoal.objects.create(
                    unit=unit,
                    fiscal_year=2566,
                    kind="problem",
                    virtue=["discipline", "integrity", "discipline"][i],
                    text=f"เป้าหมาย {i}",
                    proposed_by=staff[0],
                    adopted_at=aware(2023, 2, 1, 10),
                )
            for i in range(n):
                project = InnovationProject.objects.create(
                    unit=unit, fiscal_year=2566, title=f"นวัตกรรม {i}", started_on=date(2023, 1, 5)
                )
                InnovationMeasurement.objects.create(
                    project=project, metric="เวลา", before=Decimal(10), after=Decimal(5)
                )
                partner = Partner.objects.create(unit=unit, name=f"ภาคี {i}", partner_type=types[i])
                joint = JointActivity.objects.create(
                    unit=unit, fiscal_year=2566, title="ร่วมกัน", held_on=date(2023, 3, 1)
                )
                joint.partners.set([partner])
            for i, medium in enumerate(["phone", "email", "box"][: n + 1]):
                Channel.objects.create(
                    unit=unit,
                    medium=medium,
                    kind="online" if medium == "email" else "offline",
                    name=medium,
                    position=i,
                )
            for i in range(n + 1):
                EnvironmentActivity.objects.create(
                    unit=unit,
                    fiscal_year=2566,
                    topic=["waste", "no_foam", "five_s"][i],
                    title=f"สิ่งแวดล้อม {i}",
                    held_on=date(2023, 1 + 3 * i, 15),
                    created_by=cls.administrator,
                )
                PublicationChannel.objects.create(
                    unit=unit,
                    medium=["facebook", "board", "line"][i],
                    name=f"ช่องทาง {i}",
                    opened_on=date(2023, 1, 5 + i),
                    created_by=cls.administrator,
                )
            for assignment in Assignment.objects.filter(unit=unit):
                for i in range(n):
                    EvidenceItem.objects.create(
                        assignment=assignment,
                        kind="note",
                        note=f"หลักฐาน {i}",
                        effective_date=date(2023, 1 + 3 * i, 15),
                        uploaded_by=cls.administrator,
                    )
        Channel.objects.update(created_at=aware(2022, 11, 1, 9))

    def test_every_metric_gives_its_number_from_the_list_behind_it(self):
        self.assertEqual(
            set(METRICS) - {r.metric.key for r in evaluate(self.plan, self.province) if r.metric},
            # Bound by an administrator only; evidence_items is the rule of last resort,
            # which no target of this plan needs since its counts read the office's records.
            # knowledge_test_passed is a project's KPI (indicators.project), no plan target;
            # osmkh_workshop_attendance feeds the OSMKH evaluation (assessments), no target.
            {
                "adopted_moral_goals",
                "moral_activities",
                "evidence_items",
                "knowledge_test_passed",
                "osmkh_workshop_attendance",
            },
        )
        with_evidence = Assignment.objects.filter(unit=self.district_b).first().activity_id
        results = {
            r.metric.key: r
            for r in evaluate(self.plan, self.province, rolled_up=True, window="year")
            if r.metric
        }
        nonzero = set()
        for key, metric in METRICS.items():
            result = results.get(key) or next(iter(results.values()))
            scope = result.scope.narrowed(
                unit_ids=(self.province.pk, self.district_a.pk, self.district_b.pk)
            )
            parameters = result.parameters if key in results else {"activity_id": with_evidence}
            measured = metric.measure(scope, **parameters)
            for office_id in scope.unit_ids:
                with self.subTest(metric=key, office=office_id):
                    listed = drilldown.records(metric, scope, parameters, office_id=office_id)
                    value = measured.offices[office_id]
                    if metric.kind == "percent":
                        self.assertEqual(value.numerator, len(listed["done"]))
                        self.assertEqual(
                            value.denominator, len(listed["done"]) + len(listed["pending"])
                        )
                    elif metric.per_key:
                        counts = [len(c.records) for c in listed["counted"]]
                        self.assertEqual(value.value, min(counts, default=0))
                    else:
                        self.assertEqual(value.value, len(listed["counted"]))
                    if value.value:
                        nonzero.add(key)
        # Every metric found something somewhere, so the agreement was not between zeros.
        self.assertEqual(
            nonzero,
            set(METRICS)
            - {"declaration_acknowledged", "moral_goal_participation", "months_with_evidence"},
        )

    def test_the_drill_down_page_lists_as_many_as_the_office_figure(self):
        self.client.force_login(self.approver)
        for result in evaluate(self.plan, self.province, rolled_up=True):
            if result.metric is None:
                continue
            for office in result.offices:
                with self.subTest(target=result.target.pk, office=office.office.code):
                    url = reverse("indicators:target", args=["43", result.target.pk])
                    response = self.client.get(f"{url}?year=2566&office={office.office.code}")
                    if result.metric.kind == "percent":
                        self.assertEqual(len(response.context["done"]), office.value.numerator)
                    elif result.metric.per_key:
                        counts = [len(c.records) for c in response.context["counted"]]
                        self.assertEqual(office.value.value, min(counts, default=0))
                    else:
                        self.assertEqual(len(response.context["counted"]), office.value.value)
