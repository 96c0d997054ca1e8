"""The audit log: one append-only, hash-chained record of every change.

Each entry carries the hash of the entry before it, so an entry edited, removed or moved
afterwards breaks the chain where ``manage.py verify_audit`` finds it. The chain head row
is locked while an entry is appended, so two writers never fork the chain.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from saisaat.audit.chain import (
    FORMAT_2,
    GENESIS,
    body_hash,
    entry_hash,
    format_time,
    header_hash,
)


class AppendOnlyError(Exception):
    """An audit entry was about to be changed or deleted."""


class EntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def for_object(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    def readable_by(self, user, headed_units=None):
        """Department administrators and superusers read every entry but the confidential
        ones (readings of a complainant's identity, the staff a complaint names); another
        administrator reads those of their own office and the offices below it. Confidential
        entries only the head of their office reads, who reads the entries of the offices
        they head and nothing else. ``headed_units`` is
        ``access.can_read_confidential_of(user)`` when the caller has it already."""
        from saisaat.audit.access import can_read_confidential_of, reads_every_office

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if headed_units is None:
            headed_units = can_read_confidential_of(user)
        mine = models.Q(unit_id__in=headed_units)
        if getattr(user, "is_administrator", False):
            if reads_every_office(user):
                return self.filter(models.Q(confidential=False) | mine)
            own = models.Q(confidential=False, unit_id__in=user.visible_units().values("pk"))
            return self.filter(own | mine)
        return self.filter(mine) if headed_units else self.none()


class Entry(models.Model):
    """One change (or one reading of confidential data), as it happened."""

    sequence = models.PositiveBigIntegerField(_("sequence number"), unique=True)
    created_at = models.DateTimeField(_("time"))
    # No database constraint: removing a user or an office must never touch the log.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor as recorded"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )
    unit_code = models.CharField(_("office code"), max_length=16, blank=True)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), null=True, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    confidential = models.BooleanField(_("confidential"), default=False)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    # 1 for the entries written before the skeleton format; 2 for every new one.
    format = models.PositiveSmallIntegerField(_("chain format"), default=1)
    nonce = models.CharField(_("nonce"), max_length=32, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-sequence"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_entry_object"),
            models.Index(fields=["actor", "sequence"], name="audit_entry_actor"),
            models.Index(fields=["unit", "fiscal_year"], name="audit_entry_unit_year"),
        ]

    def __str__(self):
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def payload(self) -> dict:
        """What a format-1 hash covers: every field but the hash itself."""
        return {
            "sequence": self.sequence,
            "created_at": format_time(self.created_at),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_label": self.object_label,
            "unit_id": self.unit_id,
            "unit_code": self.unit_code,
            "fiscal_year": self.fiscal_year,
            "changes": self.changes,
            "reason": self.reason,
            "confidential": self.confidential,
            "prev_hash": self.prev_hash,
        }

    def body(self) -> dict:
        """What a format-2 body hash covers: who, what object, what changed, why."""
        return {
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_label": self.object_label,
            "unit_id": self.unit_id,
            "changes": self.changes,
            "reason": self.reason,
            "nonce": self.nonce,
        }

    def header(self) -> dict:
        """What a format-2 hash covers, with the hash of the body as it stands now: the
        entry's line in a proof bundle's skeleton, which reveals nothing of the body."""
        return {
            "format": FORMAT_2,
            "sequence": self.sequence,
            "prev_hash": self.prev_hash,
            "created_at": format_time(self.created_at),
            "unit_code": self.unit_code or None,
            "fiscal_year": self.fiscal_year,
            "confidential": self.confidential,
            "action": self.action,
            "body_hash": body_hash(self.body()),
        }

    def compute_hash(self) -> str:
        """The hash of the entry as it stands, by the formula of its own format."""
        if self.format == FORMAT_2:
            return header_hash(self.header())
        return entry_hash(self.payload())

    def skeleton(self) -> dict:
        """The entry's line in a proof bundle's chain skeleton: a format-1 entry shows
        only its links, since its hash covers the whole entry."""
        if self.format == FORMAT_2:
            return {**self.header(), "hash": self.hash}
        return {
            "format": 1,
            "sequence": self.sequence,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    def full(self) -> dict:
        """The whole entry with its hash, as a proof bundle ships an office's own."""
        if self.format == FORMAT_2:
            return {**self.header(), **self.body(), "hash": self.hash}
        return {**self.payload(), "hash": self.hash}


class ChainHead(models.Model):
    """The one row that says where the chain ends; appending locks it."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self):
        return f"#{self.sequence} {self.hash[:12]}"


class PublishedHead(models.Model):
    """The chain's head as published on one day (``manage.py publish_chain_head``, run
    daily): once public, a log rewritten afterwards can no longer run through it."""

    day = models.DateField(_("day"), unique=True)
    entry_count = models.PositiveBigIntegerField(_("entries"))
    hash = models.CharField(_("head hash"), max_length=64)
    published_at = models.DateTimeField(_("published"))

    class Meta:
        verbose_name = _("published chain head")
        verbose_name_plural = _("published chain heads")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day} #{self.entry_count} {self.hash[:12]}"
