"""Reference rows every installation starts with: the anti-corruption courses and the
seven kinds of network partner.

Migration 0002 wrote them once; this keeps the same rows available to code that must not
assume they survived (a test database flushed between transactional tests, a demo rebuilt
after an administrator deleted one). Existing rows are never changed.
"""

from saisaat.participation.models import Course, PartnerType

COURSES = [
    (
        "nacc-e-learning",
        "หลักสูตรต้านทุจริตศึกษา (E-Learning) สำนักงาน ป.ป.ช.",
        "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (ป.ป.ช.)",
    ),
    (
        "pacc-e-learning",
        "หลักสูตรการป้องกันการทุจริตในภาครัฐ (E-Learning) สำนักงาน ป.ป.ท.",
        "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ (ป.ป.ท.)",
    ),
]

PARTNER_TYPES = [
    ("government", "ภาครัฐ"),
    ("private", "ภาคเอกชน"),
    ("civil-society", "ภาคประชาสังคม"),
    ("academic", "ภาควิชาการ/สถาบันการศึกษา"),
    ("religious", "ภาคศาสนา"),
    ("media", "ภาคสื่อมวลชน"),
    ("community", "ภาคประชาชน/ชุมชน"),
]


def ensure_reference_data() -> None:
    for code, name_th, provider in COURSES:
        Course.objects.get_or_create(code=code, defaults={"name_th": name_th, "provider": provider})
    if not PartnerType.objects.exists():
        for position, (code, name_th) in enumerate(PARTNER_TYPES, start=1):
            PartnerType.objects.create(code=code, name_th=name_th, position=position)
