"""Workplace-environment activities and publication channels: the pages, the services,
the indicators that count them (2.1.4, 2.2.1, 3.2.3) and the evidence they file."""

import hashlib
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from django.urls import reverse

from saisaat.indicators.binding import bind_plan_targets
from saisaat.indicators.engine import FULL, NONE, PARTIAL, evaluate
from saisaat.participation.models import EnvironmentActivity, PublicationChannel
from saisaat.participation.services import workplace as services
from saisaat.plans import evidence
from saisaat.plans.models import Activity
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.models import Assignment


def plan_activity(plan, dimension, measure, position) -> Activity:
    return Activity.objects.get(
        measure__dimension__plan=plan,
        measure__dimension__number=dimension,
        measure__number=measure,
        position=position,
    )


def pdf_text(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "record.pdf"
        path.write_bytes(content)
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        )
    return " ".join(out.stdout.decode("utf-8").split())


class WorkplaceTestCase(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bind_plan_targets(cls.plan)
        cls.five_s = plan_activity(cls.plan, 2, 1, 4)  # ไตรมาสละ ๑ ครั้ง
        cls.topics = plan_activity(cls.plan, 2, 2, 1)  # อย่างน้อย ๒ เรื่อง
        cls.channels = plan_activity(cls.plan, 3, 2, 3)  # อย่างน้อย ๑ ช่องทาง

    def held(self, unit, topic, day, **extra):
        return services.create_environment_activity(
            unit,
            topic=topic,
            title=f"{topic} {day}",
            held_on=day,
            acting_user=self.approver,
            **extra,
        )

    def result(self, metric, unit=None, **kwargs):
        unit = unit or self.province
        return next(
            r for r in evaluate(self.plan, unit, **kwargs) if r.metric and r.metric.key == metric
        )


class WorkplaceViewTests(WorkplaceTestCase):
    def setUp(self):
        self.login(self.approver)

    def test_it_records_an_activity_typed_with_a_buddhist_era_date(self):
        response = self.client.post(
            reverse("participation:environment-add", args=["43"]) + "?year=2566",
            {
                "topic": "waste",
                "title": "คัดแยกขยะในสำนักงาน",
                "held_on": "15/03/2566",
                "participants": "24",
                "plan_activity": self.topics.pk,
            },
        )
        self.assertRedirects(
            response, reverse("participation:environment-list", args=["43"]) + "?year=2566"
        )
        activity = EnvironmentActivity.objects.get()
        self.assertEqual(
            (activity.unit, activity.held_on, activity.fiscal_year, activity.participants),
            (self.province, date(2023, 3, 15), 2566, 24),
        )
        listing = self.client.get(response["Location"])
        self.assertContains(listing, "คัดแยกขยะในสำนักงาน")
        self.assertContains(listing, "15 มี.ค. 2566")

    def test_it_refuses_bad_input_with_a_thai_message(self):
        url = reverse("participation:environment-add", args=["43"])
        response = self.client.post(url, {"topic": "waste", "title": " ", "held_on": "31/02/2566"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(EnvironmentActivity.objects.exists())
        # A plan activity of another dimension cannot be linked.
        response = self.client.post(
            url,
            {
                "topic": "waste",
                "title": "ขยะ",
                "held_on": "15/03/2566",
                "plan_activity": self.channels.pk,
            },
        )
        self.assertEqual(response.status_code, 400)
        response = self.client.post(
            reverse("participation:channel-add", args=["43"]),
            {
                "medium": "facebook",
                "name": "เพจ",
                "opened_on": "10/02/2566",
                "closed_on": "1/1/2566",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(PublicationChannel.objects.exists())

    def test_it_edits_and_removes_an_activity(self):
        activity = self.held(self.province, "five_s", date(2023, 1, 20))
        url = reverse("participation:environment-edit", args=[activity.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        self.client.post(url, {"topic": "no_foam", "title": "งดโฟม", "held_on": "20/01/2566"})
        activity.refresh_from_db()
        self.assertEqual((activity.topic, activity.title), ("no_foam", "งดโฟม"))
        self.client.post(reverse("participation:environment-delete", args=[activity.pk]))
        self.assertFalse(EnvironmentActivity.objects.exists())

    def test_it_records_edits_and_removes_a_channel(self):
        self.client.post(
            reverse("participation:channel-add", args=["43"]),
            {
                "medium": "facebook",
                "name": "เพจ พช.หนองคาย",
                "url": "https://facebook.com/cdd.nongkhai",
                "opened_on": "10/01/2566",
                "plan_activity": self.channels.pk,
            },
        )
        channel = PublicationChannel.objects.get()
        self.assertEqual(
            (channel.opened_on, channel.plan_activity), (date(2023, 1, 10), self.channels)
        )
        self.assertContains(
            self.client.get(reverse("participation:channel-list", args=["43"])), "เพจ พช.หนองคาย"
        )
        self.client.post(
            reverse("participation:channel-edit", args=[channel.pk]),
            {
                "medium": "facebook",
                "name": "เพจ",
                "opened_on": "10/01/2566",
                "closed_on": "30/06/2566",
            },
        )
        channel.refresh_from_db()
        self.assertEqual(channel.closed_on, date(2023, 6, 30))
        self.client.post(reverse("participation:channel-delete", args=[channel.pk]))
        self.assertFalse(PublicationChannel.objects.exists())

    def test_a_district_sees_only_its_own_records(self):
        activity = self.held(self.district_a, "five_s", date(2023, 1, 20))
        self.login(self.district_b_officer)
        url = reverse("participation:environment-edit", args=[activity.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        listing = reverse("participation:environment-list", args=["4301"])
        self.assertEqual(self.client.get(listing).status_code, 404)
        self.login(self.district_a_officer)
        self.assertContains(self.client.get(listing), activity.title)
        # An officer reads; only the office's managers change.
        self.assertEqual(self.client.get(url).status_code, 403)


class WorkplaceIndicatorTests(WorkplaceTestCase):
    def test_five_s_once_a_quarter_is_judged_quarter_by_quarter(self):
        # 2.1.4 runs ม.ค.–ก.ย. ๖๖: quarters 2, 3 and 4 each need an activity.
        self.held(self.province, "five_s", date(2023, 1, 20))
        self.held(self.province, "five_s", date(2023, 2, 20))
        self.held(self.province, "waste", date(2023, 5, 5))
        own = self.result("environment_activities_by_quarter", rolled_up=False)
        self.assertEqual(own.target.activity, self.five_s)
        self.assertEqual((own.value.value, own.grade), (0, NONE))
        listed = own.metric.records(own.scope, **own.parameters)["counted"]
        self.assertEqual([(c.key, len(c.records)) for c in listed], [(2, 2), (3, 1), (4, 0)])
        self.held(self.province, "five_s", date(2023, 8, 1))
        own = self.result("environment_activities_by_quarter", rolled_up=False)
        self.assertEqual((own.value.value, own.grade), (1, FULL))
        # As on 30 June the fourth quarter had not begun: two quarters, both done.
        past = self.result(
            "environment_activities_by_quarter", rolled_up=False, as_of=date(2023, 6, 30)
        )
        self.assertEqual(past.grade, FULL)

    def test_two_topics_must_be_waste_sorting_and_no_foam(self):
        # 2.2.1 (ม.ค.–เม.ย. ๖๖): "อย่างน้อย ๒ เรื่อง ประกอบด้วย การลดและคัดแยกขยะ ... และ No foam".
        self.held(self.province, "waste", date(2023, 1, 20))
        self.held(self.province, "waste", date(2023, 2, 20))
        own = self.result("environment_topics", rolled_up=False)
        self.assertEqual(own.target.activity, self.topics)
        self.assertEqual((own.value.value, own.grade), (1, PARTIAL))
        self.held(self.province, "five_s", date(2023, 3, 1))
        own = self.result("environment_topics", rolled_up=False)
        self.assertEqual(own.value.value, 2)
        self.assertEqual(own.grade, PARTIAL)
        self.assertIn("โฟม", own.value.missing)
        # After the period it only counts as late.
        self.held(self.province, "no_foam", date(2023, 6, 1))
        own = self.result("environment_topics", rolled_up=False)
        self.assertEqual(own.status, "met_late")
        self.held(self.province, "no_foam", date(2023, 4, 1))
        self.assertEqual(self.result("environment_topics", rolled_up=False).grade, FULL)

    def test_each_office_is_judged_on_its_own_channels_open_on_the_day(self):
        # 3.2.3 (ม.ค.–ก.พ. ๖๖): at least one channel, every office.
        for unit in (self.province, self.district_a):
            services.create_channel(
                unit,
                medium="facebook",
                name=f"เพจ {unit.code}",
                opened_on=date(2023, 1, 5),
                acting_user=self.approver,
            )
        services.create_channel(
            self.district_b,
            medium="board",
            name="บอร์ด",
            opened_on=date(2022, 10, 1),
            closed_on=date(2023, 1, 31),
            acting_user=self.approver,
        )
        rolled = self.result("publication_channels", rolled_up=True)
        self.assertEqual(rolled.target.activity, self.channels)
        self.assertEqual([o.office for o in rolled.offices_missing], [self.district_b])
        self.assertEqual(rolled.grade, NONE)
        # As on 15 January the notice board was still up.
        early = self.result("publication_channels", rolled_up=True, as_of=date(2023, 1, 15))
        self.assertEqual(early.grade, FULL)


class WorkplaceEvidenceTests(WorkplaceTestCase):
    def test_both_kinds_are_evidence_sources(self):
        kinds = {source.kind for source in evidence.sources()}
        self.assertLessEqual({"environment-activity", "publication-channel"}, kinds)

    def test_an_activity_files_a_dated_pdf_on_the_offices_assignment(self):
        activity = self.held(
            self.district_a,
            "waste",
            date(2023, 2, 14),
            plan_activity=self.topics,
            participants=12,
            summary="แยกขวดพลาสติกและกระดาษ",
        )
        item = services.attach_environment_activity(activity, acting_user=self.district_a_officer)
        self.assertEqual(
            item.assignment, Assignment.objects.get(unit=self.district_a, activity=self.topics)
        )
        self.assertEqual(item.effective_date, date(2023, 2, 14))
        with item.file.open("rb") as stored:
            content = stored.read()
        self.assertEqual(item.sha256, hashlib.sha256(content).hexdigest())
        self.assertTrue(content.startswith(b"%PDF-"))
        if shutil.which("pdftotext") is None:
            self.skipTest("pdftotext is not installed: the PDF's text is not read")
        text = pdf_text(content)
        self.assertIn("แยกขวดพลาสติกและกระดาษ", text)
        self.assertIn("ลดและคัดแยกขยะ", text)

    def test_a_record_linked_to_no_activity_is_refused(self):
        channel = services.create_channel(
            self.province,
            medium="website",
            name="เว็บไซต์",
            opened_on=date(2023, 1, 5),
            acting_user=self.approver,
        )
        self.login(self.approver)
        response = self.client.post(
            reverse("participation:channel-attach", args=[channel.pk]), follow=True
        )
        self.assertContains(response, "ไม่ได้เชื่อมกับกิจกรรม")
        channel.plan_activity = self.channels
        channel.save()
        response = self.client.post(reverse("participation:channel-attach", args=[channel.pk]))
        assignment = Assignment.objects.get(unit=self.province, activity=self.channels)
        self.assertRedirects(response, assignment.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(assignment.evidence.get().title, "ช่องทางเผยแพร่: เว็บไซต์")


class WorkplaceQueryCountTests(WorkplaceTestCase):
    def count(self, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def test_the_lists_keep_their_queries_as_records_grow(self):
        self.login(self.approver)
        activities = reverse("participation:environment-list", args=["43"]) + "?year=2566"
        channels = reverse("participation:channel-list", args=["43"])
        # The first visit with ?year= remembers the year in the session (a session write).
        self.client.get(activities)
        self.held(self.province, "five_s", date(2023, 1, 20), plan_activity=self.five_s)
        services.create_channel(
            self.province,
            medium="website",
            name="เว็บไซต์",
            opened_on=date(2023, 1, 5),
            plan_activity=self.channels,
            acting_user=self.approver,
        )
        baseline = (self.count(activities), self.count(channels))
        for n in range(5):
            self.held(self.province, "waste", date(2023, 2, 1 + n), plan_activity=self.topics)
            services.create_channel(
                self.province,
                medium="line",
                name=f"ไลน์ {n}",
                opened_on=date(2023, 1, 6 + n),
                plan_activity=self.channels,
                acting_user=self.approver,
            )
        # The records come with their plan activities in one query: six cost what one did.
        self.assertEqual((self.count(activities), self.count(channels)), baseline)
