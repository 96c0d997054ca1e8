"""The survey templates that ship with Saisaat: the two satisfaction surveys the clean
community development plan names (dimension 2, service satisfaction; dimension 4,
satisfaction with the moral-organisation activities).

Template texts are Thai data, as in the printed questionnaires offices use. Each template
knows the words of the plan activity whose evidence its results are, so a survey made from
it links to that activity of the unit's plan.
"""

from dataclasses import dataclass

SCALE, SINGLE, MULTIPLE, TEXT = "scale", "single", "multiple", "text"

SERVICE = "service"
MORAL_ORGANISATION = "moral-organisation"


@dataclass(frozen=True)
class QuestionTemplate:
    kind: str
    text: str
    required: bool = True
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionTemplate:
    title: str
    questions: tuple[QuestionTemplate, ...]
    description: str = ""


@dataclass(frozen=True)
class SurveyTemplate:
    key: str
    dimension: int
    title: str
    description: str
    activity_words: str
    """Words of the plan activity (without spaces) whose evidence the results are."""
    sections: tuple[SectionTemplate, ...]


def _scale(text: str) -> QuestionTemplate:
    return QuestionTemplate(SCALE, text)


SERVICE_TEMPLATE = SurveyTemplate(
    key=SERVICE,
    dimension=2,
    title="แบบประเมินความพึงพอใจต่อการให้บริการ",
    description=(
        "ขอความร่วมมือผู้รับบริการประเมินความพึงพอใจต่อการให้บริการของสำนักงาน "
        "เพื่อนำผลไปปรับปรุงการให้บริการให้ดียิ่งขึ้น ไม่ต้องระบุชื่อ "
        "คำตอบของท่านจะนำเสนอในภาพรวมเท่านั้น"
    ),
    activity_words="ประเมินความพึงพอใจการให้บริการ",
    sections=(
        SectionTemplate(
            "ข้อมูลทั่วไปของผู้ตอบแบบประเมิน",
            (
                QuestionTemplate(SINGLE, "เพศ", False, ("ชาย", "หญิง", "ไม่ประสงค์ระบุ")),
                QuestionTemplate(
                    SINGLE,
                    "อายุ",
                    False,
                    ("ต่ำกว่า ๒๐ ปี", "๒๐–๓๙ ปี", "๔๐–๕๙ ปี", "๖๐ ปีขึ้นไป"),
                ),
                QuestionTemplate(
                    SINGLE,
                    "ท่านเป็น",
                    False,
                    (
                        "ประชาชนทั่วไป",
                        "ผู้นำชุมชน / ผู้นำอาสาพัฒนา",
                        "กลุ่มอาชีพ / ผู้ผลิตผู้ประกอบการ OTOP",
                        "เจ้าหน้าที่หน่วยงานภาครัฐหรือเอกชน",
                    ),
                ),
                QuestionTemplate(
                    MULTIPLE,
                    "เรื่องที่มาติดต่อ (ตอบได้มากกว่า ๑ ข้อ)",
                    False,
                    (
                        "กองทุนพัฒนาบทบาทสตรี",
                        "กองทุนชุมชน / โครงการแก้ไขปัญหาความยากจน (กข.คจ.)",
                        "ผลิตภัณฑ์ OTOP / ผู้ผลิตผู้ประกอบการชุมชน",
                        "ข้อมูลความจำเป็นพื้นฐาน (จปฐ.) / ข้อมูลพื้นฐานระดับหมู่บ้าน (กชช. ๒ค)",
                        "ขอข้อมูลข่าวสารหรือเอกสารราชการ",
                        "อื่น ๆ",
                    ),
                ),
            ),
        ),
        SectionTemplate(
            "ด้านขั้นตอนการให้บริการ",
            (
                _scale("ขั้นตอนการให้บริการไม่ยุ่งยาก ซับซ้อน และมีความชัดเจน"),
                _scale("มีผังหรือป้ายแสดงขั้นตอนการให้บริการที่เข้าใจง่าย"),
            ),
        ),
        SectionTemplate(
            "ด้านระยะเวลา",
            (
                _scale("ความรวดเร็วในการให้บริการ"),
                _scale("ให้บริการตามลำดับก่อน–หลังอย่างเป็นธรรม"),
            ),
        ),
        SectionTemplate(
            "ด้านเจ้าหน้าที่ผู้ให้บริการ",
            (
                _scale("เจ้าหน้าที่สุภาพ เป็นมิตร และเต็มใจให้บริการ"),
                _scale("เจ้าหน้าที่ให้คำแนะนำและตอบข้อสงสัยได้ชัดเจน ถูกต้อง"),
            ),
        ),
        SectionTemplate(
            "ด้านสิ่งอำนวยความสะดวก",
            (
                _scale("สถานที่ตั้งสะดวก เข้าถึงง่าย มีที่นั่งรอและป้ายบอกทางชัดเจน"),
                _scale("ช่องทางบริการออนไลน์ (e-Service) ใช้งานได้สะดวก"),
            ),
        ),
        SectionTemplate(
            "ด้านความโปร่งใส",
            (
                _scale("การให้บริการเป็นไปอย่างโปร่งใส เท่าเทียม ไม่เลือกปฏิบัติ"),
                _scale("ไม่มีการเรียกรับเงิน สิ่งของ หรือประโยชน์ตอบแทนใด ๆ"),
                _scale("ความพึงพอใจต่อการให้บริการในภาพรวม"),
            ),
        ),
        SectionTemplate(
            "ข้อเสนอแนะ",
            (QuestionTemplate(TEXT, "ข้อเสนอแนะเพื่อการปรับปรุงการให้บริการ", False),),
        ),
    ),
)

MORAL_ORGANISATION_TEMPLATE = SurveyTemplate(
    key=MORAL_ORGANISATION,
    dimension=4,
    title="แบบประเมินความพึงพอใจต่อการดำเนินกิจกรรมองค์กรคุณธรรม",
    description=(
        "แบบประเมินความพึงพอใจของบุคลากรในสังกัดต่อการดำเนินกิจกรรมตามแผนการขับเคลื่อน"
        "องค์กรคุณธรรม ภายใต้คุณธรรมเป้าหมาย ๕ ประการ พอเพียง วินัย สุจริต จิตอาสา กตัญญู "
        "ไม่ต้องระบุชื่อ"
    ),
    activity_words="ประเมินความพึงพอใจการดำเนินกิจกรรม",
    sections=(
        SectionTemplate(
            "ข้อมูลทั่วไป",
            (
                QuestionTemplate(
                    SINGLE,
                    "สังกัด",
                    False,
                    ("สำนักงานพัฒนาชุมชนจังหวัด", "สำนักงานพัฒนาชุมชนอำเภอ"),
                ),
                QuestionTemplate(
                    SINGLE,
                    "ประเภทบุคลากร",
                    False,
                    ("ข้าราชการ", "พนักงานราชการ", "ลูกจ้าง / จ้างเหมาบริการ"),
                ),
            ),
        ),
        SectionTemplate(
            "ความพึงพอใจต่อการดำเนินกิจกรรมองค์กรคุณธรรม",
            (
                _scale("การมีส่วนร่วมของบุคลากรในการจัดทำแผนการขับเคลื่อนองค์กรคุณธรรม"),
                _scale("การสื่อสารแผนการขับเคลื่อนองค์กรคุณธรรมให้บุคลากรรับทราบอย่างทั่วถึง"),
                _scale("การประกาศข้อตกลง (เจตนารมณ์/ธรรมนูญ/ปฏิญญา) ร่วมกันของผู้บริหารและบุคลากร"),
                _scale("การกำหนดคุณธรรมเป้าหมาย “ปัญหาที่อยากแก้” และ “ความดีที่อยากทำ” ร่วมกัน"),
                _scale("กิจกรรมตามคุณธรรมเป้าหมาย ๕ ประการ เหมาะสมและเป็นประโยชน์ต่อการปฏิบัติงาน"),
                _scale("ระยะเวลาและความถี่ในการจัดกิจกรรมมีความเหมาะสม"),
            ),
        ),
        SectionTemplate(
            "ประโยชน์ที่ได้รับ",
            (
                _scale("กิจกรรมช่วยให้เกิดการเปลี่ยนแปลงพฤติกรรมที่ดีในองค์กร"),
                _scale("ท่านนำหลักคุณธรรมไปปรับใช้ในการปฏิบัติงานและชีวิตประจำวันได้"),
                _scale("ความพึงพอใจต่อการดำเนินกิจกรรมองค์กรคุณธรรมในภาพรวม"),
                QuestionTemplate(
                    MULTIPLE,
                    "กิจกรรมที่ท่านประทับใจ (ตอบได้มากกว่า ๑ ข้อ)",
                    False,
                    (
                        "ทำบุญตักบาตร / ทำความสะอาดศาสนสถาน",
                        "จิตอาสาพัฒนาพื้นที่สาธารณะ",
                        "ออมเงินและจัดทำบัญชีครัวเรือน",
                        "แต่งกายเรียบร้อยและมาปฏิบัติงานตรงเวลา",
                        "งดให้และรับของขวัญ (No Gift Policy)",
                    ),
                ),
            ),
        ),
        SectionTemplate(
            "ข้อเสนอแนะ",
            (QuestionTemplate(TEXT, "ข้อเสนอแนะเพื่อพัฒนากิจกรรมองค์กรคุณธรรมในปีต่อไป", False),),
        ),
    ),
)

TEMPLATES: dict[str, SurveyTemplate] = {
    SERVICE: SERVICE_TEMPLATE,
    MORAL_ORGANISATION: MORAL_ORGANISATION_TEMPLATE,
}
