"""The admin site is no way around the audit log: every admin that can change data
records its saves and deletions, inlines included."""

from django.contrib import admin
from django.test import TestCase
from django.urls import reverse

from saisaat.audit.admin import AuditedAdmin
from saisaat.audit.models import Entry
from saisaat.orgs.admin import UserAdmin
from saisaat.orgs.models import Unit, User, WorkGroup
from saisaat.participation.models import Course


class EveryAdminIsAuditedTests(TestCase):
    def test_every_project_admin_that_changes_data_records_it(self):
        # The account admin saves through ``orgs.accounts.save_user``, an audited service.
        for model, model_admin in admin.site._registry.items():
            if not model.__module__.startswith("saisaat."):
                continue
            with self.subTest(model=model._meta.label):
                self.assertTrue(
                    isinstance(model_admin, AuditedAdmin | UserAdmin),
                    f"{model._meta.label}'s admin does not record its changes",
                )


class AdminEditsAreRecordedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.department = Unit.objects.create(code="00", kind="department", name_th="กรม")
        cls.province = Unit.objects.create(
            code="43", kind="province", name_th="สพจ.หนองคาย", parent=cls.department
        )
        cls.superuser = User.objects.create_superuser("root", password="x" * 16)

    def setUp(self):
        self.client.force_login(self.superuser)

    def test_a_course_added_and_changed_on_the_admin_site_is_in_the_log(self):
        add = reverse("admin:participation_course_add")
        response = self.client.post(
            add, {"code": "C1", "name_th": "หลักสูตรต้านทุจริต", "provider": "ป.ป.ช."}
        )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        course = Course.objects.get(code="C1")
        change = reverse("admin:participation_course_change", args=[course.pk])
        self.client.post(change, {"code": "C1", "name_th": "หลักสูตรใหม่", "provider": "ป.ป.ช."})
        actions = list(
            Entry.objects.filter(object_type="participation.course", object_id=str(course.pk))
            .order_by("sequence")
            .values_list("action", flat=True)
        )
        self.assertEqual(actions, ["participation.course_created", "participation.course_changed"])

    def test_a_work_group_added_through_the_unit_page_is_in_the_log(self):
        change = reverse("admin:orgs_unit_change", args=[self.province.pk])
        response = self.client.post(
            change,
            {
                "code": "43",
                "name_th": "สพจ.หนองคาย",
                "name_en": "",
                "short_name_th": "",
                "work_groups-TOTAL_FORMS": "1",
                "work_groups-INITIAL_FORMS": "0",
                "work_groups-MIN_NUM_FORMS": "0",
                "work_groups-MAX_NUM_FORMS": "1000",
                "work_groups-0-function": "coordination",
                "work_groups-0-name_th": "ฝ่ายบริหารงานทั่วไป",
                "work_groups-0-name_en": "",
            },
        )
        self.assertEqual(response.status_code, 302)
        group = WorkGroup.objects.get(unit=self.province)
        self.assertTrue(
            Entry.objects.filter(
                object_type="orgs.workgroup",
                object_id=str(group.pk),
                action="orgs.workgroup_created",
            ).exists()
        )
