"""An activity's evidence column (หลักฐานเชิงประจักษ์) read as a checklist, without the database.

Plans write the evidence an activity needs as one cell: a bulleted list run together on one
line (``- ประกาศ/คำสั่ง - เอกสาร/รูปภาพการเผยแพร่...``), or one phrase. Each bullet is one
item; a slash inside an item joins alternatives (a document *or* photos) and stays in it.
An item keeps the plan's own words, without the bullet and without a leading ``มี``
("there is"), so it reads as the thing to show: ``มีมาตรการ/แผนปฏิบัติการ`` becomes
``มาตรการ/แผนปฏิบัติการ``.

Each item may name the kind of record Saisaat already holds that can satisfy it (a sign-off
sheet is the declaration's acknowledgement progress, a report to the supervisor is a memo,
a satisfaction survey's result is the survey's results); :data:`KIND_RULES` lists the
phrases. The kinds are the evidence sources' names (``plans.evidence``); an item with no
kind is satisfied by an uploaded file or a link. A threshold the item states (``ร้อยละ ๘๐``,
``อย่างน้อย ๔ เรื่อง``) is kept with it, read by :mod:`saisaat.plans.targets`.
"""

import re
from dataclasses import dataclass

from saisaat.plans.parsing import clean_cell
from saisaat.plans.targets import COUNT, PERCENT, extract_targets

# The names of the evidence sources the work apps register (plans.evidence). Plans knows
# them as names only: it never imports the apps.
MEMO = "memo"
SURVEY_RESULTS = "survey-results"
CERTIFICATES = "certificates"
DECLARATION_SIGNOFF = "declaration-signoff"
MORAL_GOALS = "moral-goals"
ATTENDANCE = "attendance"
MOU = "mou"
INNOVATION_COMPARISON = "innovation-comparison"
BUDGET_REPORT = "budget-report"
COMPLAINT_STATISTICS = "complaint-statistics"
OFFICIAL_DOCUMENT = "official-document"
RECOGNITION = "recognition"
SUB_PLAN = "sub-plan"

KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (DECLARATION_SIGNOFF, r"แบบลงนาม\s*รับทราบ"),
        (CERTIFICATES, r"ใบรับรองการผ่านหลักสูตร|ได้รับประกาศนียบัตร"),
        (MORAL_GOALS, r"สรุปคุณธรรมเป้าหมาย"),
        (INNOVATION_COMPARISON, r"เปรียบเทียบเชิงสถิติ"),
        # The sub-plan documents (3.1.1, 4.1.1, 5.1.1): the plan itself, not its summary.
        (
            SUB_PLAN,
            r"^แผนการแสวงหาความร่วมมือ|^แผนการขับเคลื่อนองค์กรคุณธรรม"
            r"|^โครงการ/กิจกรรมที่เป็นนวัตกรรม",
        ),
        (MOU, r"\bMOU\b"),
        (ATTENDANCE, r"เข้า\s*ร่วม\s*(?:กิจกรรม|และเรียนรู้)"),
        (SURVEY_RESULTS, r"ความพึงพอใจ"),
        (COMPLAINT_STATISTICS, r"ช่องทาง\S*รับเรื่องร้องเรียน"),
        (BUDGET_REPORT, r"แผนการใช้จ่ายงบประมาณ|ระบบรายงาน|ที่ประชุมประจำเดือน"),
        # An award, praise or thanks received from outside (2.3.3, 3.4.4, 4.4.1; one
        # alternative of 1.1.3); not the office's own announcement of an award.
        (RECOGNITION, r"ได้รับรางวัล|หรือรางวัล|^(?:[^\s/]+/)*รางวัล|คำขอบคุณ|การชื่นชม"),
        # An item that is (or offers as one alternative) an announcement or an order:
        # "ประกาศ/คำสั่ง", "คำสั่งแต่งตั้ง...", "นโยบาย/ประกาศ/...", "เอกสาร/คำสั่ง..."; not a
        # certificate (ประกาศนียบัตร, ใบประกาศ) nor the word inside another phrase
        # ("เผยแพร่ประกาศ").
        (OFFICIAL_DOCUMENT, r"^(?:[^\s/]+/)*(?:ประกาศ(?!นียบัตร)|คำสั่ง)"),
        (MEMO, r"บันทึก\S*\s*(?:\S+\s*)?(?:ให้|ต่อ)?ผู้บังคับบัญชา|รายงานผล\S*ให้ผู้บังคับบัญชา"),
    )
)
"""Which kind of record satisfies an item, by a phrase of its text; the first rule that
matches wins, so the more particular phrases come first."""

# A bullet: a hyphen at the start, or one with a space before it (``งาน - มี``); a hyphen
# inside a word (e-Service, E-Learning) is not one.
_BULLET_RE = re.compile(r"(?:^|\s)-\s*")
_LEADING_THERE_IS_RE = re.compile(
    r"^มี(?=การ|หลักฐาน|หนังสือ|ช่องทาง|มาตร|เอกสาร|นโยบาย|ผัง|คู่มือ|รายงาน|ระบบ|ข้อมูล)"
)
_SPACE_BEFORE_CLOSE_RE = re.compile(r"\s+([)/”])")
_SPACE_AFTER_OPEN_RE = re.compile(r"([(/“])\s+")
LABEL_MAX_LENGTH = 500


@dataclass(frozen=True)
class ParsedRequirement:
    """One item of an activity's evidence checklist."""

    label: str
    kind: str = ""
    minimum: int | None = None
    minimum_kind: str = ""
    minimum_unit: str = ""


_THAI_RUN_END_RE = re.compile(r"[\u0e00-\u0e7f]+$")
_THAI_RUN_START_RE = re.compile(r"[\u0e00-\u0e7f]+")


def _boundaries(text: str) -> set[int]:
    # Imported on first use: loading the dictionary takes about half a second.
    from pythainlp.tokenize import word_tokenize

    points, position = {0}, 0
    for token in word_tokenize(text, engine="newmm", keep_whitespace=False):
        position += len(token)
        points.add(position)
    return points


def _splits_a_word(left: str, right: str) -> bool:
    """Whether a space between two Thai runs falls inside a dictionary word: a line break
    of the word processor left it there (``เข้า ร่วม``), not the writer's phrase break
    (``งบประมาณ ตัวชี้วัด``). It does when the joined text reads as a word running
    across the space from a word start on the left to a word end on the right."""
    if right.startswith("ๆ"):
        return False  # ไม้ยมก stands apart: ต่าง ๆ
    joined = _boundaries(left + right)
    if len(left) in joined:
        return False
    left_points = _boundaries(left)
    right_points = {len(left) + point for point in _boundaries(right)}
    ordered = sorted(joined)
    for start, end in zip(ordered, ordered[1:], strict=False):
        if start < len(left) < end:
            return start in left_points and end in right_points
    return False


def join_wrapped_words(text: str) -> str:
    """The text without the spaces that split a Thai word in two."""
    pieces = text.split(" ")
    result = pieces[0]
    for piece in pieces[1:]:
        left = _THAI_RUN_END_RE.search(result)
        right = _THAI_RUN_START_RE.match(piece)
        if left and right and _splits_a_word(left.group(), right.group()):
            result += piece
        else:
            result += " " + piece
    return result


def _tidy(text: str) -> str:
    text = join_wrapped_words(clean_cell(text))
    text = _SPACE_BEFORE_CLOSE_RE.sub(r"\1", text)
    text = _SPACE_AFTER_OPEN_RE.sub(r"\1", text)
    return _LEADING_THERE_IS_RE.sub("", text).strip(" -")


def kind_for(label: str) -> str:
    """The kind of record that can satisfy an item, or ``""`` for a file or a link."""
    for kind, pattern in KIND_RULES:
        if pattern.search(label):
            return kind
    return ""


def _threshold(label: str) -> tuple[int | None, str, str]:
    for target in extract_targets(label, source="evidence"):
        if target.kind in (PERCENT, COUNT):
            return target.minimum, target.kind, target.unit_label
    return None, "", ""


def split_evidence(text: str) -> list[ParsedRequirement]:
    """The items of an evidence cell in their order; none for an empty cell."""
    items = []
    for part in _BULLET_RE.split(clean_cell(text)):
        label = _tidy(part)
        if not label:
            continue
        label = label[:LABEL_MAX_LENGTH]
        minimum, minimum_kind, minimum_unit = _threshold(label)
        items.append(
            ParsedRequirement(
                label=label,
                kind=kind_for(label),
                minimum=minimum,
                minimum_kind=minimum_kind,
                minimum_unit=minimum_unit,
            )
        )
    return items
