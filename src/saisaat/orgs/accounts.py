"""Changes to accounts and offices, made from the admin site, through one audited path."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from saisaat.audit import services as audit
from saisaat.orgs.models import WorkGroup
from saisaat.orgs.protection import FIXED_FIELDS, is_protected
from saisaat.orgs.roles import GRANT_REFUSED, grants_approver_role

USER_FIELDS = [
    "username",
    "first_name",
    "last_name",
    "email",
    "unit",
    "work_group",
    "role",
    "position",
    "is_active",
    "is_staff",
    "is_superuser",
]
PROTECTED_REFUSED = gettext_noop(
    "This account is protected (an approver, a complaint officer or a department "
    "administrator): its password, username, e-mail address and active status are not "
    "changed here, and it is not deleted here. Ask for a sign-in reset, which a second "
    "administrator confirms."
)
UNIT_FIELDS = ["code", "kind", "name_th", "name_en", "short_name_th", "parent"]


@transaction.atomic
def save_user(user, *, acting_user, save) -> None:
    """Save an account with ``save()`` and log who changed its role, office or rights;
    a new password is logged as changed, never its hash. An approver role (office head,
    group director) is never given here: only ``orgs.roles`` gives it, with a second
    person's consent."""
    adding = user.pk is None
    before = {} if adding else audit.stored(user, USER_FIELDS + ["password"])
    if grants_approver_role(before, audit.snapshot(user, USER_FIELDS)):
        raise ValidationError(_(GRANT_REFUSED))
    if not adding and is_protected(user):
        now = audit.snapshot(user, FIXED_FIELDS)
        if any(before[name] != now[name] for name in FIXED_FIELDS):
            raise ValidationError(_(PROTECTED_REFUSED))
    save()
    after = audit.snapshot(user, USER_FIELDS + ["password"])
    if before.get("password") != after["password"]:
        before["password"], after["password"] = (None if adding else "old"), "new"
    else:
        before.pop("password", None)
        after.pop("password")
    audit.record(
        acting_user,
        "orgs.user_created" if adding else "orgs.user_changed",
        user,
        changes=audit.diff(before, after),
        unit=user.unit_id,
    )


@transaction.atomic
def delete_user(user, *, acting_user) -> None:
    if is_protected(user):
        raise ValidationError(_(PROTECTED_REFUSED))
    audit.record(
        acting_user,
        "orgs.user_deleted",
        user,
        changes=audit.diff(audit.snapshot(user, USER_FIELDS), {}),
        unit=user.unit_id,
    )
    user.delete()


@transaction.atomic
def record_password_set(user, *, acting_user) -> None:
    """Log a password set on the admin site (by Django's own form), never the hash."""
    audit.record(
        acting_user,
        "orgs.user_changed",
        user,
        changes={"password": ["old", "new"]},
        unit=user.unit_id,
        reason="admin site",
    )


# A unit's place in the tree says who its administrators are (a department's
# administrators confirm role changes and designations): fixed once the unit exists.
FIXED_UNIT_FIELDS = ["kind", "parent"]
FIXED_UNIT_REFUSED = gettext_noop(
    "A unit's kind and parent office cannot be changed once it exists: they decide "
    "who confirms role changes. Create a new unit instead."
)
WORK_GROUP_HAS_MEMBERS = gettext_noop(
    "Work group %(group)s still has members. Move them to another work group first: "
    "an approver left without a work group would become the office's head."
)


@transaction.atomic
def save_unit(unit, *, acting_user, save) -> None:
    adding = unit.pk is None
    before = {} if adding else audit.stored(unit, UNIT_FIELDS)
    if not adding:
        after = audit.snapshot(unit, UNIT_FIELDS)
        if any(before[field] != after[field] for field in FIXED_UNIT_FIELDS):
            raise ValidationError(_(FIXED_UNIT_REFUSED))
    save()
    audit.record(
        acting_user,
        "orgs.unit_created" if adding else "orgs.unit_changed",
        unit,
        changes=audit.diff(before, audit.snapshot(unit, UNIT_FIELDS)),
        unit=unit,
    )


@transaction.atomic
def delete_unit(unit, *, acting_user) -> None:
    audit.record(
        acting_user,
        "orgs.unit_deleted",
        unit,
        changes=audit.diff(audit.snapshot(unit, UNIT_FIELDS), {}),
        unit=unit.pk,
    )
    # Deleting the unit deletes its work groups: refused while one has members.
    group = WorkGroup.objects.filter(unit=unit, members__isnull=False).first()
    if group is not None:
        raise ValidationError(_(WORK_GROUP_HAS_MEMBERS) % {"group": group})
    unit.delete()
