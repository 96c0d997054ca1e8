"""Declarations and pledges: publishing numbered versions, acknowledging them, and the
progress of a unit's people.

A declaration is published by a unit; its audience is the active staff of that unit and
of the units below it (or only their leaders). Every change of wording is a new version
that everyone acknowledges again; the indicator ``declaration_acknowledged`` counts the
acknowledgements of the latest version, so that is what progress counts here too.
"""

import difflib
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.orgs.scoping import require_editable, require_manager
from saisaat.participation.models import Acknowledgement, Declaration, DeclarationVersion
from saisaat.plans.metrics import percent
from saisaat.thai.calendar import local_date

# Official positions that make a person one of the "leaders": group directors
# (ผู้อำนวยการกลุ่มงาน…), district development officers (พัฒนาการอำเภอ…) and the provincial
# development officer (พัฒนาการจังหวัด…).
LEADER_POSITION_PREFIXES = ("ผู้อำนวยการ", "พัฒนาการอำเภอ", "พัฒนาการจังหวัด")

# Kinds an office publishes once a year; a change is a new version of the same one, so
# the indicator always finds the one declaration to count.
ONCE_A_YEAR_KINDS = (
    Declaration.Kind.MORAL_DECLARATION,
    Declaration.Kind.OSMKH_PLEDGE,
    Declaration.Kind.NO_GIFT,
)


# ------------------------------------------------------------------------- audience


def _leader_condition(prefix: str = "") -> Q:
    condition = Q()
    for start in LEADER_POSITION_PREFIXES:
        condition |= Q(**{f"{prefix}position__startswith": start})
    return condition


def audience_leaders(staff: QuerySet) -> QuerySet:
    """The leaders among ``staff``: those whose official position in the staff registry
    starts with ผู้อำนวยการ (group director), พัฒนาการอำเภอ (district development officer)
    or พัฒนาการจังหวัด (provincial development officer).

    The rule reads the position, not the account's role, so that people without an
    account are counted and a delegated approver is not. An acting holder should have the
    post itself recorded as their position.
    """
    return staff.filter(_leader_condition())


def audience_of(declaration: Declaration, *, within: Unit | None = None) -> QuerySet:
    """Active staff who must acknowledge ``declaration``, optionally only those of
    ``within`` and the units below it."""
    staff = StaffMember.objects.active().filter(
        unit__in=Unit.objects.within(declaration.unit).values("pk")
    )
    if within is not None and within.pk != declaration.unit_id:
        staff = staff.filter(unit__in=Unit.objects.within(within).values("pk"))
    if declaration.audience == Declaration.Audience.LEADERS:
        staff = audience_leaders(staff)
    return staff


def is_in_audience(declaration: Declaration, staff: StaffMember) -> bool:
    return audience_of(declaration).filter(pk=staff.pk).exists()


def published_above_or_at(unit: Unit) -> Q:
    """Declarations of the unit and of the offices above it (at most two levels), without
    loading those offices."""
    grandparent = Unit.objects.filter(children__children=unit).values("pk")
    return Q(unit_id=unit.pk) | Q(unit_id=unit.parent_id) | Q(unit_id__in=grandparent)


def declarations_for_unit(unit: Unit) -> QuerySet:
    """Declarations that concern ``unit``: published by it or an office above it (its
    people are in the audience), or by a unit below it (it oversees them)."""
    below = Unit.objects.within(unit).values("pk")
    return Declaration.objects.filter(published_above_or_at(unit) | Q(unit__in=below))


def with_current_version(declarations: QuerySet) -> QuerySet:
    """Annotate the id, number and publication time of each declaration's latest version."""
    latest = DeclarationVersion.objects.filter(declaration=OuterRef("pk")).order_by("-number")
    return declarations.annotate(
        current_version_id=Subquery(latest.values("pk")[:1]),
        current_number=Subquery(latest.values("number")[:1]),
        current_published_at=Subquery(latest.values("published_at")[:1]),
    )


def current_version(declaration: Declaration) -> DeclarationVersion | None:
    return declaration.versions.select_related("published_by").order_by("-number").first()


# ------------------------------------------------------------------------- changes


def _normalise(text: str) -> str:
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


@transaction.atomic
def publish_declaration(
    unit: Unit,
    *,
    kind: str,
    title: str,
    audience: str,
    fiscal_year: int,
    text: str,
    acting_user: User,
    published_at: datetime | None = None,
) -> Declaration:
    """Publish a declaration with its first version."""
    require_manager(acting_user, unit)
    text = _normalise(text)
    if not text:
        raise ValidationError(_("Write the text people are asked to acknowledge."))
    if (
        kind in ONCE_A_YEAR_KINDS
        and Declaration.objects.filter(unit=unit, fiscal_year=fiscal_year, kind=kind).exists()
    ):
        raise ValidationError(
            _(
                "This office already published a %(kind)s for fiscal year %(year)s: "
                "edit it to publish a new version."
            )
            % {"kind": Declaration.Kind(kind).label, "year": fiscal_year}
        )
    declaration = Declaration.objects.create(
        unit=unit,
        kind=kind,
        title=title.strip(),
        audience=audience,
        fiscal_year=fiscal_year,
        created_by=acting_user,
    )
    DeclarationVersion.objects.create(
        declaration=declaration,
        number=1,
        text=text,
        published_at=published_at or timezone.now(),
        published_by=acting_user,
    )
    changes = audit.created(declaration, ["kind", "title", "audience", "fiscal_year"])
    changes["version"] = [None, 1]
    changes["text"] = [None, text]
    audit.record(
        acting_user,
        "participation.declaration_published",
        declaration,
        changes=changes,
        unit=unit,
        fiscal_year=fiscal_year,
    )
    return declaration


@dataclass(frozen=True)
class EditResult:
    declaration: Declaration
    new_version: DeclarationVersion | None
    details_changed: bool


@transaction.atomic
def edit_declaration(
    declaration: Declaration,
    *,
    title: str,
    audience: str,
    text: str,
    acting_user: User,
    published_at: datetime | None = None,
) -> EditResult:
    """Change the title or audience in place; a changed text is published as the next
    version, which everyone acknowledges again."""
    require_editable(acting_user, declaration)
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    text = _normalise(text)
    if not text:
        raise ValidationError(_("Write the text people are asked to acknowledge."))
    before = audit.snapshot(declaration, ["title", "audience"])
    changed = []
    if title.strip() != declaration.title:
        declaration.title = title.strip()
        changed.append("title")
    if audience != declaration.audience:
        declaration.audience = audience
        changed.append("audience")
    if changed:
        declaration.save(update_fields=changed)
    latest = declaration.versions.order_by("-number").first()
    new_version = None
    if latest is None or _normalise(latest.text) != text:
        new_version = DeclarationVersion.objects.create(
            declaration=declaration,
            number=(latest.number + 1) if latest else 1,
            text=text,
            published_at=published_at or timezone.now(),
            published_by=acting_user,
        )
    changes = audit.diff(before, audit.snapshot(declaration, ["title", "audience"]))
    if new_version is not None:
        changes["version"] = [latest.number if latest else None, new_version.number]
        changes["text"] = [latest.text if latest else None, text]
    if changes:
        audit.record(
            acting_user,
            "participation.declaration_edited",
            declaration,
            changes=changes,
            unit=declaration.unit_id,
            fiscal_year=declaration.fiscal_year,
        )
    return EditResult(declaration, new_version, bool(changed))


@dataclass(frozen=True)
class AcknowledgeResult:
    acknowledgement: Acknowledgement
    created: bool


def _acknowledge(version, staff, *, recorded_by, acknowledged_at) -> AcknowledgeResult:
    latest = version.declaration.versions.order_by("-number").values_list("pk", flat=True)[:1]
    if list(latest) != [version.pk]:
        raise ValidationError(
            _("A newer version of this text was published: read it and acknowledge that one.")
        )
    if not is_in_audience(version.declaration, staff):
        raise ValidationError(_("This person is not in the audience of this declaration."))
    existing = Acknowledgement.objects.filter(version=version, staff=staff).first()
    if existing is not None:
        return AcknowledgeResult(existing, False)
    try:
        with transaction.atomic():
            acknowledgement = Acknowledgement.objects.create(
                version=version,
                staff=staff,
                acknowledged_at=acknowledged_at,
                recorded_by=recorded_by,
            )
    except IntegrityError:
        # A double click that raced the first request: the first one stands.
        return AcknowledgeResult(Acknowledgement.objects.get(version=version, staff=staff), False)
    declaration = version.declaration
    audit.record(
        recorded_by,
        "participation.declaration_acknowledged",
        acknowledgement,
        changes={"staff": [None, staff.pk], "version": [None, version.number]},
        unit=staff.unit_id,
        fiscal_year=declaration.fiscal_year,
        label=f"{declaration.title[:120]} v{version.number}: {staff}",
    )
    return AcknowledgeResult(acknowledgement, True)


@transaction.atomic
def acknowledge(
    version: DeclarationVersion,
    staff: StaffMember,
    *,
    acting_user: User,
    acknowledged_at: datetime | None = None,
) -> AcknowledgeResult:
    """The person acknowledges the version in the app. Doing it twice changes nothing."""
    return _acknowledge(
        version,
        staff,
        recorded_by=acting_user,
        acknowledged_at=acknowledged_at or timezone.now(),
    )


@transaction.atomic
def record_paper_acknowledgement(
    version: DeclarationVersion,
    staff: StaffMember,
    *,
    signed_on: date,
    acting_user: User,
) -> AcknowledgeResult:
    """A manager records that the person signed the paper sign-off sheet on ``signed_on``;
    ``recorded_by`` is the manager, which is how the record shows it came from paper."""
    if signed_on > timezone.localdate():
        raise ValidationError(_("The date of signing cannot be in the future."))
    if signed_on < local_date(version.published_at):
        raise ValidationError(_("The date of signing is before this version was published."))
    moment = timezone.make_aware(datetime.combine(signed_on, time(12, 0)))
    return _acknowledge(version, staff, recorded_by=acting_user, acknowledged_at=moment)


# ------------------------------------------------------------------------- reading


@dataclass
class Progress:
    acknowledged: int = 0
    audience: int = 0

    @property
    def percent(self):
        return percent(self.acknowledged, self.audience)

    def add(self, other: "Progress") -> None:
        self.acknowledged += other.acknowledged
        self.audience += other.audience


@dataclass
class UnitRow:
    unit: Unit
    own_only: bool
    progress: Progress = field(default_factory=Progress)


class ProgressBoard:
    """Acknowledgement counts for the declarations concerning one unit, in a fixed number
    of queries: the units, the staff counted per unit and the acknowledgements of the
    current versions counted per unit."""

    def __init__(self, unit: Unit, declarations: list[Declaration]):
        self.unit = unit
        self.units = list(Unit.objects.within(unit).order_by("code"))
        self.parent_of = {u.pk: u.parent_id for u in self.units}
        scope = Unit.objects.within(unit).values("pk")
        leader = _leader_condition()
        self.staff_counts = {
            row["unit_id"]: row
            for row in StaffMember.objects.active()
            .filter(unit__in=scope)
            .values("unit_id")
            .annotate(everyone=Count("pk"), leaders=Count("pk", filter=leader))
            .order_by()
        }
        version_ids = [d.current_version_id for d in declarations if d.current_version_id]
        self.ack_counts = {}
        if version_ids:
            for row in (
                Acknowledgement.objects.filter(
                    version_id__in=version_ids, staff__is_active=True, staff__unit__in=scope
                )
                .values("version_id", "staff__unit_id")
                .annotate(
                    everyone=Count("pk"), leaders=Count("pk", filter=_leader_condition("staff__"))
                )
                .order_by()
            ):
                self.ack_counts[(row["version_id"], row["staff__unit_id"])] = row

    def _is_within(self, unit_id: int, root_id: int) -> bool:
        while unit_id is not None:
            if unit_id == root_id:
                return True
            unit_id = self.parent_of.get(unit_id)
        return False

    def _in_audience_scope(self, declaration: Declaration, unit_id: int) -> bool:
        """Whether the people of ``unit_id`` (a unit within this board's unit) are in the
        audience: yes under a declaration from this unit or above, else only below it."""
        if declaration.unit_id not in self.parent_of:
            return True
        return self._is_within(unit_id, declaration.unit_id)

    def unit_progress(self, declaration: Declaration, unit_id: int) -> Progress:
        if not self._in_audience_scope(declaration, unit_id):
            return Progress()
        key = "leaders" if declaration.audience == Declaration.Audience.LEADERS else "everyone"
        staff = self.staff_counts.get(unit_id, {}).get(key, 0)
        acks = self.ack_counts.get((declaration.current_version_id, unit_id), {}).get(key, 0)
        return Progress(acks, staff)

    def progress(self, declaration: Declaration, *, root: Unit | None = None) -> Progress:
        root_id = (root or self.unit).pk
        total = Progress()
        for unit in self.units:
            if self._is_within(unit.pk, root_id):
                total.add(self.unit_progress(declaration, unit.pk))
        return total

    def unit_rows(self, declaration: Declaration) -> list[UnitRow]:
        """The unit's own office, then each unit directly below it with those below that."""
        rows = []
        if self._in_audience_scope(declaration, self.unit.pk):
            rows.append(UnitRow(self.unit, True, self.unit_progress(declaration, self.unit.pk)))
        for child in self.units:
            if child.parent_id != self.unit.pk:
                continue
            progress = self.progress(declaration, root=child)
            if progress.audience or self._in_audience_scope(declaration, child.pk):
                rows.append(UnitRow(child, False, progress))
        return rows


@dataclass
class PersonRow:
    staff: StaffMember
    acknowledgement: Acknowledgement | None
    earlier: Acknowledgement | None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledgement is not None

    @property
    def in_app(self) -> bool:
        ack = self.acknowledgement
        return ack is not None and ack.recorded_by_id == self.staff.user_id

    @property
    def acknowledged_on(self) -> date | None:
        if self.acknowledgement is None:
            return None
        return local_date(self.acknowledgement.acknowledged_at)


def people_rows(
    declaration: Declaration, version: DeclarationVersion | None, *, within: Unit, own_only=False
) -> list[PersonRow]:
    """The audience within ``within`` in Thai order, each with their acknowledgement of
    ``version`` and, failing that, of the latest earlier version: two queries."""
    staff = audience_of(declaration, within=within)
    if own_only:
        staff = staff.filter(unit=within)
    people = list(staff.select_related("unit").in_thai_order())
    current, earlier = {}, {}
    if version is not None:
        acks = (
            Acknowledgement.objects.filter(
                version__declaration=declaration, staff__in=staff.values("pk")
            )
            .select_related("version", "recorded_by")
            .order_by("version__number")
        )
        for ack in acks:
            if ack.version_id == version.pk:
                current[ack.staff_id] = ack
            elif ack.version.number < version.number:
                earlier[ack.staff_id] = ack
    return [PersonRow(p, current.get(p.pk), earlier.get(p.pk)) for p in people]


def declarations_for_person(staff: StaffMember) -> QuerySet:
    """Declarations whose audience includes ``staff``, with the current version annotated
    and whether they acknowledged it (``acknowledged``) or only an earlier one
    (``acknowledged_earlier``)."""
    declarations = Declaration.objects.filter(published_above_or_at(staff.unit))
    is_leader = audience_leaders(StaffMember.objects.filter(pk=staff.pk)).exists()
    if not is_leader:
        declarations = declarations.filter(audience=Declaration.Audience.ALL_STAFF)
    mine = Acknowledgement.objects.filter(staff=staff, version__declaration=OuterRef("pk"))
    return (
        with_current_version(declarations)
        .filter(current_version_id__isnull=False)
        .annotate(
            acknowledged=Exists(mine.filter(version__number=OuterRef("current_number"))),
            acknowledged_earlier=Exists(
                mine.filter(version__number__lt=OuterRef("current_number"))
            ),
        )
        .select_related("unit")
        .order_by("-fiscal_year", "kind", "-pk")
    )


@dataclass(frozen=True)
class DiffPart:
    op: str  # "equal", "insert" or "delete"
    text: str


def diff_texts(old: str, new: str) -> list[DiffPart]:
    """A readable diff: lines first, then characters inside a changed line (Thai has no
    spaces between words, so a word diff would mark whole sentences)."""
    # Every line ends in a newline, so a last line that gains a successor still matches.
    old_lines = (old.rstrip("\n") + "\n").splitlines(keepends=True) if old else []
    new_lines = (new.rstrip("\n") + "\n").splitlines(keepends=True) if new else []
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if op == "equal":
            parts.append(DiffPart("equal", before))
        elif op == "replace" and i2 - i1 == j2 - j1:
            chars = difflib.SequenceMatcher(None, before, after, autojunk=False)
            for cop, a1, a2, b1, b2 in chars.get_opcodes():
                if cop == "equal":
                    parts.append(DiffPart("equal", before[a1:a2]))
                    continue
                if a2 > a1:
                    parts.append(DiffPart("delete", before[a1:a2]))
                if b2 > b1:
                    parts.append(DiffPart("insert", after[b1:b2]))
        else:
            if before:
                parts.append(DiffPart("delete", before))
            if after:
                parts.append(DiffPart("insert", after))
    return parts
