"""Orders and announcements: their layout read back from the PDF and DOCX, their own number
series, sending to staff with read receipts, filing as evidence, and draft_document."""

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import unicodedata
import unittest
import zipfile
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import SimpleTestCase
from django.urls import reverse
from docx import Document

from saisaat.audit.models import Entry
from saisaat.documents import official_services as official
from saisaat.documents.exports import build_evidence_bundle
from saisaat.documents.models import Receipt
from saisaat.documents.official import (
    ANNOUNCEMENT,
    ORDER,
    MemberLine,
    OfficialContent,
    render_official_docx,
    render_official_pdf,
)
from saisaat.documents.services import MemoFields, create_memo
from saisaat.documents.tests.pdftools import pdftotext, require_tool
from saisaat.notices.models import Notice
from saisaat.orgs.models import StaffMember
from saisaat.plans.checklist import OFFICIAL_DOCUMENT
from saisaat.plans.models import EvidenceRequirement
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.models import Assignment, EvidenceItem

BODY = (
    "ตามที่สำนักงานพัฒนาชุมชนจังหวัดหนองคายได้จัดทำแผนปฏิบัติการส่งเสริมคุณธรรม ประจำปีงบประมาณ"
    " พ.ศ. 2566 จึงแต่งตั้งคณะทำงานขับเคลื่อนองค์กรคุณธรรม ประกอบด้วย"
)


def order_content(**overrides) -> OfficialContent:
    values = dict(
        kind=ORDER,
        office="สำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
        title="แต่งตั้งคณะทำงานขับเคลื่อนองค์กรคุณธรรม",
        paragraphs=[BODY],
        members=[
            MemberLine("นางสาวกานดา สาธิต๐๑", "พัฒนาการจังหวัดหนองคาย", "chair"),
            MemberLine("นางสาวปั้นหยา ญี่ปุ่น", "นักวิชาการพัฒนาชุมชนชำนาญการ", "secretary"),
        ],
        duties=["ให้คณะทำงานมีหน้าที่ขับเคลื่อนองค์กรคุณธรรม"],
        effective="บัดนี้เป็นต้นไป",
        signer_name="นางสาวกานดา สาธิต๐๑",
        signer_position="พัฒนาการจังหวัดหนองคาย",
        year=2566,
        number=12,
        date=date(2022, 12, 15),
    )
    values.update(overrides)
    return OfficialContent(**values)


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


class OfficialLayoutTests(SimpleTestCase):
    def test_the_order_round_trips_its_thai_text_through_pdftotext(self):
        text = squash(pdftotext(render_official_pdf(order_content())))
        for expected in [
            "คำสั่งสำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
            "ที่ ๑๒/๒๕๖๖",
            "เรื่อง แต่งตั้งคณะทำงานขับเคลื่อนองค์กรคุณธรรม",
            BODY.replace("2566", "๒๕๖๖"),
            "๑. นางสาวกานดา สาธิต๐๑",
            "ประธานคณะทำงาน",
            "นางสาวปั้นหยา ญี่ปุ่น",
            "คณะทำงานและเลขานุการ",
            "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป",
            "สั่ง ณ วันที่ ๑๕ ธันวาคม พ.ศ. ๒๕๖๕",
            "(นางสาวกานดา สาธิต๐๑)",
        ]:
            self.assertIn(squash(expected), text)

    def test_the_announcement_has_no_number_and_is_dated_ประกาศ_ณ_วันที่(self):
        content = order_content(kind=ANNOUNCEMENT, members=[], duties=[], title="นโยบาย No Gift")
        text = squash(pdftotext(render_official_pdf(content)))
        self.assertIn(squash("ประกาศสำนักงานพัฒนาชุมชนจังหวัดหนองคาย"), text)
        self.assertIn(squash("ประกาศ ณ วันที่ ๑๕ ธันวาคม พ.ศ. ๒๕๖๕"), text)
        self.assertNotIn("ที่๑๒", text)

    def test_a_draft_prints_dotted_places_for_its_number_and_date(self):
        text = pdftotext(render_official_pdf(order_content(number=None, date=None)))
        self.assertIn("ที่ ......../๒๕๖๖", text)
        self.assertIn("พ.ศ. ๒๕๖๖", text)

    def test_sarabun_is_embedded(self):
        tool = require_tool("pdffonts")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "order.pdf"
            path.write_bytes(render_official_pdf(order_content()))
            fonts = subprocess.run([tool, str(path)], capture_output=True, check=True).stdout
        rows = [line.split() for line in fonts.decode().splitlines()[2:]]
        self.assertEqual({row[0].split("+")[1] for row in rows}, {"Sarabun", "SarabunBold"})
        self.assertTrue(all(row[-5] == "yes" for row in rows))  # emb

    def test_the_docx_keeps_the_same_text(self):
        document = Document(io.BytesIO(render_official_docx(order_content())))
        text = "\n".join(p.text for p in document.paragraphs)
        self.assertIn("คำสั่งสำนักงานพัฒนาชุมชนจังหวัดหนองคาย", text)
        self.assertIn("ที่ ๑๒/๒๕๖๖", text)
        self.assertIn("๑.\tนางสาวกานดา สาธิต๐๑\tประธานคณะทำงาน", text)
        self.assertIn("สั่ง ณ วันที่ ๑๕ ธันวาคม พ.ศ. ๒๕๖๕", text)

    def test_the_order_and_the_announcement_open_in_libreoffice_with_thai_intact(self):
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office is None:
            raise unittest.SkipTest("LibreOffice is not installed on this machine")
        require_tool("pdftotext")
        announcement = order_content(
            kind=ANNOUNCEMENT, members=[], duties=[], title="นโยบาย No Gift", number=None
        )
        for name, content, expected in [
            ("order", order_content(), ["ที่ ๑๒/๒๕๖๖", "ประธานคณะทำงาน", "สั่ง ณ วันที่"]),
            ("announcement", announcement, ["เรื่อง นโยบาย No Gift", "ประกาศ ณ วันที่"]),
        ]:
            with self.subTest(name), tempfile.TemporaryDirectory() as tmp:
                source = Path(tmp) / f"{name}.docx"
                source.write_bytes(render_official_docx(content))
                subprocess.run(
                    [office, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                    check=True,
                    capture_output=True,
                    timeout=120,
                    env={**os.environ, "HOME": tmp},  # a profile of its own per run
                )
                text = squash(pdftotext((Path(tmp) / f"{name}.pdf").read_bytes()))
                self.assertIn(squash(content.office), text)
                for words in expected:
                    self.assertIn(squash(words), text)


class OfficialWorkflowTests(PersonaTestCase):
    more_personas = True
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.staff = [
            StaffMember.objects.create(
                unit=cls.province,
                first_name=f"คน{i}",
                last_name="ทดสอบ",
                position="นักวิชาการ",
                user=user,
            )
            for i, user in enumerate(
                [cls.approver, cls.administrator, cls.provincial_officer, cls.group_director]
            )
        ]
        cls.activity = (
            EvidenceRequirement.objects.filter(
                kind=OFFICIAL_DOCUMENT,
                activity__measure__dimension__plan=cls.plan,
                activity__for_provincial_office=True,
                label__startswith="คำสั่ง",
            )
            .first()
            .activity
        )

    def fields(self, **overrides):
        values = dict(
            office="สำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
            title="แต่งตั้งคณะทำงานขับเคลื่อนองค์กรคุณธรรม",
            body=BODY,
            date=date(2022, 12, 15),
            signer_name="นายอนุมัติ",
            signer_position="พัฒนาการจังหวัดหนองคาย",
            activity=self.activity,
            members=[(s, "member") for s in self.staff],
        )
        values.update(overrides)
        return official.OfficialFields(**values)

    def draft(self, kind="order", **overrides):
        return official.create_draft(
            unit=self.province,
            kind=kind,
            fields=self.fields(**overrides),
            acting_user=self.administrator,
        )

    def test_a_date_still_ahead_is_not_issued_and_the_page_says_when_it_was(self):
        from datetime import timedelta

        from django.utils import timezone

        from saisaat.thai.calendar import local_date

        tomorrow = local_date(timezone.now()) + timedelta(days=1)
        ahead = self.draft(date=tomorrow)
        with self.assertRaises(ValidationError):
            official.issue(ahead, acting_user=self.administrator)
        ahead.refresh_from_db()
        self.assertTrue(ahead.is_draft)
        self.assertIsNone(ahead.running_number)
        order = official.issue(self.draft(), acting_user=self.administrator)
        self.login(self.administrator)
        page = self.client.get(reverse("documents:official-detail", args=[order.pk]))
        self.assertContains(page, "issued-on")

    def test_orders_announcements_and_memos_count_in_their_own_series(self):
        first = official.issue(self.draft(), acting_user=self.administrator)
        second = official.issue(self.draft(), acting_user=self.administrator)
        announcement = official.issue(
            self.draft("announcement", members=[]), acting_user=self.administrator
        )
        memo = create_memo(
            unit=self.province,
            kind="activity",
            fields=MemoFields(
                number="",
                date=date(2022, 12, 20),
                office="x",
                subject="x",
                recipient="x",
                body="x",
                signer_name="x",
                signer_position="x",
            ),
            acting_user=self.administrator,
        )
        # The calendar B.E. year of the date numbers them: 15 Dec 2022 is 2565.
        self.assertEqual((first.running_number, first.year), (1, 2565))
        self.assertEqual(second.number_text, "ที่ 2/2565")
        self.assertEqual(announcement.running_number, 1)
        self.assertEqual(memo.running_number, 1)
        self.assertTrue(first.pdf.name.endswith(".pdf") and first.docx.name.endswith(".docx"))
        self.assertTrue(
            Entry.objects.filter(
                action="documents.official_issued", object_id=str(first.pk)
            ).exists()
        )
        with self.assertRaises(ValidationError):
            official.issue(first, acting_user=self.administrator)

    def test_a_document_dated_before_one_already_issued_in_its_series_is_refused(self):
        later = official.issue(self.draft(date=date(2022, 12, 20)), acting_user=self.administrator)
        earlier = self.draft(date=date(2022, 12, 15))
        with self.assertRaisesMessage(ValidationError, "20 ธันวาคม 2565"):
            official.issue(earlier, acting_user=self.administrator)
        earlier.refresh_from_db()
        self.assertTrue(earlier.is_draft)
        # The refusal gave no number away: the next order follows the last one.
        same_day = official.issue(
            self.draft(date=date(2022, 12, 20)), acting_user=self.administrator
        )
        self.assertEqual(same_day.running_number, later.running_number + 1)
        # Another series keeps its own order.
        announcement = self.draft("announcement", members=[], date=date(2022, 12, 1))
        self.assertEqual(
            official.issue(announcement, acting_user=self.administrator).running_number, 1
        )

    def test_only_the_office_managers_draft_and_the_committee_is_its_own_staff(self):
        with self.assertRaises(PermissionDenied):
            official.create_draft(
                unit=self.province,
                kind="order",
                fields=self.fields(),
                acting_user=self.provincial_officer,
            )
        stranger = StaffMember.objects.create(
            unit=self.other_province, first_name="ก", last_name="ข"
        )
        with self.assertRaises(ValidationError):
            self.draft(members=[(stranger, "member")])

    def test_sending_to_the_committee_and_acknowledging_counts_x_of_y(self):
        order = official.issue(self.draft(), acting_user=self.administrator)
        self.assertEqual(official.send(order, "members", acting_user=self.administrator), 4)
        self.assertEqual(
            Notice.objects.filter(kind=Notice.Kind.DOCUMENT_TO_READ, read_at__isnull=True).count(),
            4,
        )
        official.acknowledge(order, acting_user=self.provincial_officer)
        official.acknowledge(order, acting_user=self.provincial_officer)  # once is enough
        official.acknowledge(order, acting_user=self.approver)
        progress = official.progress(order)
        self.assertEqual((progress["acknowledged"], progress["total"]), (2, 4))
        self.assertEqual(
            [(p.unit, p.acknowledged, p.total) for p in progress["units"]], [(self.province, 2, 4)]
        )
        self.assertEqual(
            Notice.objects.filter(recipient=self.provincial_officer, read_at__isnull=False).count(),
            1,
        )
        with self.assertRaises(PermissionDenied):
            official.acknowledge(order, acting_user=self.district_a_officer)
        # Everyone of the province and its districts: only those not yet sent it.
        added = official.send(order, "everyone", acting_user=self.administrator)
        self.assertEqual(Receipt.objects.filter(document=order).count(), 4 + added)
        self.assertGreater(added, 0)

    def test_a_person_it_was_sent_to_reads_it_outside_their_own_office(self):
        order = official.issue(self.draft(), acting_user=self.administrator)
        url = reverse("documents:official-detail", args=[order.pk])
        self.login(self.district_a_officer)
        self.assertEqual(self.client.get(url).status_code, 404)
        official.send(order, "unit", unit=self.district_a, acting_user=self.administrator)
        response = self.client.get(url)
        self.assertContains(response, f"official/{order.pk}/acknowledge/")
        self.client.post(reverse("documents:official-acknowledge", args=[order.pk]))
        self.assertTrue(Receipt.objects.get(user=self.district_a_officer).acknowledged_at)

    def test_the_detail_page_does_not_grow_its_queries_with_the_receipts(self):
        order = official.issue(self.draft(), acting_user=self.administrator)
        official.send(order, "members", acting_user=self.administrator)
        url = reverse("documents:official-detail", args=[order.pk])
        self.login(self.administrator)
        self.client.get(url)
        # 12: the header counts, in one more query, the unread notices one may still read.
        with self.assertNumQueries(12) as few:
            self.client.get(url)
        official.send(order, "everyone", acting_user=self.administrator)
        with self.assertNumQueries(len(few.captured_queries)):
            response = self.client.get(url)
        self.assertContains(response, "read-progress")

    def test_an_issued_order_satisfies_its_activitys_checklist_item(self):
        draft = self.draft()
        with self.assertRaises(ValidationError):
            official.satisfy_evidence(draft, acting_user=self.administrator)
        order = official.issue(draft, acting_user=self.administrator)
        item = official.satisfy_evidence(order, acting_user=self.administrator)
        assignment = Assignment.objects.current().get(unit=self.province, activity=self.activity)
        self.assertEqual(item.assignment, assignment)
        self.assertEqual(item.requirement.kind, OFFICIAL_DOCUMENT)
        self.assertEqual(item.source_kind, OFFICIAL_DOCUMENT)
        with order.pdf.open("rb") as stored:
            self.assertEqual(item.sha256, hashlib.sha256(stored.read()).hexdigest())
        self.assertTrue(EvidenceItem.objects.filter(pk=item.pk).exists())
        # The evidence bundle carries the issued PDF itself and its SHA-256, checked.
        dimension = self.activity.measure.dimension.number
        bundle = build_evidence_bundle([self.province], self.plan, dimension, label="t")
        with zipfile.ZipFile(bundle.file) as archive:
            index = archive.read("index.csv").decode("utf-8-sig")
            inside = [n for n in archive.namelist() if n.endswith(".pdf")]
            self.assertEqual(len(inside), 1)
            with order.pdf.open("rb") as stored:
                self.assertEqual(archive.read(inside[0]), stored.read())
        self.assertIn(f"{item.sha256},", index)
        self.assertIn(",ใช่", index)
        # Filed again (a corrected copy), it goes on the same item.
        again = official.satisfy_evidence(order, acting_user=self.administrator)
        self.assertEqual(again.requirement, item.requirement)

    def test_draft_document_writes_an_order_and_an_announcement(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "order.pdf"
            call_command(
                "draft_document",
                "order",
                "--unit",
                "43",
                "--year",
                "2566",
                "--title",
                "แต่งตั้งคณะทำงานขับเคลื่อนองค์กรคุณธรรม",
                "--members",
                "prov-director,prov-admin,prov-officer",
                "--format",
                "pdf",
                "--out",
                str(out),
                stdout=io.StringIO(),
            )
            text = squash(pdftotext(out.read_bytes()))
            self.assertIn(squash("ที่ ......../๒๕๖๖"), text)
            self.assertIn(squash("๑. คน๐ ทดสอบ"), text)
            self.assertIn(squash("คณะทำงานและเลขานุการ"), text)
            docx = Path(tmp) / "announcement.docx"
            call_command(
                "draft_document",
                "announcement",
                "--unit",
                "43",
                "--year",
                "2566",
                "--title",
                "นโยบาย No Gift",
                "--body",
                "ขอให้บุคลากรถือปฏิบัติ",
                "--format",
                "docx",
                "--out",
                str(docx),
                stdout=io.StringIO(),
            )
            paragraphs = [p.text for p in Document(str(docx)).paragraphs]
            self.assertIn("ประกาศสำนักงานพัฒนาชุมชนจังหวัดหนองคาย", paragraphs)
            self.assertIn("ขอให้บุคลากรถือปฏิบัติ", paragraphs)
