"""The staff registry: reading the personnel spreadsheet, previewing what an import would
change, applying it all-or-nothing, and editing one person.

An import is two steps. ``plan_staff_import`` reads the file and checks every row against
the database without writing anything; it returns a plan (who is created, who changes and
how, who stays as they are) and every bad row with its reason. Only a plan without errors
can be applied, and ``apply_staff_import`` writes all of it in one transaction. Between
the two steps the web views keep the uploaded bytes in storage under a random name (see
``stash_upload``) and re-read them on confirmation, so what is written is exactly what was
previewed.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.core.spreadsheets import SpreadsheetError, read_xlsx_rows
from saisaat.orgs.models import StaffMember, Unit, User, WorkGroup
from saisaat.participation.access import can_manage
from saisaat.thai.calendar import format_thai_date, month_number
from saisaat.thai.digits import to_arabic_digits

MAX_IMPORT_BYTES = 5 * 1024 * 1024
"""A registry of a whole province is a few hundred kilobytes at most."""
MAX_IMPORT_ROWS = 5000
"""A workbook inflating beyond this is refused before openpyxl reads it (ZIP bombs)."""
HEADER_SEARCH_ROWS = 10
"""A title line or two above the header row is common in Thai spreadsheets."""

ALLOWED_SUFFIXES = ("csv", "xlsx")
PENDING_DIR = "imports/pending"
PENDING_MAX_AGE = timedelta(hours=12)
SIGNING_SALT = "saisaat.participation.staff-import"


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, for the person uploading."""


# ---------------------------------------------------------------------------- reading tables


def _suffix_of(filename: str) -> str:
    return Path(filename or "").suffix.lower().lstrip(".")


def decode_text(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, or the Thai
    Windows code page cp874 (a superset of TIS-620) that Thai Excel writes for "CSV"."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data:
            raise ImportFileError(_("This is not a text (CSV) file."))
        candidates = ["utf-8", "cp874"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Any byte decodes to something in cp874; control characters betray a binary file.
        if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
            raise ImportFileError(_("This is not a text (CSV) file."))
        return text
    raise ImportFileError(
        _("The file's text encoding is not recognised. Save it as CSV UTF-8 or as .xlsx.")
    )


def _read_csv(data: bytes) -> list[tuple[int, list]]:
    text = decode_text(data)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for number, row in enumerate(reader, start=1):
            if number > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS:
                raise ImportFileError(_too_many_rows())
            rows.append((number, row))
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is malformed: %(error)s") % {"error": error}
        ) from None
    return rows


def _read_xlsx(data: bytes) -> list[tuple[int, list]]:
    try:
        return read_xlsx_rows(data, max_rows=MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS)
    except SpreadsheetError as error:
        raise ImportFileError(str(error)) from None


def _too_many_rows() -> str:
    return _("The file has more than %(count)s rows.") % {"count": MAX_IMPORT_ROWS}


def read_table(data: bytes, filename: str) -> list[tuple[int, list]]:
    """The rows of a CSV or XLSX file as ``(row number, cells)``; XLSX cells keep their
    types (dates, numbers). Raises ``ImportFileError`` for a file that cannot be read."""
    suffix = _suffix_of(filename)
    if suffix not in ALLOWED_SUFFIXES:
        raise ImportFileError(
            _("Only .csv and .xlsx files can be imported (this file is %(name)s).")
            % {"name": filename or "?"}
        )
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_IMPORT_BYTES // 2**20}
        )
    if suffix == "csv" and data.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            _("This file is an Excel workbook named .csv; rename it to .xlsx or save it as CSV.")
        )
    return _read_xlsx(data) if suffix == "xlsx" else _read_csv(data)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value))
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _header_key(value) -> str:
    text = _cell_text(value).lower()
    text = re.sub(r"\(.*?\)", "", text)
    return re.sub(r"[\s\-_.*:]", "", text)


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...]
    required: bool = False


def find_header(
    rows: list[tuple[int, list]], columns: list[Column]
) -> tuple[int, dict[str, int], list[str]]:
    """(index of the header row in ``rows``, column name -> cell index, ignored headers).

    The header is the first of the top rows naming every required column, in Thai or
    English and in any order."""
    lookup = {_header_key(alias): column.name for column in columns for alias in column.aliases}
    required = [column for column in columns if column.required]
    for index, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        ignored = []
        for position, cell in enumerate(cells):
            key = _header_key(cell)
            if not key:
                continue
            name = lookup.get(key)
            if name is None:
                ignored.append(_cell_text(cell))
            elif name in found:
                raise ImportFileError(
                    _("The column %(column)s appears twice in the header.")
                    % {"column": _cell_text(cell)}
                )
            else:
                found[name] = position
        if all(column.name in found for column in required):
            return index, found, ignored
    if not any(any(_cell_text(cell) for cell in cells) for _n, cells in rows):
        raise ImportFileError(_("The file has no rows."))
    raise ImportFileError(
        _("No header row naming the columns %(columns)s was found.")
        % {"columns": ", ".join(column.aliases[0] for column in required)}
    )


def table_records(data: bytes, filename: str, columns: list[Column]):
    """(records, ignored headers, present columns): each record is ``(row number, {column:
    raw value})`` for a non-blank row below the header."""
    rows = read_table(data, filename)
    header_index, positions, ignored = find_header(rows, columns)
    records = []
    for number, cells in rows[header_index + 1 :]:
        if not any(_cell_text(cell) for cell in cells):
            continue
        values = {
            name: (cells[position] if position < len(cells) else None)
            for name, position in positions.items()
        }
        records.append((number, values))
    if not records:
        raise ImportFileError(_("The file has a header but no rows of data."))
    if len(records) > MAX_IMPORT_ROWS:
        raise ImportFileError(_too_many_rows())
    return records, ignored, set(positions)


# ---------------------------------------------------------------------------- cell values

_DATE_DMY = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{2,4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_DATE_THAI = re.compile(r"^(\d{1,2})\s*([^\d\s][^\d]*?)\s*(?:พ\s*\.?\s*ศ\s*\.?)?\s*(\d{4})$")


def _year_ce(year: int) -> int:
    return year - 543 if year > 2400 else year


def parse_date(value) -> date:
    """A date from a spreadsheet cell: a date cell, ``dd/mm/yyyy`` with a Buddhist-era
    (above 2400) or Common Era year, ISO ``yyyy-mm-dd``, ``15 มกราคม 2566``, in Thai or
    Arabic digits. Raises ``ValueError`` for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        if not 1 <= value < 2958466:
            raise ValueError(value)
        converted = from_excel(value)
        return converted.date() if isinstance(converted, datetime) else converted
    text = to_arabic_digits(_cell_text(value))
    if match := _DATE_DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
        if len(match[3]) != 4:
            raise ValueError(text)
    elif match := _DATE_ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DATE_THAI.match(text):
        day, year = int(match[1]), int(match[3])
        month = month_number(match[2])
    else:
        raise ValueError(text)
    result = date(_year_ce(year), month, day)
    if not 1900 <= result.year <= timezone.localdate().year + 1:
        raise ValueError(text)
    return result


ACTIVE_WORDS = {"", "ปฏิบัติงาน", "ปฏิบัติราชการ", "active", "1", "yes", "true", "ใช่", "ทำงาน"}
INACTIVE_WORDS = {
    "ลาออก",
    "ย้าย",
    "ย้ายออก",
    "โอนย้าย",
    "เกษียณ",
    "เกษียณอายุ",
    "พ้นจากตำแหน่ง",
    "inactive",
    "0",
    "no",
    "false",
    "ไม่ใช่",
    "ไม่ปฏิบัติงาน",
}


def parse_active(value) -> bool:
    if isinstance(value, bool):
        return value
    text = to_arabic_digits(_cell_text(value)).lower().replace(" ", "")
    if text in ACTIVE_WORDS:
        return True
    if text in INACTIVE_WORDS:
        return False
    raise ValueError(text)


def _unit_code(value) -> str:
    return to_arabic_digits(_cell_text(value)).replace(" ", "")


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


def staff_scope_units(unit: Unit, acting_user: User | None = None):
    """Units whose staff an import into ``unit`` may touch: the unit and those below it,
    and only those the acting user may see."""
    units = Unit.objects.within(unit)
    if acting_user is not None:
        units = units.filter(pk__in=acting_user.visible_units().values("pk"))
    return units


def _field_label(name: str) -> str:
    return str(StaffMember._meta.get_field(name).verbose_name)


def _group_key(text: str) -> str:
    return re.sub(r"\s+", "", _cell_text(text)).lower()


def plan_staff_import(
    data: bytes, filename: str, *, unit: Unit, acting_user: User | None = None
) -> StaffImportPlan:
    """Read a staff file and work out what importing it into ``unit`` would do, without
    writing anything. Raises ``ImportFileError`` when the file as a whole is unreadable."""
    records, ignored, present = table_records(data, filename, STAFF_COLUMNS)
    plan = StaffImportPlan(ignored_columns=ignored)

    scope_ids = set(staff_scope_units(unit, acting_user).values_list("pk", flat=True))
    codes = {_unit_code(values.get("unit")) for _n, values in records}
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
            "title": _cell_text(raw.get("title")),
            "first_name": _cell_text(raw.get("first_name")),
            "last_name": _cell_text(raw.get("last_name")),
            "position": _cell_text(raw.get("position")),
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

        code = _unit_code(raw.get("unit"))
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

        group_text = _cell_text(raw.get("work_group"))
        values["work_group"] = None
        if group_text and row_unit is not None:
            group = groups.get(row_unit.pk, {}).get(_group_key(group_text))
            if group is None:
                messages.append(
                    _("Unknown work group %(group)s for unit %(code)s.")
                    % {"group": group_text, "code": code}
                )
            values["work_group"] = group

        email = _cell_text(raw.get("email")).lower()
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
        if _cell_text(start_raw):
            try:
                values["start_date"] = parse_date(start_raw)
            except (ValueError, OverflowError):
                messages.append(
                    _("The start date %(value)s cannot be read; write it as dd/mm/yyyy.")
                    % {"value": _cell_text(start_raw)}
                )

        try:
            values["is_active"] = parse_active(raw.get("active"))
        except ValueError:
            messages.append(
                _("Unknown status %(value)s; use ปฏิบัติงาน or ลาออก/ย้าย.")
                % {"value": _cell_text(raw.get("active"))}
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
    try:
        for row in plan.rows:
            if row.action == "unchanged":
                continue
            staff = row.staff or StaffMember()
            for name in IMPORTED_FIELDS:
                setattr(staff, name, row.values[name])
            if row.link_user is not None:
                staff.user = row.link_user
                linked += 1
            _save_with_history(staff, acting_user, reason)
        if deactivate_missing:
            for staff in plan.deactivations:
                staff.is_active = False
                _save_with_history(staff, acting_user, reason)
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


def _save_with_history(staff: StaffMember, acting_user: User | None, reason: str) -> None:
    if acting_user is not None:
        staff._history_user = acting_user
    if reason:
        staff._change_reason = reason
    staff.save()


# ---------------------------------------------------------------------------- preview to confirm


def stash_upload(data: bytes, filename: str, *, user: User) -> str:
    """Keep uploaded bytes until the import is confirmed; returns the storage name."""
    _remove_stale_uploads()
    suffix = _suffix_of(filename)
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


def discard_upload(name: str) -> None:
    if name.startswith(f"{PENDING_DIR}/"):
        default_storage.delete(name)


# ---------------------------------------------------------------------------- one person


def can_manage_staff(user: User, unit: Unit) -> bool:
    """The unit's managers, and those of the province above a district office (the province
    keeps the registry of its districts)."""
    if can_manage(user, unit):
        return True
    return (
        unit.kind == Unit.Kind.DISTRICT
        and unit.parent_id is not None
        and can_manage(user, unit.parent)
    )


def managed_units(user: User):
    """Units whose staff ``user`` may edit."""
    if user.is_superuser:
        return Unit.objects.exclude(kind=Unit.Kind.DEPARTMENT)
    if user.unit_id is None or not can_manage(user, user.unit):
        return Unit.objects.none()
    return staff_scope_units(user.unit, user)


@transaction.atomic
def update_staff_member(staff: StaffMember, *, acting_user: User, **values) -> list[str]:
    """Change a person's position, unit, work group or status; returns the changed fields.
    A change of unit is a move: the history keeps where they were."""
    changed = [name for name, value in values.items() if getattr(staff, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(staff, name, values[name])
    if staff.work_group_id and staff.work_group.unit_id != staff.unit_id:
        raise ValidationError({"work_group": _("The work group must belong to the unit.")})
    _save_with_history(staff, acting_user, "")
    return changed


# ---------------------------------------------------------------------------- demo

DEMO_STAFF_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "demo-staff-43.csv"


def seed_staff_demo(province: Unit, fiscal_year: int) -> dict:
    """Load the demo registry (the 71 demo people, linked to their accounts) through the
    same import as a real file; a second run changes nothing."""
    data = DEMO_STAFF_FILE.read_bytes()
    plan = plan_staff_import(data, DEMO_STAFF_FILE.name, unit=province)
    if not plan.is_clean:
        raise StaffImportError("; ".join(f"{e.row}: {' '.join(e.messages)}" for e in plan.errors))
    result = apply_staff_import(plan, source_name=DEMO_STAFF_FILE.name)
    return {"staff_" + key: value for key, value in result.items()}


def staff_queryset_for_list(units, *, status: str = "active", query: str = ""):
    """Staff of ``units`` for the registry page, in Thai order."""
    staff = StaffMember.objects.filter(unit__in=units)
    if status == "active":
        staff = staff.filter(is_active=True)
    elif status == "inactive":
        staff = staff.filter(is_active=False)
    query = query.strip()
    if query:
        for word in query.split()[:4]:
            staff = staff.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(position__icontains=word)
                | Q(email__icontains=word)
            )
    return staff.select_related("unit", "work_group").in_thai_order()


# Titles for the demo's first names; the demo file is what a personnel officer would keep.
_DEMO_MEN = {
    "ชัยวัฒน์",
    "ณัฐพล",
    "บุญมี",
    "ปรีชา",
    "มานพ",
    "ศักดิ์ชัย",
    "อนุชา",
    "เอกชัย",
    "ไพฑูรย์",
    "ทองใบ",
    "กมล",
}
_DEMO_MARRIED = {"จันทร์เพ็ญ", "ลำดวน", "สมพร", "อำไพ", "วิไล"}


def build_demo_staff_csv() -> bytes:
    """The demo registry file: the 71 people ``saisaat.core.demo`` creates as accounts, with
    the same names and e-mail addresses, UTF-8 with BOM and Thai headers as Excel saves it."""
    from saisaat.core import demo
    from saisaat.orgs.models import STANDARD_WORK_GROUPS
    from saisaat.thai.digits import to_thai_digits

    province = Unit(code=demo.PROVINCE[0], name_th=demo.PROVINCE[1], kind=Unit.Kind.PROVINCE)
    groups = {
        function: WorkGroup(unit=province, function=function, name_th=name_th, name_en=name_en)
        for function, (name_th, name_en) in STANDARD_WORK_GROUPS.items()
    }
    districts = [
        Unit(code=code, name_th=f"สำนักงานพัฒนาชุมชนอำเภอ{name_th}", kind=Unit.Kind.DISTRICT)
        for code, name_th, _name_en in demo.DISTRICTS
    ]
    logins = {login.slot: login.username for login in demo.DEMO_LOGINS}
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["คำนำหน้า", "ชื่อ", "นามสกุล", "ตำแหน่ง", "รหัสหน่วยงาน", "กลุ่มงาน", "อีเมล", "วันเริ่มงาน", "สถานะ"]
    )
    slots = demo._staff_slots(province, groups, districts)
    for index, (slot, unit, group, _role, position) in enumerate(slots, start=1):
        first_name = demo.FIRST_NAMES[index % len(demo.FIRST_NAMES)]
        if first_name in _DEMO_MEN:
            title = "นาย"
        elif first_name in _DEMO_MARRIED:
            title = "นาง"
        else:
            title = "นางสาว"
        username = logins.get(slot, slot)
        # Start dates spread over 2540-2565 B.E., written the way Thai offices write them.
        start = f"{1 + index * 7 % 28:02d}/{1 + index * 5 % 12:02d}/{2540 + index * 11 % 26}"
        writer.writerow(
            [
                title,
                first_name,
                f"สาธิต{to_thai_digits(f'{index:02d}')}",
                position,
                unit.code,
                group.name_th if group else "",
                f"{username}@demo.saisaat.invalid",
                start,
                "ปฏิบัติงาน",
            ]
        )
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")
