"""Sign-in resets: a new password or a new authenticator for someone who lost theirs.

One administrator requests, a department administrator who is neither the requester nor
the person confirms or refuses; each step is audited and the person is told. No one
learns the new password: the old one stops working and a link to set a new one goes to
the person's own e-mail address (which, for a protected account, no administrator can
change). A removed authenticator is enrolled again at the next sign-in.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from saisaat.audit import services as audit
from saisaat.notices.models import Notice
from saisaat.notices.services import Email, notify
from saisaat.orgs.models import SignInReset, User

FIELDS = ["user", "kind", "reason", "status", "requested_by", "decided_by"]
SESSION_USER_KEY = "_auth_user_id"


def is_requester(actor: User) -> bool:
    """Superusers and administrators (of any office) request resets."""
    return bool(
        actor.is_authenticated
        and actor.is_active
        and (actor.is_superuser or actor.role == User.Role.ADMINISTRATOR)
    )


def people_for(actor: User):
    """Whom ``actor`` may request a reset for: the active accounts of the offices they
    see (every office for the department's administrators), never themselves."""
    if not is_requester(actor):
        return User.objects.none()
    people = User.objects.filter(is_active=True).exclude(pk=actor.pk)
    if not (actor.is_superuser or actor.is_department_administrator):
        people = people.filter(unit__in=actor.visible_units())
    return people


def can_decide(actor: User, reset: SignInReset) -> bool:
    return (
        actor.is_authenticated
        and actor.is_department_administrator
        and actor.pk not in (reset.requested_by_id, reset.user_id)
    )


def _audit(reset: SignInReset, action: str, actor, changes: dict) -> None:
    audit.record(
        actor, action, reset, changes=changes, unit=reset.user.unit_id, label=str(reset.user)
    )


@transaction.atomic
def request_reset(person: User, kind: str, reason: str, *, acting_user: User) -> SignInReset:
    if not people_for(acting_user).filter(pk=person.pk).exists():
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the reset is needed and how you checked who asked."))
    if kind not in SignInReset.Kind.values:
        raise ValidationError(_("Choose what to reset."))
    if kind != SignInReset.Kind.AUTHENTICATOR and not person.email:
        raise ValidationError(
            _(
                "This account has no e-mail address to send the password link to. The "
                "person's e-mail address must be on their account first."
            )
        )
    User.objects.select_for_update().get(pk=person.pk)
    if SignInReset.objects.filter(user=person, status=SignInReset.Status.PENDING).exists():
        raise ValidationError(_("A reset for this person is already waiting."))
    reset = SignInReset.objects.create(
        user=person, kind=kind, reason=reason[:500], requested_by=acting_user
    )
    _audit(reset, "accounts.sign_in_reset_requested", acting_user, audit.created(reset, FIELDS))
    # Told at once, so that someone whose account is being taken over can object.
    message = _(
        "%(requester)s asked for a reset of your sign-in (%(what)s); it takes effect when "
        "a department administrator confirms it."
    ) % {"requester": acting_user, "what": reset.get_kind_display()}
    notify(
        [person],
        Notice.Kind.SIGN_IN_RESET,
        reset,
        key="requested",
        message=message,
        email=Email.NOW,
    )
    return reset


def _pending(reset: SignInReset, acting_user: User) -> SignInReset:
    reset = SignInReset.objects.select_for_update().select_related("user").get(pk=reset.pk)
    if not can_decide(acting_user, reset):
        raise PermissionDenied
    if reset.status != SignInReset.Status.PENDING:
        raise ValidationError(_("This reset was already decided."))
    return reset


def _decide(reset: SignInReset, status: str, acting_user: User, extra: dict) -> None:
    before = audit.snapshot(reset, ["status", "decided_by"])
    reset.status = status
    reset.decided_by = acting_user
    reset.decided_at = timezone.now()
    reset.save(update_fields=["status", "decided_by", "decided_at"])
    changes = audit.diff(before, audit.snapshot(reset, ["status", "decided_by"])) | extra
    action = (
        "accounts.sign_in_reset_confirmed"
        if status == SignInReset.Status.CONFIRMED
        else "accounts.sign_in_reset_refused"
    )
    _audit(reset, action, acting_user, changes)


def end_sessions(user: User) -> int:
    """Sign the person out everywhere (database sessions: a rare, bounded walk over the
    sessions still alive)."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_USER_KEY)) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


def _password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password-reset-confirm", args=[uid, token])
    return settings.SAISAAT_BASE_URL.rstrip("/") + path


def _send_link(user: User, link: str) -> None:
    subject = _("Saisaat: set a new password")
    body = _(
        "An administrator reset your Saisaat password at your request, and a second "
        "administrator confirmed it. Set a new password here (the link works once, for "
        "%(days)s days):\n\n%(link)s\n\nIf you did not ask for this, tell your office head."
    ) % {"link": link, "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)}
    transaction.on_commit(
        lambda: send_mail(
            subject,
            body,
            None,
            [user.email],
            connection=get_connection(fail_silently=True),
        )
    )


@transaction.atomic
def confirm_reset(reset: SignInReset, *, acting_user: User) -> SignInReset:
    """The second person's consent: the reset is done now. The old password stops
    working (the link sets a new one), the authenticator and recovery codes are removed,
    the person is signed out everywhere and told."""
    reset = _pending(reset, acting_user)
    user = User.objects.select_for_update().get(pk=reset.user_id)
    extra = {}
    if reset.removes_authenticator:
        removed = sorted(
            [
                f"totp:{pk}"
                for pk in TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)
            ]
            + [
                f"static:{pk}"
                for pk in StaticDevice.objects.filter(user=user).values_list("pk", flat=True)
            ]
        )
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        extra["removed_devices"] = [removed, []]
    if reset.resets_password:
        if not user.email:
            raise ValidationError(_("This account has no e-mail address to send the link to."))
        user.set_unusable_password()
        user.save(update_fields=["password"])
        extra["password"] = ["old", "link sent"]
        _send_link(user, _password_link(user))
    extra["sessions_ended"] = [None, end_sessions(user)]
    _decide(reset, SignInReset.Status.CONFIRMED, acting_user, extra)
    message = _(
        "Your sign-in was reset (%(what)s), requested by %(requester)s, confirmed by %(decider)s."
    ) % {
        "what": reset.get_kind_display(),
        "requester": reset.requested_by,
        "decider": acting_user,
    }
    notify(
        [user], Notice.Kind.SIGN_IN_RESET, reset, key="confirmed", message=message, email=Email.NOW
    )
    return reset


@transaction.atomic
def refuse_reset(reset: SignInReset, *, acting_user: User) -> SignInReset:
    reset = _pending(reset, acting_user)
    _decide(reset, SignInReset.Status.REFUSED, acting_user, {})
    return reset


def visible_resets(actor: User):
    """The resets a person sees on the page: every one for the department's administrators
    and superusers, those of the offices they see for other administrators."""
    resets = SignInReset.objects.select_related("user", "user__unit", "requested_by", "decided_by")
    if actor.is_superuser or actor.is_department_administrator:
        return resets
    if not is_requester(actor):
        return resets.none()
    return resets.filter(user__unit__in=actor.visible_units())
