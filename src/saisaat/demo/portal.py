"""The demo province's transparency portal: published pages for the OIT items a page
answers and for the Official Information Act's sections 7 and 9, and its No Gift
announcement issued, so that the checklist resolves."""

from datetime import date

from django.utils import translation

from saisaat.documents import official_services as official
from saisaat.documents.models import OfficialDocument
from saisaat.orgs.models import Unit, User
from saisaat.portal import oit, services
from saisaat.portal.models import OitItem, PageKind, PortalPage

_TEXTS = {
    PageKind.POWERS: (
        "## อำนาจหน้าที่\n"
        "ตามกฎกระทรวงแบ่งส่วนราชการกรมการพัฒนาชุมชน กระทรวงมหาดไทย\n\n"
        "- ส่งเสริมและสนับสนุนการพัฒนาชุมชนให้มีความเข้มแข็ง\n"
        "- ส่งเสริมการจัดทำและใช้ประโยชน์จากแผนชุมชน\n"
        "- ส่งเสริมเศรษฐกิจชุมชนและการออมเพื่อการผลิต\n"
        "- ประสานและสนับสนุนการปฏิบัติงานของสำนักงานพัฒนาชุมชนอำเภอ"
    ),
    PageKind.CONTACT: (
        "ศาลากลางจังหวัดหนองคาย ถนนหนองคาย-โพนพิสัย ตำบลหนองกอมเกาะ อำเภอเมืองหนองคาย "
        "จังหวัดหนองคาย ๔๓๐๐๐\n"
        "โทรศัพท์สำนักงาน ๐ ๔๒๔๑ ๑๐๐๐ (หมายเลขสาธิต)\n\n"
        "เว็บไซต์ https://nongkhai.cdd.go.th"
    ),
    PageKind.LAWS: (
        "- พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐\n"
        "- พระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. ๒๕๕๘\n"
        "- ระเบียบกระทรวงมหาดไทยว่าด้วยการบริหารกองทุนพัฒนาบทบาทสตรี\n"
        "- พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐"
    ),
    PageKind.QA: (
        "ถาม: ติดตามเรื่องร้องเรียนได้อย่างไร\n"
        "ตอบ: ใช้รหัสติดตามที่ได้รับเมื่อส่งเรื่อง ที่หน้าติดตามเรื่องร้องเรียน\n\n"
        "ส่งคำถามถึงสำนักงานได้ทางช่องทางรับเรื่องร้องเรียน/ร้องทุกข์ของระบบนี้"
    ),
    PageKind.SOCIAL: "- Facebook: พัฒนาชุมชนจังหวัดหนองคาย\n- LINE Official: @cddnongkhai (สาธิต)",
    PageKind.OIA_SECTION_7: (
        "- โครงสร้างและการจัดองค์กรในการดำเนินงาน\n"
        "- สรุปอำนาจหน้าที่ที่สำคัญและวิธีการดำเนินงาน\n"
        "- สถานที่ติดต่อเพื่อขอรับข้อมูลข่าวสารหรือคำแนะนำ\n"
        "- กฎ มติคณะรัฐมนตรี ข้อบังคับ คำสั่ง หนังสือเวียน ระเบียบ แบบแผน นโยบาย หรือการตีความ"
    ),
    PageKind.OIA_SECTION_9: (
        "- ผลการพิจารณาหรือคำวินิจฉัยที่มีผลโดยตรงต่อเอกชน\n"
        "- แผนงาน โครงการ และงบประมาณรายจ่ายประจำปี\n"
        "- คู่มือหรือคำสั่งเกี่ยวกับวิธีปฏิบัติงานของเจ้าหน้าที่ของรัฐ\n"
        "- สัญญาสัมปทาน สัญญาที่มีลักษณะเป็นการผูกขาดตัดตอน หรือสัญญาร่วมทุนกับเอกชน\n\n"
        "ขอตรวจดูได้ที่ศูนย์ข้อมูลข่าวสารของสำนักงาน ในวันและเวลาราชการ"
    ),
}
_GENERIC = "เอกสารฉบับเต็มเผยแพร่เป็นไฟล์ PDF ตามที่หน่วยงานจัดทำ (ข้อมูลสาธิต)"


def _director(province: Unit) -> User | None:
    return (
        User.objects.filter(unit=province, role=User.Role.APPROVER, work_group__isnull=True)
        .order_by("pk")
        .first()
    )


def seed_portal_demo(province: Unit, fiscal_year: int) -> dict:
    """Idempotent: pages already written are left as they are."""
    created = {"pages": 0, "announcements": 0}
    director = _director(province)
    if director is None:
        return created
    oit.ensure_items(fiscal_year)
    kinds = set(
        OitItem.objects.filter(fiscal_year=fiscal_year)
        .exclude(page_kind="")
        .values_list("page_kind", flat=True)
    ) | {PageKind.OIA_SECTION_7, PageKind.OIA_SECTION_9}
    existing = set(PortalPage.objects.filter(unit=province).values_list("kind", flat=True))
    for kind in PageKind:
        if kind not in kinds or kind in existing:
            continue
        with translation.override("th"):
            title = str(kind.label)
        page = services.save_page(
            province, kind, title=title, body=_TEXTS.get(kind, _GENERIC), acting_user=None
        )
        services.publish_page(page, acting_user=None)
        created["pages"] += 1
    if not OfficialDocument.objects.filter(unit=province, kind="announcement").exists():
        document = official.create_draft(
            unit=province,
            kind="announcement",
            fields=official.OfficialFields(
                office=province.name_th,
                title="เจตนารมณ์ไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)",
                body=(
                    "สำนักงานพัฒนาชุมชนจังหวัดหนองคายขอประกาศเจตนารมณ์ว่า ผู้บริหารและเจ้าหน้าที่"
                    "ทุกคนจะไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่"
                ),
                date=date(2022, 10, 17),
                signer_name=director.get_full_name(),
                signer_position=director.position or "พัฒนาการจังหวัดหนองคาย",
            ),
            acting_user=director,
        )
        official.issue(document, acting_user=director)
        created["announcements"] += 1
    # Issued announcements are public once published on the portal.
    for document in (
        OfficialDocument.objects.issued()
        .filter(unit=province, kind="announcement", portal_published_at__isnull=True)
        .exclude(pdf="")
    ):
        services.publish_document(document, acting_user=None)
    return created
