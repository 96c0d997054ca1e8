"""A complaint officer designated on the admin site obeys the same office rule as in the app:
an administrator cannot make himself (or anyone from another office) officer of an office
and so read its complainants' identities."""

from django.core.exceptions import ValidationError

from saisaat.audit.models import Entry
from saisaat.complaints import services
from saisaat.complaints.models import ComplaintOfficer
from saisaat.testing.base import PersonaTestCase


class OfficerDesignationOnAdminTests(PersonaTestCase):
    load_plan = False

    def test_it_refuses_someone_from_another_office(self):
        officer = ComplaintOfficer(unit=self.district_a, user=self.administrator)
        with self.assertRaises(ValidationError):
            officer.full_clean()
        entries = Entry.objects.count()
        with self.assertRaises(ValidationError):
            services.save_officer(officer, acting_user=self.administrator, save=officer.save)
        self.assertFalse(ComplaintOfficer.objects.filter(user=self.administrator).exists())
        self.assertEqual(Entry.objects.count(), entries)

    def test_it_designates_staff_of_the_office(self):
        officer = ComplaintOfficer(unit=self.district_a, user=self.district_a_officer)
        officer.full_clean()
        services.save_officer(officer, acting_user=self.administrator, save=officer.save)
        self.assertTrue(ComplaintOfficer.objects.filter(user=self.district_a_officer).exists())
