"""Targets (ร้อยละ ๘๐, อย่างน้อย ๒ ภาคีเครือข่าย, ไตรมาสละ ๑ ครั้ง...) read from plan text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saisaat.plans.targets import KNOWN_UNIT_LABELS, ParsedTarget, extract_targets, merge_targets
from saisaat.thai.digits import to_thai_digits


def demands(text: str, source: str = "activity") -> list[tuple]:
    return [target.key for target in extract_targets(text, source=source)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ร้อยละ ๘๐ ของบุคลากรในสังกัด", ("percent", 80, None, "")),
        ("บุคลากรในสังกัด ร้อยละ ๘๐ มีส่วนร่วม", ("percent", 80, None, "")),
        ("คุณธรรมเป้าหมาย อย่างน้อยร้อยละ ๘๐", ("percent", 80, None, "")),
        ("ไม่น้อยกว่าร้อยละ 75", ("percent", 75, None, "")),
        ("ผ่านเกณฑ์ 90 %", ("percent", 90, None, "")),
        ("ระบบออนไลน์ของหน่วยงานไม่น้อยกว่า ๓ ช่องทาง", ("count", 3, None, "ช่องทาง")),
        ("อย่างน้อย ๒ ภาคีเครือข่าย จาก ๗ ภาคีเครือข่าย", ("count", 2, 7, "ภาคีเครือข่าย")),
        ("อย่างน้อย ๒ เรื่อง ประกอบด้วย การลดและคัดแยกขยะ", ("count", 2, None, "เรื่อง")),
        ("อย่างน้อย ๔ กิจกรรม/เรื่อง", ("count", 4, None, "กิจกรรม")),
        ("อย่าง น้อย ๔ กิจกรรม จากคุณธรรมเป้าหมาย ๕ ประการ", ("count", 4, None, "กิจกรรม")),
        ("ในการสร้างความโปร่งใส อย่างน้อย ๑ โครงการ", ("count", 1, None, "โครงการ")),
        ("หรือช่องทางอื่น อย่างน้อย 1 ช่องทาง", ("count", 1, None, "ช่องทาง")),
        ("อย่างน้อย ๓ คนในสังกัด", ("count", 3, None, "คน")),
        ("อย่างน้อย ๒ หมู่บ้าน", ("count", 2, None, "หมู่บ้าน")),
        ("ในสถานที่ทำงาน ไตรมาสละ ๑ ครั้ง", ("per_quarter", 1, None, "ครั้ง")),
        ("ไตรมาส ละ 2 ครั้ง", ("per_quarter", 2, None, "ครั้ง")),
        ("ติดตามการใช้จ่ายงบประมาณเป็นรายไตรมาส", ("per_quarter", 1, None, "ครั้ง")),
        ("รายงานผลทุกไตรมาส", ("per_quarter", 1, None, "ครั้ง")),
        ("รายงานในที่ประชุมประจำเดือนทุกเดือน", ("per_month", 1, None, "ครั้ง")),
        ("ประชุมเดือนละ ๒ ครั้ง", ("per_month", 2, None, "ครั้ง")),
        ("รายไตรมาสละ ๒ ครั้ง", ("per_quarter", 2, None, "ครั้ง")),
    ],
)
def test_it_reads_each_kind_of_target(text, expected):
    assert demands(text) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("ของบุคลากร ร้อยละ ๘๐ มีส่วนร่วม", "ร้อยละ ๘๐"),
        ("เข้าร่วม อย่างน้อยร้อยละ ๘๐", "อย่างน้อยร้อยละ ๘๐"),
        ("อย่าง น้อย ๔ กิจกรรม จากคุณธรรมเป้าหมาย ๕ ประการ", "อย่าง น้อย ๔ กิจกรรม"),
        ("อย่างน้อย ๔ กิจกรรม/เรื่อง", "อย่างน้อย ๔ กิจกรรม/เรื่อง"),
        (
            "โดยมี อย่างน้อย ๒ ภาคีเครือข่าย จาก ๗ ภาคีเครือข่าย",
            "อย่างน้อย ๒ ภาคีเครือข่าย จาก ๗ ภาคีเครือข่าย",
        ),
        ("ทำงาน ไตรมาสละ ๑ ครั้ง", "ไตรมาสละ ๑ ครั้ง"),
    ],
)
def test_it_keeps_the_phrase_as_written(text, phrase):
    [target] = extract_targets(text, source="evidence")
    assert target.text == phrase
    assert target.source == "evidence"


def test_it_reads_a_total_of_another_noun_as_no_total():
    """จาก ๕ ประการ says where the activities come from, not how many there are."""
    [target] = extract_targets("อย่างน้อย ๔ เรื่อง จาก ๕ ประการ", source="activity")
    assert (target.minimum, target.out_of, target.unit_label) == (4, None, "เรื่อง")
    assert target.text == "อย่างน้อย ๔ เรื่อง"


def test_it_reads_a_total_without_a_noun():
    [target] = extract_targets("อย่างน้อย ๓ เครือข่าย จาก ๕", source="activity")
    assert (target.minimum, target.out_of) == (3, 5)


def test_it_ignores_a_total_smaller_than_the_minimum():
    [target] = extract_targets("อย่างน้อย ๕ ครั้ง จาก ๓ ครั้ง", source="activity")
    assert (target.minimum, target.out_of) == (5, None)


def test_it_finds_several_targets_in_document_order():
    text = (
        "จัดกิจกรรมให้บุคลากรในสังกัด ร้อยละ ๘๐ มีส่วนร่วม ในการกำหนดคุณธรรมเป้าหมาย "
        "ตามคุณธรรมเป้าหมาย ๕ ประการ อย่างน้อย ๔ เรื่อง"
    )
    assert demands(text) == [("percent", 80, None, ""), ("count", 4, None, "เรื่อง")]


@pytest.mark.parametrize(
    "text",
    [
        "ตาม พ.ร.บ. ข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐ มาตรา ๗ และมาตรา ๙",
        "อย่าง ๑. โครงสร้างหน่วยงาน ๒. ข้อมูลผู้บริหารที่เป็นปัจจุบัน ๓. อำนาจหน้าที่",
        "แผนปฏิบัติการด้าน สิ่งแวดล้อมในสถานที่ทำงาน ตามหลัก ๕ ส",
        "ตามคุณธรรมเป้าหมาย ๕ ประการ",
        "บุคลากรของสำนักงานพัฒนาชุมชนจังหวัดหนองคาย จำนวน ๗๑ คน",
        "ม.ค. - ก.พ. ๖๖",
        "ร้อยละ ๑๒๐",
        "อย่างน้อย ๓",
        "",
    ],
)
def test_it_finds_no_target_in_numbers_that_are_not_targets(text):
    assert extract_targets(text, source="activity") == []


def test_it_rounds_a_fractional_percentage_up():
    assert demands("ร้อยละ ๘๐.๕") == [("percent", 81, None, "")]


def test_it_rejects_an_unknown_source():
    with pytest.raises(ValueError, match="source"):
        extract_targets("ร้อยละ ๘๐", source="elsewhere")


def target(kind, minimum, out_of, label, source, text="") -> ParsedTarget:
    return ParsedTarget(kind, minimum, out_of, label, source, text)


def test_it_merges_dropping_evidence_that_restates_the_activity():
    from_activity = [target("count", 1, None, "ช่องทาง", "activity", "อย่างน้อย ๑ ช่องทาง")]
    from_evidence = [
        target("count", 1, None, "ช่องทาง", "evidence", "อย่างน้อย  ๑  ช่องทาง"),
        target("percent", 80, None, "", "evidence", "ร้อยละ ๘๐"),
    ]
    assert merge_targets(from_activity, from_evidence) == [from_activity[0], from_evidence[1]]


def test_it_merges_keeping_targets_that_differ_in_total_or_unit():
    from_activity = [target("count", 4, None, "กิจกรรม", "activity")]
    from_evidence = [
        target("count", 4, 5, "กิจกรรม", "evidence"),
        target("count", 4, None, "เรื่อง", "evidence"),
    ]
    assert merge_targets(from_activity, from_evidence) == from_activity + from_evidence


def test_it_merges_evidence_alone_when_the_activity_states_nothing():
    from_evidence = extract_targets("ไม่น้อยกว่า ๓ ช่องทาง", source="evidence")
    assert merge_targets([], from_evidence) == from_evidence


spacing = st.text(alphabet=" \u00a0\u200b", max_size=3)


@given(
    n=st.integers(min_value=0, max_value=100_000),
    thai_digits=st.booleans(),
    label=st.sampled_from([*KNOWN_UNIT_LABELS, "หมู่บ้าน", "ตำบล", "องค์กร"]),
    gaps=st.tuples(spacing, spacing, spacing),
    lead=st.sampled_from(["", "ดำเนินกิจกรรม ", "มี"]),
)
def test_it_reads_at_least_n_of_any_label_with_any_digits_and_spacing(
    n, thai_digits, label, gaps, lead
):
    number = to_thai_digits(n) if thai_digits else str(n)
    text = f"{lead}อย่าง{gaps[0]}น้อย {gaps[1]}{number}{gaps[2]} {label}"
    [found] = extract_targets(text, source="activity")
    assert (found.kind, found.minimum, found.out_of, found.unit_label) == ("count", n, None, label)
    assert text.endswith(found.text)


@given(n=st.integers(min_value=0, max_value=100), thai_digits=st.booleans(), gap=spacing)
def test_it_reads_any_percentage_with_any_digits_and_spacing(n, thai_digits, gap):
    number = to_thai_digits(n) if thai_digits else str(n)
    [found] = extract_targets(f"ร้อยละ{gap}{number}", source="evidence")
    assert (found.kind, found.minimum, found.unit_label) == ("percent", n, "")
