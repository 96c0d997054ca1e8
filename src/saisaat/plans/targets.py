"""Numeric targets stated in an action plan's Thai text.

An activity or its evidence may say how much is enough: ``ร้อยละ ๘๐`` (at least 80 %),
``ไม่น้อยกว่า ๓ ช่องทาง`` (at least three channels), ``อย่างน้อย ๒ ภาคีเครือข่าย จาก ๗
ภาคีเครือข่าย`` (at least two of seven partner networks), ``ไตรมาสละ ๑ ครั้ง`` or
``รายไตรมาส`` (once a quarter), ``ทุกเดือน`` or ``เดือนละ ๑ ครั้ง`` (once a month).
:func:`extract_targets` finds these phrases, with Thai or Arabic digits and loose
spacing; :func:`merge_targets` combines what an activity's own text and its evidence say.

Only a number introduced by one of these phrases is a target. Bare numbers (years such as
``พ.ศ. ๒๕๔๐``, law sections such as ``มาตรา ๗``, list numbering such as ``๑. โครงสร้าง``,
names such as ``หลัก ๕ ส``) never are.

``อย่างน้อย ๔ กิจกรรม จากคุณธรรมเป้าหมาย ๕ ประการ`` is read as "at least four activities":
the five is the number of target virtues the activities are drawn from, not a total of
activities, so a target gets ``out_of`` only from ``จาก N <the same counted noun>`` (or
``จาก N`` with no noun at all).
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from saisaat.thai.digits import to_arabic_digits

PERCENT = "percent"
COUNT = "count"
PER_QUARTER = "per_quarter"
PER_MONTH = "per_month"
KINDS = (PERCENT, COUNT, PER_QUARTER, PER_MONTH)
# A frequency written without a number (รายไตรมาส, ทุกเดือน) asks for it once.
ONCE = "ครั้ง"

SOURCE_ACTIVITY = "activity"
SOURCE_EVIDENCE = "evidence"
SOURCES = (SOURCE_ACTIVITY, SOURCE_EVIDENCE)

# Counted nouns (ลักษณนาม and the like) that plans use. Thai is written without spaces
# between words, so a known noun is taken as a prefix ("๒ คนในสังกัด" counts คน); any
# other noun is the whole run of Thai letters after the number.
KNOWN_UNIT_LABELS = (
    "ภาคีเครือข่าย",
    "เครือข่าย",
    "ช่องทาง",
    "กิจกรรม",
    "โครงการ",
    "หลักสูตร",
    "หน่วยงาน",
    "ประเด็น",
    "ประการ",
    "รางวัล",
    "เรื่อง",
    "ครั้ง",
    "ฉบับ",
    "แห่ง",
    "ระบบ",
    "ด้าน",
    "ชุด",
    "รุ่น",
    "ราย",
    "คน",
)

_SPACE = r"[\s\u200b]*"
_NUMBER = r"[0-9๐-๙]+"
_FRACTION = rf"(?:[.,]{_NUMBER})?"
# Thai letters and marks, without the Thai digits (U+0E50-U+0E59) and symbols.
_THAI_LETTERS = r"[\u0e01-\u0e3a\u0e40-\u0e4e]+"
_KNOWN_LABEL = (
    "(?:"
    + "|".join(re.escape(label) for label in sorted(KNOWN_UNIT_LABELS, key=len, reverse=True))
    + ")"
)
_LABEL = f"(?:{_KNOWN_LABEL}|{_THAI_LETTERS})"
_AT_LEAST = rf"(?:อย่าง{_SPACE}น้อย|ไม่{_SPACE}น้อย{_SPACE}กว่า)"

_TARGET_RE = re.compile(
    # รายไตรมาส, ทุกไตรมาส: once a quarter.
    rf"(?P<every_quarter>(?:ราย|ทุก){_SPACE}ไตร{_SPACE}มาส(?!{_SPACE}ละ))"
    # ทุกเดือน: once a month; เดือนละ ๒ ครั้ง: that many a month.
    rf"|(?P<every_month>ทุก{_SPACE}เดือน)"
    rf"|(?P<month>(?:{_AT_LEAST}{_SPACE})?เดือน{_SPACE}ละ{_SPACE}"
    rf"(?:{_AT_LEAST}{_SPACE})?(?P<month_n>{_NUMBER}){_SPACE}(?P<month_label>{_LABEL}))"
    # ไตรมาสละ ๑ ครั้ง, optionally preceded by อย่างน้อย.
    rf"|(?P<quarter>(?:{_AT_LEAST}{_SPACE})?ไตร{_SPACE}มาส{_SPACE}ละ{_SPACE}"
    rf"(?:{_AT_LEAST}{_SPACE})?(?P<quarter_n>{_NUMBER}){_SPACE}(?P<quarter_label>{_LABEL}))"
    # ร้อยละ ๘๐ or 80 %, optionally preceded by อย่างน้อย / ไม่น้อยกว่า.
    rf"|(?P<percent>(?:{_AT_LEAST}{_SPACE})?"
    rf"(?:ร้อย{_SPACE}ละ{_SPACE}(?P<percent_n>{_NUMBER}{_FRACTION})"
    rf"|(?P<percent_sign_n>{_NUMBER}{_FRACTION}){_SPACE}%))"
    # อย่างน้อย ๒ ภาคีเครือข่าย [จาก ๗ ภาคีเครือข่าย]. Alternatives after a slash
    # (กิจกรรม/เรื่อง) belong to the phrase but not to the label.
    rf"|(?P<count>{_AT_LEAST}{_SPACE}(?P<count_n>{_NUMBER}){_SPACE}"
    rf"(?P<count_label>{_LABEL})(?:{_SPACE}/{_SPACE}{_KNOWN_LABEL})*"
    rf"(?P<count_total>{_SPACE}จาก{_SPACE}(?:ทั้งหมด{_SPACE})?(?P<out_of>{_NUMBER})"
    rf"(?:{_SPACE}(?P<out_of_label>{_LABEL}))?)?)"
)


@dataclass(frozen=True)
class ParsedTarget:
    """A numeric target as the plan states it.

    ``kind`` is ``"percent"`` (``minimum`` is a percentage), ``"count"`` (at least
    ``minimum`` of ``unit_label``, out of ``out_of`` when the text gives a total) or
    ``"per_quarter"`` / ``"per_month"`` (``minimum`` ``unit_label`` every quarter or month
    of the activity's period). ``source`` says whether
    it came from the activity's text or its evidence; ``text`` is the phrase as written.
    """

    kind: str
    minimum: int
    out_of: int | None
    unit_label: str
    source: str
    text: str

    @property
    def key(self) -> tuple[str, int, int | None, str]:
        """What the target demands, regardless of where and how it was written."""
        return (self.kind, self.minimum, self.out_of, self.unit_label)


def _to_int(digits: str) -> int:
    return int(to_arabic_digits(digits))


def _percentage(number: str) -> int:
    # "At least 80.5 %" is only met by a whole 81 % when counting people.
    text = to_arabic_digits(number).replace(",", ".")
    return math.ceil(float(text))


def _target_from_match(match: re.Match[str], source: str) -> ParsedTarget | None:
    text = match.group(0)
    if match.group("every_quarter") or match.group("every_month"):
        kind = PER_QUARTER if match.group("every_quarter") else PER_MONTH
        return ParsedTarget(
            kind=kind, minimum=1, out_of=None, unit_label=ONCE, source=source, text=text
        )
    if match.group("month"):
        return ParsedTarget(
            kind=PER_MONTH,
            minimum=_to_int(match.group("month_n")),
            out_of=None,
            unit_label=match.group("month_label"),
            source=source,
            text=text,
        )
    if match.group("quarter"):
        return ParsedTarget(
            kind=PER_QUARTER,
            minimum=_to_int(match.group("quarter_n")),
            out_of=None,
            unit_label=match.group("quarter_label"),
            source=source,
            text=text,
        )
    if match.group("percent"):
        minimum = _percentage(match.group("percent_n") or match.group("percent_sign_n"))
        if minimum > 100:
            return None
        return ParsedTarget(
            kind=PERCENT, minimum=minimum, out_of=None, unit_label="", source=source, text=text
        )
    minimum = _to_int(match.group("count_n"))
    label = match.group("count_label")
    out_of = None
    if match.group("count_total"):
        total = _to_int(match.group("out_of"))
        if match.group("out_of_label") in (None, label) and total >= minimum:
            out_of = total
        else:
            # "จาก ๕ ประการ" names where the counted things come from, not their total.
            text = text[: match.start("count_total") - match.start()]
    return ParsedTarget(
        kind=COUNT, minimum=minimum, out_of=out_of, unit_label=label, source=source, text=text
    )


def extract_targets(text: str, *, source: str) -> list[ParsedTarget]:
    """The targets stated in ``text``, in the order they are written.

    ``source`` (``"activity"`` or ``"evidence"``) is recorded on every target found.
    Percentages above 100 are not targets; a fractional percentage is rounded up.
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
    targets = []
    for match in _TARGET_RE.finditer(text):
        target = _target_from_match(match, source)
        if target is not None:
            targets.append(target)
    return targets


def merge_targets(
    activity_targets: Iterable[ParsedTarget], evidence_targets: Iterable[ParsedTarget]
) -> list[ParsedTarget]:
    """The activity's targets followed by the evidence's, each demand listed once.

    Evidence usually restates the activity's target; a target equal in kind, minimum,
    total and unit to one already kept is dropped, so the activity's wording wins.
    """
    merged: list[ParsedTarget] = []
    seen: set[tuple[str, int, int | None, str]] = set()
    for target in [*activity_targets, *evidence_targets]:
        if target.key not in seen:
            seen.add(target.key)
            merged.append(target)
    return merged
