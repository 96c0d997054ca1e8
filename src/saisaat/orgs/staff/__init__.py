"""The staff registry: reading the personnel spreadsheet, previewing what an import would
change, applying it all-or-nothing, and editing one person.

An import is two steps. ``plan_staff_import`` reads the file and checks every row against
the database without writing anything; it returns a plan (who is created, who changes and
how, who stays as they are) and every bad row with its reason. Only a plan without errors
can be applied, and ``apply_staff_import`` writes all of it in one transaction. Between
the two steps the web views keep the uploaded bytes in storage under a random name (see
``stash_upload``) and re-read them on confirmation, so what is written is exactly what was
previewed.

The reading of the table is in ``table``, the plan and its confirmation in ``imports``, the
registry of one unit in ``registry`` (the demo file is in ``saisaat.demo.staff``); what
callers use is importable from here.
"""

from saisaat.orgs.staff.imports import (
    PENDING_DIR,
    STAFF_COLUMNS,
    StaffImportError,
    StaffImportPlan,
    apply_staff_import,
    confirm_staff_import,
    plan_staff_import,
    sign_preview,
    stash_upload,
)
from saisaat.orgs.staff.registry import (
    can_manage_staff,
    managed_units,
    staff_queryset_for_list,
    staff_scope_units,
    update_staff_member,
)
from saisaat.orgs.staff.table import (
    MAX_IMPORT_BYTES,
    ImportFileError,
    decode_text,
    parse_active,
    parse_date,
    read_table,
    table_records,
)

__all__ = [
    "MAX_IMPORT_BYTES",
    "PENDING_DIR",
    "STAFF_COLUMNS",
    "ImportFileError",
    "StaffImportError",
    "StaffImportPlan",
    "apply_staff_import",
    "can_manage_staff",
    "confirm_staff_import",
    "decode_text",
    "managed_units",
    "parse_active",
    "parse_date",
    "plan_staff_import",
    "read_table",
    "sign_preview",
    "staff_queryset_for_list",
    "staff_scope_units",
    "stash_upload",
    "table_records",
    "update_staff_member",
]
