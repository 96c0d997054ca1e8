"""Enrolling an authenticator, issuing recovery codes and using one: each an atomic change,
logged. The entries name the device and what changed, never a key, a code or a token."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from saisaat.audit import services as audit
from saisaat.orgs.models import User
from saisaat.orgs.protection import is_protected
from saisaat.thai.numbers import is_number

log = logging.getLogger(__name__)

AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"
RECOVERY_CODE_COUNT = 10


def pending_authenticator(user: User) -> TOTPDevice:
    """The authenticator being enrolled: the same key until it is confirmed, so that reloading
    the page does not change the QR code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        with transaction.atomic():
            device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
            _audit(
                user,
                "accounts.totp_created",
                ("otp_totp.totpdevice", device.pk),
                {"confirmed": [None, False]},
            )
    return device


@transaction.atomic
def confirm_authenticator(device: TOTPDevice, *, acting_user: User) -> list[str]:
    """Make the scanned authenticator the person's only one and return fresh recovery codes."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=acting_user)
    others = TOTPDevice.objects.filter(user=acting_user).exclude(pk=device.pk)
    removed = sorted(others.values_list("pk", flat=True))
    others.delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    log.warning("two-factor: %s enrolled an authenticator", acting_user.get_username())
    # The entries name the device and what changed, never its key nor the codes.
    changes = {"confirmed": [False, True]}
    if removed:
        changes["removed_devices"] = [removed, []]
    _audit(acting_user, "accounts.totp_enrolled", ("otp_totp.totpdevice", device.pk), changes)
    return _replace_recovery_codes(acting_user)


@transaction.atomic
def new_recovery_codes(*, acting_user: User) -> list[str]:
    """Replace the person's recovery codes; the old ones stop working."""
    log.warning("two-factor: %s issued new recovery codes", acting_user.get_username())
    return _replace_recovery_codes(acting_user)


def device_accepting(user: User, code: str):
    """The device that accepts ``code``, or None: six digits go to the authenticator,
    anything else to the recovery codes. Each device counts its own failures and makes the
    next try wait. A recovery code works once; using one is logged with how many are left."""
    wanted = TOTPDevice if is_number(code) and len(code) == 6 else StaticDevice
    # for_verify locks the devices (select_for_update) so two guesses cannot both count as
    # the first: that needs a transaction, which PostgreSQL enforces.
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, wanted) and device.verify_token(code):
                if isinstance(device, StaticDevice):
                    left = device.token_set.count()
                    log.warning("two-factor: %s used a recovery code", user.get_username())
                    _audit(
                        user,
                        "accounts.recovery_code_used",
                        ("otp_static.staticdevice", device.pk),
                        {"codes_left": [left + 1, left]},
                    )
                return device
    return None


def _replace_recovery_codes(user: User) -> list[str]:
    replaced = sorted(StaticDevice.objects.filter(user=user).values_list("pk", flat=True))
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    _audit(
        user,
        "accounts.recovery_codes_issued",
        ("otp_static.staticdevice", device.pk),
        {"codes": [None, RECOVERY_CODE_COUNT]}
        | ({"replaced_devices": [replaced, []]} if replaced else {}),
    )
    return codes


def _audit(user: User, action: str, device: tuple[str, int], changes: dict) -> None:
    """One entry for a change to the person's own sign-in devices, on their office."""
    object_type, object_id = device
    audit.record(
        user,
        action,
        (object_type, object_id, f"{user.get_username()}: {action.split('.', 1)[1]}"),
        changes=changes,
        unit=user.unit_id,
    )


@transaction.atomic
def remove_device(device, *, acting_user: User) -> None:
    """Remove someone's authenticator or recovery codes (the admin site's delete): only
    for an account that is not protected; a protected one needs a confirmed sign-in
    reset (``accounts.resets``). The entry names the device, never its key or codes."""
    if is_protected(device.user):
        raise PermissionDenied
    label = device._meta.label_lower
    audit.record(
        acting_user,
        "accounts.device_removed",
        (label, device.pk, f"{device.user.get_username()}: {device.name}"),
        changes={"user": [device.user_id, None], "confirmed": [device.confirmed, None]},
        unit=device.user.unit_id,
        reason="admin site",
    )
    device.delete()
