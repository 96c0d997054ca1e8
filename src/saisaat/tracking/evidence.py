"""Tracking keeps the evidence: through the evidence seam (``plans.evidence``) a record of
another app is filed on the office's assignment of the activity, by ``add_evidence`` like
any upload (its file checked and its SHA-256 kept)."""

from django.conf import settings
from django.core.files.base import ContentFile

from saisaat.plans.evidence import Placement, Snapshot
from saisaat.tracking.checklist import item_asking_for
from saisaat.tracking.models import Assignment, EvidenceItem
from saisaat.tracking.services import add_evidence


class AssignmentKeeper:
    def target_for(self, placement: Placement) -> Assignment | None:
        return (
            Assignment.objects.current()
            .filter(activity_id=placement.activity_id, unit_id=placement.unit_id)
            .first()
        )

    def activity_of(self, target: Assignment):
        return target.activity

    def item_asking_for(self, target: Assignment, kind: str):
        return item_asking_for(target, kind)

    def file(
        self,
        target: Assignment,
        snapshot: Snapshot,
        *,
        acting_user,
        requirement=None,
        source_kind="",
    ) -> EvidenceItem:
        return add_evidence(
            target,
            acting_user=acting_user,
            effective_date=snapshot.effective_date,
            file=ContentFile(snapshot.content, name=snapshot.filename),
            title=snapshot.title[:300],
            max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
            requirement=requirement,
            source_kind=source_kind,
        )
