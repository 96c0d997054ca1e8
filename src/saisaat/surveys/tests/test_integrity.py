"""Survey integrity: one response per invitation link, a device's answers replaced rather
than added, the per-address limit as a backstop, and bursts from one network flagged."""

from datetime import timedelta

from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from saisaat.audit.models import Entry
from saisaat.core.crypto import digest
from saisaat.surveys import services
from saisaat.surveys.models import Invitation, Response
from saisaat.surveys.results import compute_results, flag_bursts
from saisaat.surveys.tests.factories import make_survey, questions_of
from saisaat.testing.base import PersonaTestCase


class InvitationTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = make_survey(cls.district_a)
        cls.q = questions_of(cls.survey)
        cls.url = reverse("surveys:public", args=[cls.survey.public_token])
        cls.invitations_url = reverse("surveys:survey-invitations", args=[cls.survey.pk])

    def setUp(self):
        cache.clear()

    def data(self, score="5"):
        return {f"q{self.q['ความรวดเร็ว'].pk}": score}

    def invite(self):
        return services.create_invitations(self.survey, 1, acting_user=self.district_a_head)[0]

    def test_the_head_creates_links_audited_and_listed(self):
        self.client.force_login(self.district_a_head)
        response = self.client.post(self.invitations_url, {"count": "3"})
        self.assertRedirects(response, self.invitations_url)
        self.assertEqual(self.survey.invitations.count(), 3)
        self.assertTrue(Entry.objects.filter(action="surveys.invitations_created").exists())
        page = self.client.get(self.invitations_url)
        for token in self.survey.invitations.values_list("token", flat=True):
            self.assertContains(page, f"?invite={token}")

    def test_bad_counts_are_a_thai_form_error_not_a_500(self):
        self.client.force_login(self.district_a_head)
        for count in ("0", "501", "abc", "9" * 30, ""):
            response = self.client.post(self.invitations_url, {"count": count})
            self.assertEqual(response.status_code, 400, count)
        self.assertEqual(self.survey.invitations.count(), 0)

    def test_an_officer_of_the_office_may_not_create_links(self):
        self.client.force_login(self.district_a_officer)
        self.assertEqual(self.client.post(self.invitations_url, {"count": "3"}).status_code, 403)

    def test_one_response_per_invitation_another_device_is_refused(self):
        invitation = self.invite()
        first = Client()
        url = f"{self.url}?invite={invitation.token}"
        self.assertEqual(first.post(url, self.data("5")).status_code, 302)
        invitation.refresh_from_db()
        self.assertIsNotNone(invitation.used_at)
        # The same device answers again: its answers are replaced.
        self.assertEqual(first.post(url, self.data("3")).status_code, 302)
        self.assertEqual(Response.objects.count(), 1)
        # Another device, same link: refused, nothing added.
        other = Client()
        page = other.get(url)
        self.assertContains(page, 'class="invitation-used"')
        self.assertEqual(other.post(url, self.data("1")).status_code, 403)
        self.assertEqual(Response.objects.count(), 1)
        self.assertEqual(Response.objects.get().answers.get().scale_value, 3)

    def test_a_response_keeps_no_link_to_the_invitation_it_came_through(self):
        # An office that noted who got which link must not be able to match answers to
        # people: the invitation only knows it was used, the response not which link.
        invitation = self.invite()
        Client().post(f"{self.url}?invite={invitation.token}", self.data("5"))
        response = Response.objects.get()
        fields = {f.name for f in Response._meta.get_fields()}
        self.assertNotIn("invitation", fields)
        self.assertFalse(
            any(
                getattr(f, "related_model", None) is Invitation for f in Response._meta.get_fields()
            )
        )
        invitation.refresh_from_db()
        self.assertIsNotNone(invitation.used_at)
        self.assertEqual(response.survey, self.survey)

    def test_an_invitation_only_survey_refuses_answers_without_a_link(self):
        self.client.force_login(self.district_a_head)
        self.assertRedirects(
            self.client.post(self.invitations_url, {"invitation_only": "1"}),
            self.invitations_url,
        )
        self.survey.refresh_from_db()
        self.assertTrue(self.survey.invitation_only)
        entry = Entry.objects.get(action="surveys.invitation_only_changed")
        self.assertEqual(entry.changes["invitation_only"], [False, True])
        # The public link without ?invite= no longer takes answers.
        anonymous = Client()
        page = anonymous.get(self.url)
        self.assertContains(page, 'class="invitation-needed"')
        self.assertEqual(anonymous.post(self.url, self.data("1")).status_code, 403)
        self.assertFalse(Response.objects.exists())
        # Through a link it does.
        invitation = self.invite()
        self.assertEqual(
            anonymous.post(f"{self.url}?invite={invitation.token}", self.data("4")).status_code,
            302,
        )
        self.assertEqual(Response.objects.count(), 1)
        # Someone with editing rights only switches it.
        self.client.force_login(self.district_a_officer)
        self.assertEqual(
            self.client.post(self.invitations_url, {"invitation_only": "0"}).status_code, 403
        )

    def test_the_service_refuses_a_used_invitation_from_another_device(self):
        from django.core.exceptions import ValidationError

        invitation = self.invite()
        answers = {self.q["ความรวดเร็ว"].pk: 5}
        services.submit_response(self.survey, answers, invitation=invitation)
        with self.assertRaises(ValidationError):
            services.submit_response(self.survey, answers, invitation=invitation, key="other")

    def test_an_unknown_invitation_is_a_404(self):
        self.assertEqual(self.client.get(f"{self.url}?invite=nope").status_code, 404)
        self.assertEqual(self.client.post(f"{self.url}?invite=nope", self.data()).status_code, 404)
        other = make_survey(self.district_a, title="อีกแบบ")
        invitation = services.create_invitations(other, 1, acting_user=self.district_a_head)[0]
        self.assertEqual(self.client.get(f"{self.url}?invite={invitation.token}").status_code, 404)
        self.assertFalse(Invitation.objects.filter(used_at__isnull=False).exists())

    def test_the_address_is_kept_only_as_a_digest(self):
        self.client.post(self.url, self.data(), REMOTE_ADDR="203.0.113.9")
        stored = Response.objects.get()
        self.assertEqual(stored.address_digest, digest("address", "203.0.113.9"))
        self.assertNotIn("203.0.113", stored.address_digest)

    @override_settings(SAISAAT_SURVEY_RESPONSES_PER_ADDRESS=2)
    def test_the_per_address_limit_still_backs_it_up(self):
        for _ in range(2):
            self.assertEqual(Client().post(self.url, self.data()).status_code, 302)
        self.assertEqual(Client().post(self.url, self.data()).status_code, 429)


class BurstTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = make_survey(cls.district_a)
        cls.q = questions_of(cls.survey)

    def test_flag_bursts_marks_many_answers_from_one_address_in_a_short_window(self):
        t = timezone.now()
        rows = [(i, "net-a", t + timedelta(seconds=30 * i)) for i in range(5)]
        rows += [(10 + i, "net-b", t + timedelta(hours=i)) for i in range(5)]  # spread out
        rows += [(20 + i, "", t) for i in range(9)]  # no digest: never flagged
        self.assertEqual(flag_bursts(rows, count=5, seconds=600), {0, 1, 2, 3, 4})
        self.assertEqual(flag_bursts(rows[:4], count=5, seconds=600), set())

    @override_settings(SAISAAT_SURVEY_BURST_RESPONSES=3, SAISAAT_SURVEY_BURST_SECONDS=600)
    def test_the_results_page_says_how_many_were_flagged(self):
        answers = {self.q["ความรวดเร็ว"].pk: 5}
        for _ in range(3):
            services.submit_response(self.survey, answers, address="198.51.100.7")
        services.submit_response(self.survey, answers, address="192.0.2.1")
        results = compute_results(self.survey)
        self.assertEqual((results.response_count, results.flagged), (4, 3))
        self.client.force_login(self.district_a_officer)
        page = self.client.get(reverse("surveys:survey-results", args=[self.survey.pk]))
        self.assertContains(page, '<dd class="flagged-count"><strong>3</strong>', html=False)
