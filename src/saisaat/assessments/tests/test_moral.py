"""The moral-organisation self-assessment: levels from the total, one self-assessment per
office and year, suggestions from the participation records, the office's evidence and
the standing page."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from saisaat.assessments import moral, services
from saisaat.assessments.models import Criterion, Framework, OrganisationLevel, Round, Score
from saisaat.assessments.tests.factories import png_upload
from saisaat.indicators.metrics import METRICS
from saisaat.orgs.models import StaffMember
from saisaat.participation.models import Attendance, OfficeActivity
from saisaat.plans.metrics import scope_for
from saisaat.testing.base import PersonaTestCase, make_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="evidence.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def self_assessment(unit, committee, *, year=2566, opened=True):
    round_ = services.create_round(
        moral.ensure_moral_framework(),
        unit,
        fiscal_year=year,
        title=f"ประเมินตนเององค์กรคุณธรรม {year}",
        opens_on=date(year - 543, 6, 1),
        closes_on=date(year - 543, 8, 31),
        assessed_units=[unit],
        assessors=committee,
    )
    if opened:
        services.open_round(round_)
    return round_


def level_of(criterion, points):
    return next(lv for lv in criterion.levels.all() if lv.points == points)


class LevelRuleTests(PersonaTestCase):
    load_plan = False

    def levels(self):
        return list(moral.ensure_moral_framework().organisation_levels.all())

    def test_the_framework_states_its_rule_and_that_the_items_need_checking(self):
        framework = moral.ensure_moral_framework()
        self.assertEqual(framework.kind, Framework.Kind.MORAL)
        self.assertEqual(framework.rule, Framework.Rule.SUM)
        self.assertIn("ตั้งแต่ ๑๗ คะแนน เป็นองค์กรคุณธรรม", framework.description)
        self.assertIn("ต้องตรวจสอบกับแบบประเมินฉบับปัจจุบันของศูนย์คุณธรรม", framework.description)
        criteria = Criterion.objects.filter(section__framework=framework)
        self.assertEqual(criteria.count(), 11)
        for criterion in criteria:
            self.assertEqual(criterion.max_points, 2)
            self.assertEqual([lv.points for lv in criterion.levels.all()], [0, 1, 2])

    def test_each_threshold_is_reached_exactly_at_its_minimum(self):
        levels = self.levels()
        for points, expected in (
            (0, None),
            (10, None),
            (Decimal("10.99"), None),
            (11, "องค์กรส่งเสริมคุณธรรม"),
            (16, "องค์กรส่งเสริมคุณธรรม"),
            (Decimal("16.5"), "องค์กรส่งเสริมคุณธรรม"),
            (17, "องค์กรคุณธรรม"),
            (19, "องค์กรคุณธรรม"),
            (20, "องค์กรคุณธรรมต้นแบบ"),
            (22, "องค์กรคุณธรรมต้นแบบ"),
        ):
            with self.subTest(points=points):
                level = moral.level_for(levels, Decimal(points))
                self.assertEqual(level.label if level else None, expected)

    def test_the_standing_says_what_the_next_level_needs(self):
        levels = self.levels()
        standing = moral.Standing(points=Decimal(16), maximum=22, levels=levels)
        self.assertEqual(standing.level.label, "องค์กรส่งเสริมคุณธรรม")
        self.assertEqual(standing.next_level.label, "องค์กรคุณธรรม")
        self.assertEqual(standing.points_to_next, 1)
        top = moral.Standing(points=Decimal(20), maximum=22, levels=levels)
        self.assertIsNone(top.next_level)
        self.assertIsNone(top.points_to_next)


class SelfAssessmentRoundTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    def test_an_office_assesses_only_itself_with_its_own_committee_once_a_year(self):
        framework = moral.ensure_moral_framework()
        base = {
            "fiscal_year": 2566,
            "title": "ประเมินตนเอง",
            "opens_on": date(2023, 6, 1),
            "closes_on": date(2023, 6, 30),
        }
        refused = (
            (self.province, [self.province, self.district_a], [self.approver], "เฉพาะสำนักงาน"),
            (self.province, [self.province], [self.district_a_head], "บุคลากรของสำนักงานเอง"),
        )
        for unit, units, assessors, message in refused:
            with self.subTest(message=message), self.assertRaises(ValidationError) as caught:
                services.create_round(
                    framework, unit, assessed_units=units, assessors=assessors, **base
                )
            self.assertIn(message, caught.exception.messages[0])
        self_assessment(self.district_a, [self.district_a_head])
        with self.assertRaises(ValidationError) as caught:
            self_assessment(self.district_a, [self.district_a_officer], opened=False)
        self.assertIn("ปีงบประมาณ 2566 แล้ว", caught.exception.messages[0])
        # Another year, or another office, is its own self-assessment.
        self_assessment(self.district_a, [self.district_a_head], year=2567, opened=False)
        self_assessment(self.district_b, [self.district_b_officer], opened=False)
        self.assertEqual(Round.objects.filter(framework=framework).count(), 3)

    def test_the_standing_sums_the_committees_mean_points(self):
        round_ = self_assessment(self.district_a, [self.district_a_head, self.district_a_officer])
        criteria = services.criteria_of(round_.framework)
        for criterion in criteria[:9]:
            for assessor in (self.district_a_head, self.district_a_officer):
                services.record_score(
                    round_,
                    self.district_a,
                    criterion,
                    assessor=assessor,
                    level=level_of(criterion, 2),
                )
        # One item: 2 and 1 from the two members, a mean of 1.5; the last item unscored.
        services.record_score(
            round_,
            self.district_a,
            criteria[9],
            assessor=self.district_a_head,
            level=level_of(criteria[9], 2),
        )
        services.record_score(
            round_,
            self.district_a,
            criteria[9],
            assessor=self.district_a_officer,
            level=level_of(criteria[9], 1),
        )
        standing = moral.standing(round_)
        self.assertEqual(standing.points, Decimal("19.50"))
        self.assertEqual(standing.maximum, 22)
        self.assertEqual(standing.level.label, "องค์กรคุณธรรม")
        self.assertEqual(standing.points_to_next, Decimal("0.50"))
        self.assertEqual(
            [(item.criterion.code, item.points) for item in standing.missing],
            [("4.3", Decimal("1.50")), ("4.4", None)],
        )
        self.assertFalse(standing.complete)


class PrefillTests(PersonaTestCase):
    """The items measured by the participation records are suggested from the very metric
    the indicators use: its number is the length of its list, and nothing is ticked."""

    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        people = [
            StaffMember.objects.create(unit=cls.district_a, first_name=f"คน{n}", last_name="ดี")
            for n in range(3)
        ]
        activity = OfficeActivity.objects.create(
            unit=cls.district_a,
            fiscal_year=2566,
            title="จิตอาสาทำความสะอาด",
            held_on=date(2023, 2, 10),
            virtues=["discipline", "volunteering"],
            created_by=cls.district_a_head,
        )
        for person in people[:2]:
            Attendance.objects.create(activity=activity, staff=person, method="list")
        cls.round = self_assessment(cls.district_a, [cls.district_a_head])
        cls.criteria = {c.code: c for c in services.criteria_of(cls.round.framework)}

    def test_each_suggestion_is_the_metrics_figure_the_length_of_its_list(self):
        scope = scope_for(self.district_a, 2566, rolled_up=False)
        for code in ("2.1", "2.2", "3.1", "3.2"):
            criterion = self.criteria[code]
            metric = METRICS[criterion.metric_key]
            params = {k: v for k, v in criterion.metric_params.items() if k != "target"}
            found = services.suggestion(criterion, self.district_a, 2566)
            records = metric.records(scope, **params)
            with self.subTest(code=code):
                if metric.kind == "percent":
                    self.assertEqual(found.value.numerator, len(records["done"]))
                    self.assertEqual(
                        found.value.denominator, len(records["done"]) + len(records["pending"])
                    )
                else:
                    self.assertEqual(found.value.value, len(records["counted"]))
        # Two virtues of the four asked: half the target, 1 of 2 points; two of three
        # people attended (66.67 % of the 80 % asked): 1 point.
        self.assertEqual(services.suggested_points(self.criteria["3.1"], self.district_a, 2566), 1)
        self.assertEqual(services.suggested_points(self.criteria["3.2"], self.district_a, 2566), 1)
        self.assertEqual(services.suggested_points(self.criteria["2.2"], self.district_a, 2566), 0)

    def test_the_scoring_page_says_the_suggestion_and_ticks_nothing(self):
        self.client.force_login(self.district_a_head)
        url = reverse("assessments:round-score", args=[self.round.pk, self.district_a.code])
        response = self.client.get(url)
        self.assertContains(response, "หลักฐาน (รูปภาพหรือไฟล์ PDF)")
        self.assertContains(response, "application/pdf")
        self.assertContains(response, "66.67% · 2/3")
        self.assertNotContains(response, " checked")


class EvidenceTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.round = self_assessment(cls.district_a, [cls.district_a_head])
        cls.item = services.criteria_of(cls.round.framework)[0]
        cls.url = reverse("assessments:round-score", args=[cls.round.pk, cls.district_a.code])

    def post(self, upload):
        self.client.force_login(self.district_a_head)
        two = level_of(self.item, 2)
        return self.client.post(
            self.url, {f"c{self.item.pk}": str(two.pk), f"photo-{self.item.pk}": upload}
        )

    def test_a_pdf_or_a_photo_is_the_offices_evidence(self):
        for upload, content_type in (
            (pdf_upload(), "application/pdf"),
            (png_upload(), "image/png"),
        ):
            with self.subTest(content_type=content_type):
                self.assertEqual(self.post(upload).status_code, 302)
                score = Score.objects.get(round=self.round, criterion=self.item)
                self.addCleanup(score.photo.storage.delete, score.photo.name)
                response = self.client.get(reverse("assessments:score-photo", args=[score.pk]))
                self.assertEqual(response["Content-Type"], content_type)

    def test_another_kind_of_file_is_a_400_with_a_thai_message(self):
        upload = SimpleUploadedFile("notes.txt", "บันทึก".encode(), content_type="text/plain")
        response = self.post(upload)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "ไฟล์ประเภทนี้ใช้เป็นหลักฐานไม่ได้", status_code=400)
        self.assertFalse(Score.objects.filter(round=self.round).exists())

    @override_settings(SAISAAT_MAX_UPLOAD_BYTES=16)
    def test_a_file_over_the_limit_is_a_413_with_a_thai_message(self):
        response = self.post(pdf_upload())
        self.assertEqual(response.status_code, 413)
        self.assertContains(response, "เกินขนาดที่รับได้", status_code=413)
        self.assertFalse(Score.objects.filter(round=self.round).exists())

    def test_a_pdf_is_still_refused_as_a_photo_of_another_framework(self):
        from saisaat.assessments.tests.factories import make_framework, make_round

        framework, criteria, _levels = make_framework("photo-only")
        round_ = make_round(framework, self.province, [self.district_a], [self.committee])
        with self.assertRaises(ValidationError) as caught:
            services.record_score(
                round_,
                self.district_a,
                criteria[0],
                assessor=self.committee,
                points=1,
                photo=pdf_upload(),
            )
        self.assertIn("JPEG", caught.exception.messages[0])


class StandingPageTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.round = self_assessment(cls.district_a, [cls.district_a_head])
        cls.criteria = services.criteria_of(cls.round.framework)
        for criterion in cls.criteria[:8]:
            services.record_score(
                cls.round,
                cls.district_a,
                criterion,
                assessor=cls.district_a_head,
                level=level_of(criterion, 2),
            )
        cls.url = reverse("assessments:round-moral", args=[cls.round.pk])

    def test_the_committee_member_sees_their_own_standing_while_open(self):
        self.client.force_login(self.district_a_head)
        response = self.client.get(self.url)
        self.assertContains(response, "องค์กรส่งเสริมคุณธรรม")
        self.assertContains(response, "อีก 1 คะแนนจึงถึงระดับองค์กรคุณธรรม")
        self.assertContains(response, "คำนวณจากคะแนนของท่านเอง")
        self.assertContains(response, "4.1")  # among the items short of full points
        detail = self.client.get(reverse("assessments:round-detail", args=[self.round.pk]))
        self.assertContains(detail, self.url)

    def test_nobody_else_learns_it_before_it_is_published_then_the_office_reads_it(self):
        for user in (self.district_a_officer, self.approver, self.district_b_officer):
            self.client.force_login(user)
            self.assertEqual(self.client.get(self.url).status_code, 404)
        services.close_round(self.round)
        services.publish_round(self.round)
        for user in (self.district_a_officer, self.approver):
            self.client.force_login(user)
            self.assertContains(self.client.get(self.url), "<strong>16</strong> / 22")
        self.client.force_login(self.district_b_officer)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_a_round_of_another_kind_has_no_standing(self):
        from saisaat.assessments.tests.factories import make_framework, make_round

        framework = make_framework("not-moral")[0]
        round_ = make_round(framework, self.province, [self.district_a], [self.committee])
        services.close_round(round_)
        services.publish_round(round_)
        self.client.force_login(self.approver)
        url = reverse("assessments:round-moral", args=[round_.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_page_does_not_grow_with_scores_or_levels(self):
        services.close_round(self.round)
        services.publish_round(self.round)
        self.client.force_login(self.district_a_officer)
        self.client.get(self.url)
        # session, user, the user's office (the menu), the round with its framework and
        # office, then the items, the scores (values only) and the organisation levels
        with self.assertNumQueries(7):
            self.assertEqual(self.client.get(self.url).status_code, 200)
        second = make_user("district-a-2", self.district_a)
        Score.objects.bulk_create(
            Score(
                round=self.round,
                assessor=second,
                unit=self.district_a,
                criterion=criterion,
                points=1,
            )
            for criterion in self.criteria
        )
        OrganisationLevel.objects.create(
            framework=self.round.framework, position=9, label="ขั้นพิเศษ", minimum_points=22
        )
        with self.assertNumQueries(7):
            self.assertEqual(self.client.get(self.url).status_code, 200)


class CertificateDateTests(PersonaTestCase):
    """The model office's certificate is dated by the day the results were published."""

    load_plan = False
    more_personas = True

    def test_it_carries_the_publish_day_not_today(self):
        import shutil
        import unittest

        if not shutil.which("pdftotext"):
            raise unittest.SkipTest("pdftotext (poppler-utils) is not installed")
        from saisaat.assessments.tests.factories import make_framework, make_round
        from saisaat.assessments.tests.test_certificate import pdf_text

        framework, criteria, _levels = make_framework("dated")
        round_ = make_round(framework, self.province, [self.district_a], [self.committee])
        services.record_score(
            round_, self.district_a, criteria[0], assessor=self.committee, points=4
        )
        services.close_round(round_)
        services.publish_round(round_)
        published = timezone.make_aware(datetime(2023, 6, 20, 9, 0))
        Round.objects.filter(pk=round_.pk).update(published_at=published)
        self.client.force_login(self.approver)
        response = self.client.get(reverse("assessments:round-certificate", args=[round_.pk]))
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = pdf_text(content)
        self.assertIn("๒๐ มิถุนายน ๒๕๖๖", text)
        self.assertNotIn("๒๕๖๙", text)


class FrozenAdminTests(PersonaTestCase):
    """A framework with scores cannot be changed on the admin site, its levels included
    (the app's own pages never change a framework)."""

    load_plan = False
    more_personas = True

    def test_the_admin_refuses_to_change_a_scored_framework(self):
        round_ = self_assessment(self.district_a, [self.district_a_head])
        criterion = services.criteria_of(round_.framework)[0]
        services.record_score(
            round_,
            self.district_a,
            criterion,
            assessor=self.district_a_head,
            level=level_of(criterion, 2),
        )
        root = make_user("root", self.province, is_superuser=True, is_staff=True)
        self.client.force_login(root)
        framework = round_.framework
        for url, data in (
            (
                reverse("admin:assessments_framework_change", args=[framework.pk]),
                {"code": framework.code, "title": "แก้ไข", "kind": "moral", "rule": "sum"},
            ),
            (
                reverse("admin:assessments_criterion_change", args=[criterion.pk]),
                {"title": "แก้ไข", "max_points": 5},
            ),
            (reverse("admin:assessments_framework_delete", args=[framework.pk]), {"post": "yes"}),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url, data).status_code, 403)
        page = self.client.get(reverse("admin:assessments_framework_change", args=[framework.pk]))
        self.assertNotContains(page, 'name="organisation_levels-0-minimum_points"')
        framework.refresh_from_db()
        self.assertEqual(framework.title, moral.TITLE)
        self.assertEqual(framework.organisation_levels.count(), 3)


class NewSelfAssessmentViewTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    def test_the_head_creates_it_with_the_round_form_once_a_year(self):
        framework = moral.ensure_moral_framework()
        url = reverse("assessments:round-new", args=[self.district_a.code])
        data = {
            "framework": framework.pk,
            "title": "ประเมินตนเององค์กรคุณธรรม",
            "fiscal_year": 2566,
            "opens_on": "1/6/2566",
            "closes_on": "30/6/2566",
            "assessed_units": [self.district_a.pk],
            "assessors": [self.district_a_head.pk, self.district_a_officer.pk],
        }
        self.client.force_login(self.district_a_head)
        self.assertEqual(self.client.post(url, data).status_code, 302)
        again = self.client.post(url, data)
        self.assertContains(again, "มีการประเมินตนเองของปีงบประมาณ 2566 แล้ว", status_code=400)
        self.assertEqual(Round.objects.filter(framework=framework).count(), 1)


class ScoringQueryCountTests(PersonaTestCase):
    """The self-assessment's scoring page runs each item's metric in a fixed number of
    queries, whatever the number of activities, people and attendance."""

    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.round = self_assessment(cls.district_a, [cls.district_a_head])
        cls.url = reverse("assessments:round-score", args=[cls.round.pk, cls.district_a.code])

    def grow(self, n):
        people = [
            StaffMember.objects.create(unit=self.district_a, first_name=f"ก{n}{i}", last_name="ข")
            for i in range(3)
        ]
        for i in range(2):
            activity = OfficeActivity.objects.create(
                unit=self.district_a,
                fiscal_year=2566,
                title=f"กิจกรรม {n}{i}",
                held_on=date(2023, 3, 1 + i + n),
                virtues=["discipline", "gratitude"][: i + 1],
                created_by=self.district_a_head,
            )
            for person in people:
                Attendance.objects.create(activity=activity, staff=person, method="list")

    def test_it_does_not_grow_with_the_records(self):
        self.client.force_login(self.district_a_head)
        self.grow(0)
        self.client.get(self.url)
        with self.assertNumQueries(QUERIES) as first:
            self.assertEqual(self.client.get(self.url).status_code, 200)
        self.grow(5)
        with self.assertNumQueries(len(first.captured_queries)):
            self.assertEqual(self.client.get(self.url).status_code, 200)


# session, user, the user's office (the menu), the round with its framework, the assessor
# check, the office, the items, their levels, the own scores, then each measured item's
# metric: the office's ancestors, the year's declaration (twice: people and audience), the
# staff counts; the adopted goals; the activities; the staff counts of the attendance; and
# the offices assessed (previous and next).
QUERIES = 17


class ExactLevelTests(PersonaTestCase):
    """The level is decided on the exact total, not on the total rounded for display."""

    load_plan = False
    more_personas = True

    def test_a_total_just_below_a_threshold_does_not_reach_it_by_rounding(self):
        members = [self.district_a_head] + [
            make_user(f"moral-member-{i}", self.district_a) for i in range(6)
        ]
        round_ = self_assessment(self.district_a, members)
        criteria = services.criteria_of(round_.framework)
        # Means 7/5 + 7/6 + 10/7 on three items, 13 points on the other eight:
        # 16.9952… in all, shown as 17.00, yet below the 17 of องค์กรคุณธรรม.
        plan = [[2, 2, 1, 1, 1], [2, 1, 1, 1, 1, 1], [2, 2, 2, 1, 1, 1, 1]]
        plan += [[2]] * 5 + [[1]] * 3
        for criterion, points in zip(criteria, plan, strict=True):
            for member, value in zip(members, points, strict=False):
                services.record_score(
                    round_,
                    self.district_a,
                    criterion,
                    assessor=member,
                    level=level_of(criterion, value),
                )
        standing = moral.standing(round_)
        self.assertEqual(standing.points, Decimal("17.00"))
        self.assertEqual(standing.level.label, "องค์กรส่งเสริมคุณธรรม")
        self.assertEqual(standing.next_level.label, "องค์กรคุณธรรม")
        self.assertGreater(standing.points_to_next, 0)
