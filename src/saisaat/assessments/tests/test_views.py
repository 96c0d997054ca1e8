"""The pages of a round: hidden until published, scoring by the assessor alone, results."""

from unittest import mock

from django.core.management import call_command
from django.urls import reverse

from saisaat.assessments import services
from saisaat.assessments.models import Round, Score
from saisaat.assessments.tests.factories import make_framework, make_round, png_upload
from saisaat.orgs.models import Unit
from saisaat.testing.base import PersonaTestCase, make_user


class RoundPagesCase(PersonaTestCase):
    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.framework, cls.criteria, cls.levels = make_framework()
        cls.second = make_user("assessor-2", cls.province)
        cls.units = [cls.district_a, cls.district_b]
        cls.round = make_round(cls.framework, cls.province, cls.units, [cls.committee, cls.second])
        o1 = cls.criteria[0]
        services.record_score(
            cls.round, cls.district_a, o1, assessor=cls.second, points=1, comment="ความเห็นลับ"
        )

    def score_url(self, unit=None):
        return reverse(
            "assessments:round-score", args=[self.round.pk, (unit or self.district_a).code]
        )

    def results_url(self):
        return reverse("assessments:round-results", args=[self.round.pk])

    def detail_url(self):
        return reverse("assessments:round-detail", args=[self.round.pk])


class HiddenUntilPublishedTests(RoundPagesCase):
    def test_a_non_assessor_does_not_learn_the_round_exists(self):
        for user in (self.provincial_officer, self.district_a_officer, self.department_officer):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(self.detail_url()).status_code, 404)
                self.assertEqual(self.client.get(self.results_url()).status_code, 404)
                listed = self.client.get(reverse("assessments:round-list"))
                self.assertNotContains(listed, self.round.title)

    def test_an_assessor_sees_only_their_own_scores_and_no_results(self):
        self.login(self.committee)
        page = self.client.get(self.score_url())
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "ความเห็นลับ")
        self.assertEqual(self.client.get(self.results_url()).status_code, 404)
        detail = self.client.get(self.detail_url())
        self.assertContains(detail, "0 / 3")
        self.assertNotContains(detail, reverse("assessments:round-results", args=[self.round.pk]))
        own = Score.objects.visible_to(self.committee).filter(round=self.round)
        self.assertEqual(own.count(), 0)
        self.assertEqual(Score.objects.visible_to(self.second).filter(round=self.round).count(), 1)

    def test_a_closed_round_shows_its_results_to_its_managers_only(self):
        services.close_round(self.round, acting_user=self.approver)
        self.login(self.approver)
        self.assertContains(self.client.get(self.results_url()), "ยังไม่ประกาศผล")
        for user in (self.committee, self.second):
            self.login(user)
            self.assertEqual(self.client.get(self.results_url()).status_code, 404)

    def test_a_published_round_shows_its_results_to_the_province_and_the_offices_assessed(self):
        services.close_round(self.round, acting_user=self.approver)
        services.publish_round(self.round, acting_user=self.approver)
        for user in (self.committee, self.provincial_officer, self.district_a_officer):
            self.login(user)
            with self.subTest(user=user.username):
                page = self.client.get(self.results_url())
                self.assertContains(page, 'role="img"')
                self.assertContains(page, "<title id=")
        self.login(self.other_province_officer)
        self.assertEqual(self.client.get(self.results_url()).status_code, 404)
        self.assertEqual(
            Score.objects.visible_to(self.committee).filter(round=self.round).count(), 1
        )


class ScoringPageTests(RoundPagesCase):
    def test_the_assessor_scores_an_office_and_goes_to_the_next(self):
        o1, o2, s1 = self.criteria
        self.login(self.committee)
        response = self.client.post(
            self.score_url(),
            {
                f"c{o1.pk}": "3",
                f"c{o2.pk}": "1",
                f"c{s1.pk}": str(self.levels[2].pk),
                f"comment-{o1.pk}": "เอกสารครบ",
                "next": self.district_b.code,
            },
        )
        self.assertRedirects(response, self.score_url(self.district_b))
        scores = Score.objects.filter(round=self.round, assessor=self.committee)
        self.assertEqual(
            sorted((s.criterion.code, int(s.points)) for s in scores),
            [("O1", 3), ("O2", 1), ("S1", 5)],
        )
        page = self.client.get(self.score_url())
        self.assertContains(page, "เอกสารครบ")

    def test_bad_input_is_a_400_with_a_thai_message_and_saves_nothing(self):
        o1, o2, _s1 = self.criteria
        self.login(self.committee)
        for data, message in (
            ({}, "โปรดให้คะแนนอย่างน้อยหนึ่งเกณฑ์"),
            ({f"c{o1.pk}": "9"}, "คะแนนต้องอยู่ระหว่าง 0 ถึง 4"),
            ({f"c{o1.pk}": "2", f"c{o2.pk}": "x"}, "คะแนนต้องเป็นตัวเลข"),
        ):
            with self.subTest(data=data):
                response = self.client.post(self.score_url(), data)
                self.assertContains(response, message, status_code=400)
        self.assertFalse(Score.objects.filter(assessor=self.committee).exists())

    def test_a_photo_goes_with_the_score_and_is_served_to_its_readers(self):
        o2 = self.criteria[1]
        self.login(self.committee)
        self.client.post(self.score_url(), {f"c{o2.pk}": "1", f"photo-{o2.pk}": png_upload()})
        score = Score.objects.get(assessor=self.committee, criterion=o2)
        self.addCleanup(score.photo.storage.delete, score.photo.name)
        photo_url = reverse("assessments:score-photo", args=[score.pk])
        response = self.client.get(photo_url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")
        self.login(self.second)
        self.assertEqual(self.client.get(photo_url).status_code, 404)

    def test_a_photo_of_a_refused_submission_is_not_kept(self):
        o1, o2, _s1 = self.criteria
        self.login(self.committee)
        with mock.patch("django.core.files.storage.FileSystemStorage.delete") as delete:
            response = self.client.post(
                self.score_url(),
                {f"c{o2.pk}": "1", f"photo-{o2.pk}": png_upload(), f"c{o1.pk}": "9"},
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Score.objects.filter(assessor=self.committee).exists())
        self.assertEqual(delete.call_count, 1)
        self.assertTrue(delete.call_args.args[0].endswith(".png"))

    def test_an_office_not_in_the_round_is_a_404(self):
        self.login(self.committee)
        self.assertEqual(self.client.get(self.score_url(self.other_district)).status_code, 404)


class StepViewTests(RoundPagesCase):
    def test_the_manager_moves_the_round_on_and_a_wrong_step_is_a_400(self):
        url = reverse("assessments:round-advance", args=[self.round.pk])
        self.login(self.approver)
        self.assertEqual(self.client.post(url, {"to": "published"}).status_code, 400)
        self.assertEqual(self.client.post(url, {"to": "nonsense"}).status_code, 400)
        self.assertRedirects(self.client.post(url, {"to": "closed"}), self.detail_url())
        self.round.refresh_from_db()
        self.assertEqual(self.round.status, Round.Status.CLOSED)


class QueryCountTests(RoundPagesCase):
    def grow(self):
        for n in range(3, 9):
            unit = Unit.objects.create(
                code=f"43{n:02d}", kind="district", name_th=f"อำเภอ {n}", parent=self.province
            )
            self.round.assessed_units.add(unit)
            # Straight to the table: the round may already be published.
            Score.objects.bulk_create(
                Score(round=self.round, assessor=a, unit=unit, criterion=c, points=1)
                for a in (self.committee, self.second)
                for c in self.criteria[:2]
            )
        more = make_round(
            self.framework, self.province, self.units, [self.committee], title="อีกรอบ"
        )
        services.close_round(more)
        services.publish_round(more)

    def assert_constant(self, user, url, expected: int):
        self.login(user)
        self.client.get(url)
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)
        self.grow()
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_the_round_list_does_not_grow_with_rounds(self):
        # session, user, the user's office (the menu, the new-round link), the rounds with
        # their framework, office and number of offices
        self.assert_constant(self.approver, reverse("assessments:round-list"), 4)

    def test_the_results_do_not_grow_with_offices_and_scores(self):
        services.close_round(self.round)
        services.publish_round(self.round)
        # session, user, the user's office, the round, then its sections, criteria, offices,
        # scores (one row per score, values only) and the number of assessors
        self.assert_constant(self.district_a_officer, self.results_url(), 9)


class CommandTests(RoundPagesCase):
    def test_it_prints_the_ranking_of_the_closed_round_as_json(self):
        import json
        from io import StringIO

        services.record_score(
            self.round, self.district_b, self.criteria[0], assessor=self.committee, points=4
        )
        services.close_round(self.round)
        out = StringIO()
        call_command(
            "assessment_results",
            "--kind",
            "osmkh",
            "--unit",
            "43",
            "--year",
            "2566",
            "--json",
            stdout=out,
        )
        data = json.loads(out.getvalue())
        self.assertEqual(
            [(row["unit"], row["rank"]) for row in data["ranking"]], [("4302", 1), ("4301", 2)]
        )
        self.assertEqual(data["ranking"][0]["score"], 50.0)  # O1 in full, weight 2 of 4


class NewRoundTests(RoundPagesCase):
    def test_the_provinces_manager_creates_a_draft_round_of_its_districts(self):
        self.login(self.approver)
        url = reverse("assessments:round-new", args=[self.province.code])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url,
            {
                "framework": self.framework.pk,
                "title": "รอบใหม่",
                "fiscal_year": "2567",
                "opens_on": "1/5/2567",
                "closes_on": "31/5/2567",
                "assessed_units": [self.district_a.pk, self.district_b.pk],
                "assessors": [self.committee.pk],
            },
        )
        created = Round.objects.get(title="รอบใหม่")
        self.assertRedirects(response, reverse("assessments:round-detail", args=[created.pk]))
        self.assertEqual(created.status, Round.Status.DRAFT)
        self.assertEqual(str(created.opens_on), "2024-05-01")
        self.assertEqual(created.assessors.get(), self.committee)

    def test_bad_input_is_a_400_and_another_offices_staff_cannot_be_chosen(self):
        self.login(self.approver)
        url = reverse("assessments:round-new", args=[self.province.code])
        response = self.client.post(
            url,
            {
                "framework": self.framework.pk,
                "title": "x",
                "fiscal_year": "2567",
                "opens_on": "31/5/2567",
                "closes_on": "1/5/2567",
                "assessed_units": [self.other_district.pk],
                "assessors": [self.other_province_officer.pk],
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Round.objects.filter(title="x").exists())

    def test_a_district_officer_cannot_create_one(self):
        self.login(self.district_a_officer)
        url = reverse("assessments:round-new", args=[self.district_a.code])
        self.assertEqual(self.client.get(url).status_code, 403)
