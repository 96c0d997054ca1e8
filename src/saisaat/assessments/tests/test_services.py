"""The round's steps and the scores: audited, in order, refused out of turn."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied

from saisaat.assessments import services
from saisaat.assessments.models import Round, Score
from saisaat.assessments.tests.factories import make_framework, make_round, png_upload
from saisaat.audit.models import Entry
from saisaat.testing.base import PersonaTestCase, make_user


class AssessmentCase(PersonaTestCase):
    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.framework, cls.criteria, cls.levels = make_framework()
        cls.second = make_user("assessor-2", cls.province)
        cls.units = [cls.district_a, cls.district_b]
        cls.round = make_round(cls.framework, cls.province, cls.units, [cls.committee, cls.second])

    def score(self, assessor, unit, criterion, points=None, level=None, **kwargs):
        return services.record_score(
            self.round,
            unit,
            criterion,
            assessor=assessor,
            points=points,
            level=level,
            acting_user=assessor,
            **kwargs,
        )


class RoundStepTests(AssessmentCase):
    def test_it_audits_the_creation_and_every_step(self):
        round_ = make_round(
            self.framework, self.province, self.units, [self.committee], opened=False
        )
        services.open_round(round_, acting_user=self.approver)
        services.close_round(round_, acting_user=self.approver)
        services.publish_round(round_, acting_user=self.administrator)
        round_.refresh_from_db()
        self.assertEqual(round_.status, Round.Status.PUBLISHED)
        self.assertIsNotNone(round_.published_at)
        entries = Entry.objects.filter(object_id=str(round_.pk), action__startswith="assessments.")
        self.assertEqual(
            list(entries.order_by("sequence").values_list("action", "unit_code", "fiscal_year")),
            [
                ("assessments.round_created", "43", 2566),
                ("assessments.round_opened", "43", 2566),
                ("assessments.round_closed", "43", 2566),
                ("assessments.round_published", "43", 2566),
            ],
        )
        published = entries.get(action="assessments.round_published")
        self.assertEqual(published.changes["status"], ["closed", "published"])

    def test_it_refuses_a_step_out_of_turn(self):
        with self.assertRaises(services.AssessmentError):
            services.publish_round(self.round, acting_user=self.approver)
        with self.assertRaises(services.AssessmentError):
            services.open_round(self.round, acting_user=self.approver)

    def test_only_the_running_offices_managers_move_a_round(self):
        for user in (self.committee, self.provincial_officer, self.district_a_head):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.close_round(self.round, acting_user=user)

    def test_a_district_cannot_run_a_round_of_the_province(self):
        with self.assertRaises(PermissionDenied):
            services.create_round(
                self.framework,
                self.province,
                fiscal_year=2566,
                title="x",
                opens_on=self.round.opens_on,
                closes_on=self.round.closes_on,
                assessed_units=self.units,
                assessors=[],
                acting_user=self.district_a_head,
            )

    def test_a_round_assesses_only_the_office_and_those_directly_below_it(self):
        with self.assertRaises(services.AssessmentError):
            services.create_round(
                self.framework,
                self.province,
                fiscal_year=2566,
                title="x",
                opens_on=self.round.opens_on,
                closes_on=self.round.closes_on,
                assessed_units=[self.other_district],
                assessors=[],
                acting_user=self.approver,
            )


class ScoreTests(AssessmentCase):
    def test_it_records_a_score_and_replaces_it_on_a_second_call(self):
        o1 = self.criteria[0]
        first = self.score(self.committee, self.district_a, o1, "3", comment=" ดี ")
        second = self.score(self.committee, self.district_a, o1, 4)
        self.assertEqual(first.pk, second.pk)
        score = Score.objects.get(pk=first.pk)
        self.assertEqual((score.points, score.comment), (Decimal("4.00"), ""))
        actions = list(
            Entry.objects.filter(object_id=str(first.pk), action__startswith="assessments.score")
            .order_by("sequence")
            .values_list("action", "changes")
        )
        self.assertEqual(
            [action for action, _ in actions],
            [
                "assessments.score_given",
                "assessments.score_changed",
            ],
        )
        # While the round is open the log says who scored what, never the value.
        for _action, changes in actions:
            self.assertNotIn("points", changes)
            self.assertNotIn("comment", changes)
            self.assertEqual(changes["assessor"], [None, self.committee.pk])
        self.assertEqual(
            actions[1][1]["digest"][1],
            services.sealed(score.pk, ["4.00", None, "", ""]),
        )
        # The same value again changes nothing and logs nothing.
        self.score(self.committee, self.district_a, o1, 4)
        self.assertEqual(
            Entry.objects.filter(
                object_id=str(first.pk), action="assessments.score_changed"
            ).count(),
            1,
        )
        # Closing the round puts every value in the log; publishing, the ranking announced.
        services.close_round(self.round, acting_user=self.approver)
        closed = Entry.objects.get(action="assessments.round_closed")
        self.assertIn(
            [score.pk, self.committee.pk, self.district_a.pk, o1.pk, "4.00", None, "", ""],
            closed.changes["scores"][1],
        )
        services.publish_round(self.round, acting_user=self.approver)
        published = Entry.objects.get(action="assessments.round_published")
        self.assertEqual(
            [row[0] for row in published.changes["ranking"][1]],
            [row.unit.code for row in services.results(self.round).ranking],
        )

    def test_a_signalling_nan_is_refused_not_a_500(self):
        o2 = self.criteria[1]  # pass/fail
        for value in ("sNaN", "Infinity"):
            with self.subTest(value=value), self.assertRaises(services.AssessmentError):
                self.score(self.committee, self.district_a, o2, value)

    def test_it_keeps_a_photo_through_the_storage(self):
        score = self.score(self.committee, self.district_a, self.criteria[1], 1, photo=png_upload())
        self.assertTrue(score.photo.name.endswith(".png"))
        self.assertTrue(score.photo.storage.exists(score.photo.name))
        self.addCleanup(score.photo.storage.delete, score.photo.name)

    def test_it_refuses_a_photo_that_is_not_a_picture(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
        with self.assertRaises(services.AssessmentError):
            self.score(self.committee, self.district_a, self.criteria[1], 1, photo=pdf)

    def test_it_takes_values_only_on_the_criterions_scale(self):
        o1, o2, s1 = self.criteria
        other_level = make_framework("other")[2][1]
        for criterion, points, level in [
            (o1, "5", None),
            (o1, "-1", None),
            (o1, "2.5", None),
            (o1, "สาม", None),
            (o1, "NaN", None),
            (o2, "0.5", None),
            (s1, "3", None),
            (s1, None, other_level),
            (o1, None, self.levels[1]),
        ]:
            with self.subTest(criterion=criterion.code, points=points):
                with self.assertRaises(services.AssessmentError):
                    self.score(self.committee, self.district_a, criterion, points, level)
        score = self.score(self.committee, self.district_a, s1, level=self.levels[1])
        self.assertEqual(score.points, 3)

    def test_only_the_rounds_assessors_score_and_only_for_themselves(self):
        o1 = self.criteria[0]
        with self.assertRaises(PermissionDenied):
            self.score(self.approver, self.district_a, o1, 1)
        with self.assertRaises(PermissionDenied):
            services.record_score(
                self.round,
                self.district_a,
                o1,
                assessor=self.second,
                points=1,
                acting_user=self.committee,
            )

    def test_it_refuses_an_office_not_assessed_and_a_closed_round(self):
        o1 = self.criteria[0]
        with self.assertRaises(services.AssessmentError):
            self.score(self.committee, self.other_district, o1, 1)
        services.close_round(self.round, acting_user=self.approver)
        with self.assertRaises(services.AssessmentError):
            self.score(self.committee, self.district_a, o1, 1)


class ResultsTests(AssessmentCase):
    def test_it_aggregates_the_assessors_scores_by_the_frameworks_rule(self):
        o1, o2, s1 = self.criteria
        zero, three, five = self.levels
        # District A: O1 3 and 4, O2 pass and fail, S1 5 and 3 -> see test_aggregation:
        # O1 7/8, O2 1/2, S1 4/5: (1.75 + 0.5 + 0.8) / 4 = 76.25.
        for assessor, (p1, p2, level) in [
            (self.committee, (3, 1, five)),
            (self.second, (4, 0, three)),
        ]:
            self.score(assessor, self.district_a, o1, p1)
            self.score(assessor, self.district_a, o2, p2)
            self.score(assessor, self.district_a, s1, level=level)
        # District B: one assessor, everything full -> 100.
        self.score(self.committee, self.district_b, o1, 4)
        self.score(self.committee, self.district_b, o2, 1)
        self.score(self.committee, self.district_b, s1, level=five)
        results = services.results(self.round)
        self.assertEqual(
            [(r.unit.code, r.score_display, r.rank) for r in results.ranking],
            [("4302", Decimal("100.00"), 1), ("4301", Decimal("76.25"), 2)],
        )
        self.assertEqual(results.model_office.unit, self.district_b)
        self.assertEqual(results.assessor_count, 2)


class FrozenFrameworkTests(AssessmentCase):
    """Results are worked out from the framework as it stands: once a round of it has
    opened, the admin site cannot change it (nor add a criterion to it)."""

    def test_a_framework_in_use_is_read_only_on_the_admin_site(self):
        from django.contrib import admin
        from django.core.exceptions import ValidationError
        from django.test import RequestFactory

        from saisaat.assessments.models import Criterion, Framework

        request = RequestFactory().get("/")
        request.user = make_user("root", self.province, is_superuser=True, is_staff=True)
        framework_admin = admin.site._registry[Framework]
        criterion_admin = admin.site._registry[Criterion]
        self.assertEqual(self.round.status, Round.Status.OPEN)
        self.assertFalse(framework_admin.has_change_permission(request, self.framework))
        self.assertFalse(criterion_admin.has_delete_permission(request, self.criteria[0]))
        added = Criterion(
            section=self.criteria[0].section, code="X", title="ใหม่", max_points=5, weight=1
        )
        with self.assertRaises(ValidationError):
            added.clean()
        draft_framework = make_framework("unused")[0]
        self.assertTrue(framework_admin.has_change_permission(request, draft_framework))
