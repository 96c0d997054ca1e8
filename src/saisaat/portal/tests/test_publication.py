"""What goes public when: an issued announcement only once published, and "stale" from the
content's own last change, not from a re-publish."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse

from saisaat.audit.models import Entry
from saisaat.documents import official_services as official
from saisaat.portal import oit, services
from saisaat.portal.models import PortalPage
from saisaat.testing.base import PersonaTestCase

BANGKOK = ZoneInfo("Asia/Bangkok")


class AnnouncementPublicationTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        fields = official.OfficialFields(
            office="สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย",
            title="เจตนารมณ์ไม่รับของขวัญ",
            body="ขอประกาศเจตนารมณ์",
            date=date(2023, 1, 10),
            signer_name="นางสมหญิง รักงาน",
            signer_position="พัฒนาการอำเภอเมืองหนองคาย",
        )
        cls.announcement = official.create_draft(
            unit=cls.district_a, kind="announcement", fields=fields, acting_user=cls.district_a_head
        )
        official.issue(cls.announcement, acting_user=cls.district_a_head)
        cls.announcement.refresh_from_db()
        cls.draft = official.create_draft(
            unit=cls.district_a, kind="announcement", fields=fields, acting_user=cls.district_a_head
        )

    def pdf_url(self):
        return reverse("portal:document-pdf", args=[self.district_a.code, self.announcement.pk])

    def listed(self):
        response = self.client.get(reverse("portal:documents", args=[self.district_a.code]))
        return [document.pk for document in response.context["documents"]]

    def test_an_issued_announcement_is_public_only_once_published(self):
        self.assertEqual(self.listed(), [])
        self.assertEqual(self.client.get(self.pdf_url()).status_code, 404)
        services.publish_document(self.announcement, acting_user=self.district_a_head)
        self.assertEqual(self.listed(), [self.announcement.pk])
        self.assertEqual(self.client.get(self.pdf_url()).status_code, 200)
        services.unpublish_document(self.announcement, acting_user=self.district_a_head)
        self.assertEqual(self.listed(), [])
        self.assertEqual(self.client.get(self.pdf_url()).status_code, 404)

    def test_publishing_and_withdrawing_are_audited_once_each(self):
        for _ in range(2):
            services.publish_document(self.announcement, acting_user=self.district_a_head)
        services.unpublish_document(self.announcement, acting_user=self.district_a_head)
        actions = list(
            Entry.objects.for_object(self.announcement)
            .filter(action__startswith="portal.document_")
            .order_by("sequence")
            .values_list("action", flat=True)
        )
        self.assertEqual(actions, ["portal.document_published", "portal.document_unpublished"])

    def test_it_refuses_a_draft_and_staff_who_do_not_manage_the_office(self):
        with self.assertRaises(ValidationError):
            services.publish_document(self.draft, acting_user=self.district_a_head)
        with self.assertRaises(PermissionDenied):
            services.publish_document(self.announcement, acting_user=self.district_b_officer)

    def test_the_managers_page_publishes_by_post(self):
        self.client.force_login(self.district_a_head)
        manage = self.client.get(reverse("portal:manage", args=[self.district_a.code]))
        self.assertContains(manage, self.announcement.title)
        url = reverse("portal:publish-document", args=[self.district_a.code, self.announcement.pk])
        self.assertEqual(self.client.get(url).status_code, 405)
        self.assertRedirects(
            self.client.post(url), reverse("portal:manage", args=[self.district_a.code])
        )
        self.announcement.refresh_from_db()
        self.assertIsNotNone(self.announcement.portal_published_at)
        draft_url = reverse("portal:publish-document", args=[self.district_a.code, self.draft.pk])
        self.client.post(draft_url)
        self.draft.refresh_from_db()
        self.assertIsNone(self.draft.portal_published_at)


class StaleRuleTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        oit.ensure_items(2566)
        cls.page = services.save_page(
            cls.province, "laws", title="กฎหมาย", body="", acting_user=cls.approver
        )
        services.publish_page(cls.page, acting_user=cls.approver)
        # Last changed before fiscal year 2566 began (1 October 2565).
        cls.old = datetime(2022, 9, 30, 12, tzinfo=BANGKOK)
        PortalPage.objects.filter(pk=cls.page.pk).update(updated_at=cls.old)

    def status(self):
        rows = {row.item.code: row for row in oit.checklist(self.province, 2566)}
        return rows["O5"].status, rows["O5"].updated

    def test_a_re_publish_without_change_does_not_make_a_stale_page_fresh(self):
        self.assertEqual(self.status(), (oit.STALE, date(2022, 9, 30)))
        services.unpublish_page(self.page, acting_user=self.approver)
        services.publish_page(self.page, acting_user=self.approver)
        self.page.refresh_from_db()
        self.assertEqual(self.page.updated_at, self.old)
        self.assertEqual(self.status(), (oit.STALE, date(2022, 9, 30)))

    def test_a_change_of_its_content_makes_it_fresh(self):
        services.save_page(
            self.province, "laws", title="กฎหมาย", body="ฉบับปรับปรุง", acting_user=self.approver
        )
        self.assertEqual(self.status()[0], oit.PUBLISHED)


# These fixtures have a few responses; the threshold has its own tests (test_survey_privacy).
@override_settings(SAISAAT_SURVEY_MIN_PUBLIC_RESPONSES=0)
class SurveyResultsPublicationTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    def test_survey_results_go_public_by_an_audited_flag_of_the_offices_managers(self):
        from saisaat.surveys import services as surveys

        survey = surveys.create_survey(self.district_a, fiscal_year=2566, title="ความพึงพอใจ")
        url = reverse("portal:survey", args=[self.district_a.code, survey.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        with self.assertRaises(PermissionDenied):
            surveys.set_results_published(survey, True, acting_user=self.district_b_officer)
        self.client.force_login(self.district_a_head)
        toggle = reverse("surveys:survey-results-public", args=[survey.pk])
        self.client.post(toggle, {"publish": "1"})
        self.client.post(toggle, {"publish": "1"})
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 200)
        surveys.set_results_published(survey, False, acting_user=self.district_a_head)
        self.assertEqual(self.client.get(url).status_code, 404)
        actions = list(
            Entry.objects.for_object(survey)
            .filter(action__startswith="surveys.results_")
            .order_by("sequence")
            .values_list("action", flat=True)
        )
        self.assertEqual(actions, ["surveys.results_published", "surveys.results_withdrawn"])

    def test_the_oit_survey_item_is_missing_until_the_office_publishes_results(self):
        from saisaat.surveys import services as surveys

        oit.ensure_items(2566)

        def rows():
            return {row.item.code: row for row in oit.checklist(self.district_a, 2566)}

        earlier = surveys.create_survey(self.district_a, fiscal_year=2565, title="ปีก่อน")
        surveys.set_results_published(earlier, True, acting_user=self.district_a_head)
        survey = surveys.create_survey(self.district_a, fiscal_year=2566, title="ความพึงพอใจ")
        # The year before's results do not answer this year's item.
        self.assertEqual((rows()["O15"].status, rows()["O15"].url), (oit.MISSING, ""))
        # Nor do the spending plan or the partner activities count before there are any.
        self.assertEqual(rows()["O28"].status, oit.MISSING)
        surveys.set_results_published(survey, True, acting_user=self.district_a_head)
        published = rows()["O15"]
        self.assertEqual(published.status, oit.PUBLISHED)
        self.assertEqual(published.url, reverse("portal:surveys", args=[self.district_a.code]))
