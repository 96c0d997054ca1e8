"""Handling a complaint: statuses, reopening, routing, notes, deadlines, history."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from saisaat.complaints import services
from saisaat.complaints.models import Complaint, ComplaintEvent
from saisaat.complaints.tests.helpers import ComplaintTestCase, aware


class HandlingServiceTests(ComplaintTestCase):
    def test_each_transition_writes_who_when_from_and_to(self):
        complaint = self.make_complaint()
        services.change_status(complaint, "acknowledged", acting_user=self.approver, note="n1")
        services.change_status(complaint, "investigating", acting_user=self.approver)
        services.change_status(
            complaint, "resolved", acting_user=self.approver, public_message="แก้ไขแล้ว"
        )
        complaint.refresh_from_db()
        self.assertEqual(complaint.status, "resolved")
        self.assertIsNotNone(complaint.acknowledged_at)
        self.assertIsNotNone(complaint.closed_at)
        steps = list(
            complaint.events.filter(action="status").values_list(
                "actor__username", "from_status", "to_status"
            )
        )
        self.assertEqual(
            steps,
            [
                ("prov-director", "received", "acknowledged"),
                ("prov-director", "acknowledged", "investigating"),
                ("prov-director", "investigating", "resolved"),
            ],
        )

    def test_a_complaint_cannot_skip_acknowledgement_to_resolved(self):
        complaint = self.make_complaint()
        with self.assertRaises(ValidationError):
            services.change_status(complaint, "resolved", acting_user=self.approver)
        self.assertEqual(Complaint.objects.get().status, "received")

    def test_forwarding_needs_the_agency(self):
        complaint = self.make_complaint()
        with self.assertRaises(ValidationError):
            services.change_status(complaint, "forwarded", acting_user=self.approver)
        services.change_status(
            complaint, "forwarded", acting_user=self.approver, forwarded_to="ศูนย์ดำรงธรรม"
        )
        self.assertEqual(Complaint.objects.get().forwarded_to, "ศูนย์ดำรงธรรม")

    @override_settings(SAISAAT_COMPLAINT_FINISH_DAYS=10)
    def test_a_closed_complaint_can_be_reopened_with_a_new_deadline(self):
        complaint = self.make_complaint(received_at=aware(2023, 1, 2, 9))
        services.change_status(complaint, "acknowledged", acting_user=self.approver)
        services.change_status(complaint, "unsubstantiated", acting_user=self.approver)
        event = services.change_status(
            complaint, "investigating", acting_user=self.approver, when=aware(2023, 3, 1, 9)
        )
        complaint.refresh_from_db()
        self.assertEqual(event.action, ComplaintEvent.Action.REOPENED)
        self.assertEqual(complaint.status, "investigating")
        self.assertIsNone(complaint.closed_at)
        self.assertEqual(complaint.finish_due, date(2023, 3, 11))

    @override_settings(SAISAAT_COMPLAINT_ACKNOWLEDGE_DAYS=3, SAISAAT_COMPLAINT_FINISH_DAYS=20)
    def test_deadlines_come_from_the_settings_and_overdue_is_flagged(self):
        complaint = self.make_complaint(received_at=aware(2023, 1, 2, 9))
        self.assertEqual(complaint.acknowledge_due, date(2023, 1, 5))
        self.assertEqual(complaint.finish_due, date(2023, 1, 22))
        self.assertTrue(complaint.is_acknowledgement_overdue(date(2023, 1, 6)))
        self.assertFalse(complaint.is_acknowledgement_overdue(date(2023, 1, 5)))
        self.assertEqual(
            list(Complaint.objects.acknowledgement_overdue(date(2023, 1, 6))), [complaint]
        )
        self.assertEqual(list(Complaint.objects.overdue(date(2023, 1, 23))), [complaint])
        services.change_status(complaint, "forwarded", acting_user=self.approver, forwarded_to="x")
        self.assertFalse(Complaint.objects.overdue(date(2023, 1, 23)).exists())

    def test_routing_to_a_district_and_not_outside_the_province(self):
        complaint = self.make_complaint()
        services.route_complaint(complaint, self.district_a, acting_user=self.approver, note="มอบ")
        complaint.refresh_from_db()
        self.assertEqual((complaint.unit, complaint.province), (self.district_a, self.province))
        event = complaint.events.get(action="routed")
        self.assertEqual((event.from_unit, event.to_unit), (self.province, self.district_a))
        with self.assertRaises(ValidationError):
            services.route_complaint(complaint, self.other_province, acting_user=self.approver)


class HandlingViewTests(ComplaintTestCase):
    def test_an_officer_handles_a_complaint_and_the_citizen_sees_it(self):
        complaint = self.make_complaint()
        self.login(self.provincial_officer)
        url = reverse("complaints:status", args=[complaint.pk])
        response = self.client.post(
            url,
            {"to_status": "acknowledged", "public_message": "รับเรื่อง", "note": "บันทึกลับเฉพาะเจ้าหน้าที่"},
        )
        self.assertRedirects(response, complaint.get_absolute_url())
        self.client.logout()
        tracked = self.client.post(reverse("complaints:track"), {"code": complaint.tracking_code})
        self.assertContains(tracked, "รับเรื่อง")
        self.assertNotContains(tracked, "บันทึกลับเฉพาะเจ้าหน้าที่")

    def test_a_disallowed_status_is_a_form_error_not_a_server_error(self):
        complaint = self.make_complaint()
        self.login(self.provincial_officer)
        response = self.client.post(
            reverse("complaints:status", args=[complaint.pk]), {"to_status": "resolved"}
        )
        self.assertEqual(response.status_code, 400)
        response = self.client.post(
            reverse("complaints:status", args=[complaint.pk]), {"to_status": "forwarded"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'role="alert"', status_code=400)

    def test_a_district_officer_handles_what_is_routed_to_the_district(self):
        complaint = self.make_complaint(unit=self.district_a)
        self.login(self.district_a_officer)
        response = self.client.post(
            reverse("complaints:note", args=[complaint.pk]), {"text": "ลงพื้นที่แล้ว"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(complaint.events.filter(action="note", note="ลงพื้นที่แล้ว").exists())

    def test_the_list_flags_overdue_complaints(self):
        old = self.make_complaint(received_at=aware(2023, 1, 2, 9))
        fresh = self.make_complaint()
        self.login(self.provincial_officer)
        response = self.client.get(reverse("complaints:unit-list", args=["43"]))
        self.assertContains(response, "overdue-ack", count=1)
        overdue_only = self.client.get(
            reverse("complaints:unit-list", args=["43"]), {"overdue": "1"}
        )
        codes = [c.pk for c in overdue_only.context["page"]]
        self.assertEqual(codes, [old.pk])
        self.assertNotIn(fresh.pk, codes)

    def test_staff_record_a_phone_complaint_with_its_channel(self):
        self.login(self.provincial_officer)
        channel = self.province.complaint_channels.get(medium="phone")
        received = (date.today() - timedelta(days=3)).isoformat()
        response = self.client.post(
            reverse("complaints:record", args=["43"]),
            {
                "category": "service",
                "channel": channel.pk,
                "received_on": received,
                "description": "โทรมาแจ้งว่ารอนาน",
                "identity": "named",
                "name": "ผู้โทร",
                "phone": "0800000000",
            },
        )
        complaint = Complaint.objects.get()
        self.assertRedirects(response, complaint.get_absolute_url())
        self.assertEqual((complaint.channel, complaint.medium), (channel, "phone"))
        self.assertEqual(complaint.recorded_by, self.provincial_officer)
        self.assertEqual(complaint.received_at.date().isoformat(), received)
