"""What each persona gets from each innovation view: 200, 302, 403, 404 or 405."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from saisaat.participation.models import InnovationMeasurement
from saisaat.participation.services import innovation as services
from saisaat.participation.tests.test_partners_permissions import (
    DISTRICT_A_MANAGERS,
    DISTRICT_A_READERS,
    PROVINCE_EDIT_PAGE,
    PROVINCE_MANAGERS,
    PROVINCE_READERS,
)
from saisaat.testing.base import PersonaTestCase


class InnovationPermissionTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.project = services.create_project(
            cls.province, title="ใสสะอาด", started_on=date(2022, 11, 10)
        )
        cls.figure = services.add_measurement(
            cls.project, metric="เวลา", unit_label="วัน", before=Decimal(5), after=Decimal(1)
        )
        cls.district_project = services.create_project(
            cls.district_a, title="QR", started_on=date(2023, 1, 10)
        )
        cls.district_figure = services.add_measurement(
            cls.district_project, metric="เวลา", before=Decimal(7), after=Decimal(2)
        )

    def test_it_guards_the_innovation_list(self):
        url = reverse("participation:innovation-list", args=["43"])
        self.assert_statuses("get", url, PROVINCE_READERS)
        self.assert_statuses(
            "get", reverse("participation:innovation-list", args=["4301"]), DISTRICT_A_READERS
        )
        self.assert_statuses("post", url, {"approver": 405})

    def test_it_guards_recording_an_innovation(self):
        url = reverse("participation:innovation-add", args=["43"])
        data = {"title": "นวัตกรรมใหม่", "started_on": "2023-02-01"}
        self.assert_statuses("post", url, PROVINCE_MANAGERS, data)
        self.assert_statuses("get", url, {"approver": 405})
        self.assert_statuses(
            "post",
            reverse("participation:innovation-add", args=["4301"]),
            DISTRICT_A_MANAGERS,
            data,
        )

    def test_it_guards_the_innovation_page(self):
        url = reverse("participation:innovation-detail", args=[self.project.pk])
        self.assert_statuses("get", url, PROVINCE_READERS)
        self.assert_statuses("post", url, {"approver": 405})
        district_url = reverse("participation:innovation-detail", args=[self.district_project.pk])
        self.assert_statuses("get", district_url, DISTRICT_A_READERS)

    def test_it_guards_editing_an_innovation(self):
        url = reverse("participation:innovation-edit", args=[self.project.pk])
        self.assert_statuses("get", url, PROVINCE_EDIT_PAGE)
        self.assert_statuses(
            "post", url, PROVINCE_MANAGERS, {"title": "ใสสะอาด", "started_on": "2022-11-10"}
        )
        district_url = reverse("participation:innovation-edit", args=[self.district_project.pk])
        self.assert_statuses("get", district_url, DISTRICT_A_MANAGERS)

    def test_it_guards_adding_a_figure(self):
        url = reverse("participation:innovation-measurement-add", args=[self.project.pk])
        data = {"metric": "ขั้นตอน", "before": "9", "after": "4", "lower_is_better": "on"}
        self.assert_statuses("post", url, PROVINCE_MANAGERS, data)
        self.assert_statuses("get", url, {"approver": 405})

    def test_it_guards_editing_a_figure(self):
        url = reverse("participation:innovation-measurement-edit", args=[self.figure.pk])
        data = {"metric": "เวลา", "before": "5", "after": "1", "lower_is_better": "on"}
        self.assert_statuses("get", url, PROVINCE_EDIT_PAGE)
        self.assert_statuses("post", url, PROVINCE_MANAGERS, data)
        district_url = reverse(
            "participation:innovation-measurement-edit", args=[self.district_figure.pk]
        )
        self.assert_statuses("get", district_url, DISTRICT_A_MANAGERS)

    def test_it_guards_removing_a_figure(self):
        district_url = reverse(
            "participation:innovation-measurement-delete", args=[self.district_figure.pk]
        )
        self.assert_statuses("post", district_url, DISTRICT_A_MANAGERS)
        self.assertTrue(InnovationMeasurement.objects.filter(pk=self.district_figure.pk).exists())
        url = reverse("participation:innovation-measurement-delete", args=[self.figure.pk])
        self.assert_statuses("get", url, {"approver": 405})
        refused = {k: v for k, v in PROVINCE_MANAGERS.items() if v != 302}
        self.assert_statuses("post", url, {**refused, "anonymous": 302})
        self.assertTrue(InnovationMeasurement.objects.filter(pk=self.figure.pk).exists())
        self.assert_statuses("post", url, {"approver": 302})
        self.assert_statuses("post", url, {"administrator": 404})
