"""Each change to a person's sign-in devices writes one audit entry, without a secret."""

from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from saisaat.accounts.tests.test_second_factor import code_for
from saisaat.audit.models import Entry
from saisaat.testing.base import PASSWORD, PersonaTestCase


@override_settings(SAISAAT_REQUIRE_2FA=True)
class DeviceAuditTests(PersonaTestCase):
    load_plan = False

    def new_entries(self, since: int) -> list[Entry]:
        return list(Entry.objects.filter(sequence__gt=since).order_by("sequence"))

    def last(self) -> int:
        return Entry.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0

    def assert_no_secret(self, entries, secrets):
        text = str([(e.changes, e.object_label, e.reason) for e in entries])
        for secret in secrets:
            self.assertNotIn(secret, text)

    def test_enrolling_and_using_a_recovery_code_each_write_one_entry(self):
        self.client.post(
            reverse("login"), {"username": self.approver.username, "password": PASSWORD}
        )
        start = self.last()
        self.client.get(reverse("accounts:two-factor-setup"))
        self.client.get(reverse("accounts:two-factor-setup"))  # the same pending device
        created = self.new_entries(start)
        self.assertEqual([e.action for e in created], ["accounts.totp_created"])
        device = TOTPDevice.objects.get(user=self.approver, confirmed=False)
        self.assertEqual(created[0].object_id, str(device.pk))
        self.assertEqual(created[0].changes, {"confirmed": [None, False]})
        self.assertEqual(created[0].actor_id, self.approver.pk)
        self.assertEqual(created[0].unit_id, self.approver.unit_id)

        start = self.last()
        response = self.client.post(
            reverse("accounts:two-factor-setup"), {"code": code_for(device)}
        )
        codes = response.context["codes"]
        confirmed = self.new_entries(start)
        self.assertEqual(
            [e.action for e in confirmed],
            ["accounts.totp_enrolled", "accounts.recovery_codes_issued"],
        )

        self.client.logout()
        self.client.post(
            reverse("login"), {"username": self.approver.username, "password": PASSWORD}
        )
        start = self.last()
        self.client.post(reverse("accounts:two-factor-verify"), {"code": codes[3]})
        used = self.new_entries(start)
        self.assertEqual([e.action for e in used], ["accounts.recovery_code_used"])
        self.assertEqual(used[0].changes, {"codes_left": [10, 9]})
        # A wrong code writes nothing.
        self.client.logout()
        self.client.post(
            reverse("login"), {"username": self.approver.username, "password": PASSWORD}
        )
        start = self.last()
        self.client.post(reverse("accounts:two-factor-verify"), {"code": "wrong-code"})
        self.assertEqual(self.new_entries(start), [])

        entries = Entry.objects.filter(action__startswith="accounts")
        self.assert_no_secret(entries, [device.key, *codes])
