"""The announcement of a published round's model office, with its ranking, and the
office's certificate, as one A4 PDF (the announcement upright, the certificate across)."""

from saisaat.assessments.services import Results
from saisaat.core.thaipdf import FONT_FAMILY, ThaiPDF
from saisaat.thai.calendar import format_thai_date, local_date
from saisaat.thai.digits import to_thai_digits

MARGIN = 20


def _centre(
    pdf: ThaiPDF, y: float, text: str, *, size: int, bold: bool = False, margin: float = MARGIN
) -> float:
    pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
    width = pdf.w - 2 * margin
    for line in pdf.wrap(text, width):
        pdf.text_line(margin, y, line, width=width, align="C")
        y += pdf.line_height()
    return y


def _signature(pdf: ThaiPDF, y: float, signer: list[str]) -> float:
    y = _centre(pdf, y, "(ลงชื่อ) ......................................................", size=15)
    for line in signer:
        y = _centre(pdf, y, line, size=15)
    return y


def render(results: Results, *, signer: list[str]) -> bytes:
    """The announcement and the certificate of ``results.model_office`` (which must be
    set: one eligible office ranked first alone), signed by the lines of ``signer`` (the
    name in brackets, the position)."""
    round_ = results.round
    winner = results.model_office
    office = round_.unit.name_th
    year = to_thai_digits(str(round_.fiscal_year))
    issued = format_thai_date(local_date(round_.published_at), thai_digits=True)
    framework = round_.framework.title

    pdf = ThaiPDF()
    pdf.set_title(f"ประกาศผลการคัดเลือก {winner.unit.name_th}")
    pdf.add_page()
    y = _centre(pdf, 25, f"ประกาศ{office}", size=18, bold=True)
    y = _centre(pdf, y, f"เรื่อง ผลการคัดเลือกสำนักงานต้นแบบ ประจำปีงบประมาณ พ.ศ. {year}", size=16)
    y = _centre(pdf, y + 2, "____________________", size=12)
    pdf.set_font(FONT_FAMILY, "", 15)
    body = (
        f"ตามที่{office} ได้ดำเนินการติดตาม ประเมินผล และคัดเลือกสำนักงานต้นแบบ "
        f"ตาม{framework} โดยคณะกรรมการประเมินจำนวน {to_thai_digits(str(results.assessor_count))} "
        f"คน ให้คะแนนแต่ละสำนักงานอย่างเป็นอิสระ และรวมคะแนนตามเกณฑ์ที่กำหนด นั้น "
        f"บัดนี้ การประเมินเสร็จสิ้นแล้ว จึงประกาศให้ {winner.unit.name_th} "
        f"เป็นสำนักงานต้นแบบ ประจำปีงบประมาณ พ.ศ. {year} "
        f"ด้วยคะแนน {to_thai_digits(str(winner.score_display))} คะแนน "
        "โดยมีผลการจัดลำดับดังนี้"
    )
    y = pdf.paragraph(MARGIN, y + 4, pdf.w - 2 * MARGIN, body, indent=15)
    pdf.set_xy(MARGIN, y + 3)
    pdf.c_margin = 1
    pdf.set_font(FONT_FAMILY, "B", 12)
    codes = [section.code for section in results.sections]
    with pdf.table(
        col_widths=(14, 58, 18, *([16] * len(codes))),
        line_height=6.5,
        first_row_as_headings=True,
        text_align="CENTER",
        width=pdf.w - 2 * MARGIN,
    ) as table:
        header = table.row()
        for text in ("ลำดับ", "สำนักงาน", "คะแนน", *codes):
            header.cell(text)
        pdf.set_font(FONT_FAMILY, "", 12)
        for result in results.ranking:
            row = table.row()
            row.cell(to_thai_digits(str(result.rank)))
            name = result.unit.short_name_th or result.unit.name_th
            row.cell(name if result.eligible else f"{name} *", align="LEFT")
            row.cell(to_thai_digits(str(result.score_display)))
            for code in codes:
                row.cell(to_thai_digits(str(result.section_display(code))))
    pdf.c_margin = 0
    y = pdf.get_y() + 2
    if not all(result.eligible for result in results.ranking):
        pdf.set_font(FONT_FAMILY, "", 12)
        pdf.text_line(MARGIN, y, "* คะแนนบางด้านต่ำกว่าเกณฑ์ขั้นต่ำ จึงไม่อยู่ในเกณฑ์คัดเลือก")
        y += pdf.line_height()
    y += 4
    y = _centre(pdf, y, f"ประกาศ ณ วันที่ {issued}", size=15)
    _signature(pdf, y + 12, signer)

    pdf.add_page(orientation="L")
    pdf.set_draw_color(29, 107, 95)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.4)
    pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)
    wide = 40
    y = _centre(pdf, 34, office, size=20, bold=True, margin=wide)
    y = _centre(pdf, y + 4, "เกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า", size=17, margin=wide)
    y = _centre(pdf, y + 6, winner.unit.name_th, size=28, bold=True, margin=wide)
    y = _centre(pdf, y + 6, "ได้รับการคัดเลือกเป็นสำนักงานต้นแบบ", size=17, margin=wide)
    y = _centre(pdf, y, f"ตาม{framework}", size=17, margin=wide)
    y = _centre(pdf, y, f"ประจำปีงบประมาณ พ.ศ. {year}", size=17, margin=wide)
    y = _centre(pdf, y + 6, f"ให้ไว้ ณ วันที่ {issued}", size=16, margin=wide)
    _signature(pdf, y + 14, signer)
    return bytes(pdf.output())
