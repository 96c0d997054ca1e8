"""Who must sign in with a second factor, and what the session remembers about sign-in.

The decision is taken once, when the password is accepted, and kept in the session: a
page view then costs no query for it. A role given during a session applies from the
next sign-in, which the absolute session limit brings within a working day.
"""

from django.conf import settings
from django_otp import user_has_device

from saisaat.complaints.models import ComplaintOfficer
from saisaat.orgs.models import User

# Session keys.
SIGNED_IN_AT = "saisaat_signed_in_at"
LAST_SEEN = "saisaat_last_seen"
SECOND_FACTOR_STEP = "saisaat_second_factor"
# Values of SECOND_FACTOR_STEP: what the person must do before any other page.
VERIFY = "verify"
ENROL = "enrol"


def requires_second_factor(user: User) -> bool:
    """Approvers, administrators (and anyone who can open the admin site) and the
    designated complaint officers read what others must not: they sign in with a code."""
    return (
        user.is_superuser
        or user.is_staff
        or user.role in (User.Role.APPROVER, User.Role.ADMINISTRATOR)
        or ComplaintOfficer.objects.current().filter(user=user).exists()
    )


def second_factor_step(user: User) -> str | None:
    """What stands between a password sign-in and the app: a code from an enrolled device
    (always asked once a person has one), enrolment (when the role requires it), or nothing."""
    if user_has_device(user, confirmed=True):
        return VERIFY
    if settings.SAISAAT_REQUIRE_2FA and requires_second_factor(user):
        return ENROL
    return None
