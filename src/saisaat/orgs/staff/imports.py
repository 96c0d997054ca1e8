"""Planning a staff import against the registry, applying it all-or-nothing, and keeping
the uploaded file between preview and confirmation."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.orgs.models import StaffMember, Unit, User, WorkGroup
from saisaat.orgs.staff.registry import STAFF_FIELDS, save_with_history, staff_scope_units
from saisaat.orgs.staff.table import (
    Column,
    ImportFileError,
    cell_text,
    parse_active,
    parse_date,
    suffix_of,
    table_records,
    unit_code,
)
from saisaat.thai.calendar import format_thai_date

PENDING_DIR = "imports/pending"
PENDING_MAX_AGE = timedelta(hours=12)
SIGNING_SALT = "saisaat.participation.staff-import"


# ---------------------------------------------------------------------------- the plan

STAFF_COLUMNS = [
    Column("title", ("คำนำหน้า", "คำนำหน้าชื่อ", "title", "prefix")),
    Column("first_name", ("ชื่อ", "first name", "firstname", "given name"), required=True),
    Column("last_name", ("นามสกุล", "last name", "lastname", "surname"), required=True),
    Column("position", ("ตำแหน่ง", "position")),
    Column("unit", ("รหัสหน่วยงาน", "รหัสหน่วย", "unit code", "unit"), required=True),
    Column("work_group", ("กลุ่มงาน", "work group", "workgroup", "group")),
    Column("email", ("อีเมล", "อีเมล์", "e-mail", "email", "mail")),
    Column("start_date", ("วันเริ่มงาน", "วันที่เริ่มงาน", "วันเริ่มปฏิบัติงาน", "start date")),
    Column("active", ("สถานะ", "active", "status")),
]

# The fields an import sets, in the order a change is shown.
IMPORTED_FIELDS = (
    "title",
    "first_name",
    "last_name",
    "position",
    "unit",
    "work_group",
    "email",
    "start_date",
    "is_active",
)


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Working here") if value else _("No longer here")
    if isinstance(value, date):
        return format_thai_date(value)
    return str(value)


@dataclass
class Change:
    field: str
    label: str
    old: object
    new: object

    @property
    def old_display(self) -> str:
        return _display(self.old)

    @property
    def new_display(self) -> str:
        return _display(self.new)


@dataclass
class StaffRowPlan:
    """What one good row does: ``create``, ``update`` (with its changes) or ``unchanged``."""

    row: int
    action: str
    values: dict
    staff: StaffMember | None = None
    changes: list[Change] = field(default_factory=list)
    link_user: User | None = None

    @property
    def name(self) -> str:
        return f"{self.values['title']}{self.values['first_name']} {self.values['last_name']}"

    @property
    def is_move(self) -> bool:
        return any(change.field == "unit" for change in self.changes)


@dataclass
class RowError:
    row: int
    messages: list[str]


@dataclass
class StaffImportPlan:
    rows: list[StaffRowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    deactivations: list[StaffMember] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "create": self.count("create"),
            "update": self.count("update"),
            "unchanged": self.count("unchanged"),
            "deactivate": len(self.deactivations),
            "errors": len(self.errors),
        }

    def digest(self, *, deactivate_missing: bool) -> str:
        """A fingerprint of what applying this plan would write."""

        def plain(value):
            if isinstance(value, (Unit, WorkGroup, User, StaffMember)):
                return value.pk
            if isinstance(value, date):
                return value.isoformat()
            return value

        payload = {
            "rows": [
                [
                    row.row,
                    row.action,
                    row.staff.pk if row.staff else None,
                    {key: plain(value) for key, value in sorted(row.values.items())},
                    row.link_user.pk if row.link_user else None,
                ]
                for row in self.rows
            ],
            "deactivate": sorted(s.pk for s in self.deactivations) if deactivate_missing else [],
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _field_label(name: str) -> str:
    return str(StaffMember._meta.get_field(name).verbose_name)


def _group_key(text: str) -> str:
    return re.sub(r"\s+", "", cell_text(text)).lower()


def plan_staff_import(
    data: bytes, filename: str, *, unit: Unit, acting_user: User | None = None
) -> StaffImportPlan:
    """Read a staff file and work out what importing it into ``unit`` would do, without
    writing anything. Raises ``ImportFileError`` when the file as a whole is unreadable."""
    records, ignored, present = table_records(data, filename, STAFF_COLUMNS)
    plan = StaffImportPlan(ignored_columns=ignored)

    scope_ids = set(staff_scope_units(unit, acting_user).values_list("pk", flat=True))
    codes = {unit_code(values.get("unit")) for _n, values in records}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    groups: dict[int, dict[str, WorkGroup]] = {}
    for group in WorkGroup.objects.filter(unit__in=units.values()):
        by_key = groups.setdefault(group.unit_id, {})
        for key in (group.function, group.name_th, group.name_en):
            if key:
                by_key[_group_key(key)] = group

    # First pass: each row on its own.
    parsed: list[tuple[int, dict]] = []
    seen_emails: dict[str, int] = {}
    seen_names: dict[tuple, int] = {}
    for number, raw in records:
        messages = []
        values = {
            "title": cell_text(raw.get("title")),
            "first_name": cell_text(raw.get("first_name")),
            "last_name": cell_text(raw.get("last_name")),
            "position": cell_text(raw.get("position")),
        }
        if not values["first_name"] or not values["last_name"]:
            messages.append(_("The first name and the last name are required."))
        for name, limit in (
            ("title", 50),
            ("first_name", 150),
            ("last_name", 150),
            ("position", 200),
        ):
            if len(values[name]) > limit:
                messages.append(
                    _("%(field)s is longer than %(limit)s characters.")
                    % {"field": _field_label(name), "limit": limit}
                )

        code = unit_code(raw.get("unit"))
        row_unit = units.get(code)
        if not code:
            messages.append(_("The unit code is missing."))
        elif row_unit is None:
            messages.append(_("Unknown unit code %(code)s.") % {"code": code})
        elif row_unit.pk not in scope_ids:
            messages.append(
                _("The unit %(code)s is outside the units you may import into.") % {"code": code}
            )
        values["unit"] = row_unit

        group_text = cell_text(raw.get("work_group"))
        values["work_group"] = None
        if group_text and row_unit is not None:
            group = groups.get(row_unit.pk, {}).get(_group_key(group_text))
            if group is None:
                messages.append(
                    _("Unknown work group %(group)s for unit %(code)s.")
                    % {"group": group_text, "code": code}
                )
            values["work_group"] = group

        email = cell_text(raw.get("email")).lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                messages.append(_("%(email)s is not a valid e-mail address.") % {"email": email})
            else:
                if email in seen_emails:
                    messages.append(
                        _("The e-mail %(email)s is also on row %(row)s.")
                        % {"email": email, "row": seen_emails[email]}
                    )
                else:
                    seen_emails[email] = number
        values["email"] = email

        start_raw = raw.get("start_date")
        values["start_date"] = None
        if cell_text(start_raw):
            try:
                values["start_date"] = parse_date(start_raw)
            except (ValueError, OverflowError):
                messages.append(
                    _("The start date %(value)s cannot be read; write it as dd/mm/yyyy.")
                    % {"value": cell_text(start_raw)}
                )

        try:
            values["is_active"] = parse_active(raw.get("active"))
        except ValueError:
            messages.append(
                _("Unknown status %(value)s; use ปฏิบัติงาน or ลาออก/ย้าย.")
                % {"value": cell_text(raw.get("active"))}
            )

        if row_unit is not None and values["first_name"] and not email:
            key = (row_unit.pk, values["first_name"], values["last_name"])
            if key in seen_names:
                messages.append(
                    _("The same person is also on row %(row)s.") % {"row": seen_names[key]}
                )
            seen_names[key] = number

        if messages:
            plan.errors.append(RowError(number, messages))
        else:
            parsed.append((number, values))

    # Second pass: match the good rows to the registry.
    emails = [values["email"] for _n, values in parsed if values["email"]]
    by_email = {
        s.email_lower: s
        for s in StaffMember.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .select_related("unit", "work_group", "user")
    }
    in_scope = list(
        StaffMember.objects.filter(unit_id__in=scope_ids).select_related(
            "unit", "work_group", "user"
        )
    )
    by_name: dict[tuple, list[StaffMember]] = {}
    for staff in in_scope:
        by_name.setdefault((staff.unit_id, staff.first_name, staff.last_name), []).append(staff)
    users_by_email: dict[str, list[User]] = {}
    for user in User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails):
        users_by_email.setdefault(user.email_lower, []).append(user)
    linked_user_ids = set(
        StaffMember.objects.filter(user__isnull=False).values_list("user_id", flat=True)
    )

    claimed: dict[int, int] = {}
    for number, values in parsed:
        staff = by_email.get(values["email"]) if values["email"] else None
        if staff is not None and staff.unit_id not in scope_ids:
            plan.errors.append(
                RowError(
                    number,
                    [
                        _(
                            "The e-mail %(email)s belongs to a staff member of a unit "
                            "outside the units you may import into."
                        )
                        % {"email": values["email"]}
                    ],
                )
            )
            continue
        if staff is None:
            namesakes = by_name.get(
                (values["unit"].pk, values["first_name"], values["last_name"]), []
            )
            if values["email"]:
                # A namesake with another e-mail address is somebody else.
                namesakes = [s for s in namesakes if not s.email]
            if len(namesakes) > 1:
                plan.errors.append(
                    RowError(
                        number,
                        [_("Several staff members of this unit have this name; add the e-mail.")],
                    )
                )
                continue
            staff = namesakes[0] if namesakes else None
        if staff is not None:
            if staff.pk in claimed:
                plan.errors.append(
                    RowError(
                        number,
                        [
                            _("This row and row %(row)s are the same staff member.")
                            % {"row": claimed[staff.pk]}
                        ],
                    )
                )
                continue
            claimed[staff.pk] = number

        # A column the file does not have leaves that field as it is.
        if staff is not None:
            for name, column in (
                ("title", "title"),
                ("position", "position"),
                ("work_group", "work_group"),
                ("start_date", "start_date"),
                ("is_active", "active"),
            ):
                if column not in present:
                    values[name] = getattr(staff, name)
            if not values["email"]:
                values["email"] = staff.email

        link_user = None
        if values["email"] and (staff is None or staff.user_id is None):
            # Only an account of the same office: an importer must not attach someone else's
            # account (say, a department officer's) to a record in their own office.
            candidates = [
                u
                for u in users_by_email.get(values["email"], [])
                if u.pk not in linked_user_ids and u.unit_id == values["unit"].pk
            ]
            if len(candidates) == 1:
                link_user = candidates[0]

        if staff is None:
            plan.rows.append(StaffRowPlan(number, "create", values, link_user=link_user))
            continue
        changes = [
            Change(name, _field_label(name), getattr(staff, name), values[name])
            for name in IMPORTED_FIELDS
            if getattr(staff, name) != values[name]
        ]
        if link_user is not None:
            changes.append(Change("user", _field_label("user"), None, link_user))
        action = "update" if changes else "unchanged"
        plan.rows.append(StaffRowPlan(number, action, values, staff, changes, link_user))

    plan.errors.sort(key=lambda error: error.row)
    covered = {row.values["unit"].pk for row in plan.rows}
    plan.deactivations = [
        staff
        for staff in in_scope
        if staff.unit_id in covered and staff.is_active and staff.pk not in claimed
    ]
    return plan


class StaffImportError(Exception):
    """The import cannot be applied; nothing was written."""


@transaction.atomic
def apply_staff_import(
    plan: StaffImportPlan,
    *,
    acting_user: User | None = None,
    deactivate_missing: bool = False,
    source_name: str = "",
) -> dict[str, int]:
    """Write a clean plan, all of it or nothing."""
    if not plan.is_clean:
        raise StaffImportError(_("The file has errors; nothing was imported."))
    reason = (_("Imported from %(name)s") % {"name": source_name})[:100] if source_name else ""
    linked = 0
    entries = []  # one audit entry per staff row written, appended together at the end
    try:
        for row in plan.rows:
            if row.action == "unchanged":
                continue
            staff = row.staff or StaffMember()
            before = audit.snapshot(staff, STAFF_FIELDS) if staff.pk else None
            for name in IMPORTED_FIELDS:
                setattr(staff, name, row.values[name])
            if row.link_user is not None:
                staff.user = row.link_user
                linked += 1
            entries.append(save_with_history(staff, acting_user, reason, before=before))
        if deactivate_missing:
            for staff in plan.deactivations:
                before = audit.snapshot(staff, STAFF_FIELDS)
                staff.is_active = False
                entries.append(save_with_history(staff, acting_user, reason, before=before))
        audit.record_many([entry for entry in entries if entry is not None])
    except IntegrityError:
        raise StaffImportError(
            _("The registry changed while importing; nothing was imported. Try again.")
        ) from None
    return {
        "created": plan.count("create"),
        "updated": plan.count("update"),
        "unchanged": plan.count("unchanged"),
        "deactivated": len(plan.deactivations) if deactivate_missing else 0,
        "linked": linked,
    }


# ---------------------------------------------------------------------------- preview to confirm


def stash_upload(data: bytes, filename: str, *, user: User) -> str:
    """Keep uploaded bytes until the import is confirmed; returns the storage name."""
    _remove_stale_uploads()
    suffix = suffix_of(filename)
    name = f"{PENDING_DIR}/{user.pk}-{secrets.token_hex(16)}.{suffix}"
    return default_storage.save(name, ContentFile(data))


def _remove_stale_uploads() -> None:
    """Forget previews nobody confirmed; best effort, a storage may not list its files."""
    try:
        _dirs, files = default_storage.listdir(PENDING_DIR)
        cutoff = timezone.now() - PENDING_MAX_AGE
        for name in files:
            path = f"{PENDING_DIR}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
    except (FileNotFoundError, NotImplementedError, OSError):
        pass


def sign_preview(
    *,
    stored_name: str,
    data: bytes,
    filename: str,
    unit: Unit,
    user: User,
    digest: str,
    deactivate_missing: bool,
) -> str:
    return signing.dumps(
        {
            "name": stored_name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "filename": filename,
            "unit": unit.code,
            "user": user.pk,
            "digest": digest,
            "deactivate": deactivate_missing,
        },
        salt=SIGNING_SALT,
    )


def confirm_staff_import(token: str, *, unit: Unit, user: User) -> dict[str, int]:
    """Apply the import a preview showed, if ``token`` is the one it issued and neither the
    file nor the registry has changed since."""
    try:
        preview = signing.loads(token, salt=SIGNING_SALT, max_age=PENDING_MAX_AGE)
    except signing.BadSignature:
        raise StaffImportError(
            _("This preview is no longer valid; upload the file again.")
        ) from None
    name = preview.get("name", "")
    if (
        preview.get("user") != user.pk
        or preview.get("unit") != unit.code
        or not re.fullmatch(rf"{PENDING_DIR}/{user.pk}-[0-9a-f]{{32}}[^/]*\.(csv|xlsx)", name)
    ):
        raise StaffImportError(_("This preview is no longer valid; upload the file again."))
    try:
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
    except (FileNotFoundError, OSError):
        raise StaffImportError(
            _("This preview is no longer valid; upload the file again.")
        ) from None
    if hashlib.sha256(data).hexdigest() != preview["sha256"]:
        raise StaffImportError(_("This preview is no longer valid; upload the file again."))
    try:
        plan = plan_staff_import(data, preview["filename"], unit=unit, acting_user=user)
    except ImportFileError as error:
        raise StaffImportError(str(error)) from None
    deactivate = bool(preview.get("deactivate"))
    if not plan.is_clean or plan.digest(deactivate_missing=deactivate) != preview["digest"]:
        raise StaffImportError(
            _("The registry changed since the preview; upload the file again to check it.")
        )
    result = apply_staff_import(
        plan, acting_user=user, deactivate_missing=deactivate, source_name=preview["filename"]
    )
    transaction.on_commit(lambda: default_storage.delete(name))
    return result
