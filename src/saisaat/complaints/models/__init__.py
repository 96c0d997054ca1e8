"""Complaints (ร้องเรียนร้องทุกข์): the office's channels, the complaints themselves with
their history, attachments and the complainant's identity kept apart, and the designated
complaint officers."""

from saisaat.complaints.models.channels import Channel
from saisaat.complaints.models.complaints import (
    Complainant,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    IdentityReading,
)
from saisaat.complaints.models.officers import ComplaintOfficer

__all__ = [
    "Channel",
    "Complainant",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintEvent",
    "ComplaintOfficer",
    "IdentityReading",
]
