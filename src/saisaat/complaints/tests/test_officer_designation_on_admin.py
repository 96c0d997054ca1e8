"""A complaint officer is never designated on the admin site (it is read-only there), and the
office rule holds on the app's path: an administrator cannot make himself (or anyone from
another office) officer of an office and so read its complainants' identities."""

from django.core.exceptions import PermissionDenied, ValidationError

from saisaat.audit.models import Entry
from saisaat.complaints import services
from saisaat.complaints.admin import ComplaintOfficerAdmin
from saisaat.complaints.models import ComplaintOfficer
from saisaat.orgs.models import User
from saisaat.testing.base import PersonaTestCase, make_user


class OfficerDesignationOnAdminTests(PersonaTestCase):
    load_plan = False

    def test_the_admin_site_has_no_add_change_or_delete(self):
        from django.contrib import admin
        from django.test import RequestFactory

        request = RequestFactory().get("/")
        request.user = make_user("root", self.province, is_superuser=True, is_staff=True)
        model_admin = ComplaintOfficerAdmin(ComplaintOfficer, admin.site)
        self.assertFalse(model_admin.has_add_permission(request))
        self.assertFalse(model_admin.has_change_permission(request))
        self.assertFalse(model_admin.has_delete_permission(request))

    def test_it_refuses_someone_from_another_office(self):
        head = make_user("district-a-head", self.district_a, role=User.Role.APPROVER)
        entries = Entry.objects.count()
        with self.assertRaises(ValidationError):
            services.propose_officer(self.district_a, self.administrator, acting_user=head)
        with self.assertRaises(PermissionDenied):
            services.propose_officer(
                self.district_a, self.district_a_officer, acting_user=self.administrator
            )
        self.assertFalse(ComplaintOfficer.objects.exists())
        self.assertEqual(Entry.objects.count(), entries)

    def test_it_designates_staff_of_the_office_once_confirmed(self):
        head = make_user("district-a-head", self.district_a, role=User.Role.APPROVER)
        officer = services.propose_officer(
            self.district_a, self.district_a_officer, acting_user=head
        )
        self.assertFalse(ComplaintOfficer.objects.current().exists())
        services.confirm_officer(officer, acting_user=self.department_officer)
        self.assertTrue(ComplaintOfficer.objects.current().filter(user=self.district_a_officer))
