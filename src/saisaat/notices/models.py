"""One in-app notice to one person about one thing (an assignment, a complaint), from
whichever work app produced it. The work apps register their kinds of thing in
``saisaat.notices.registry``; this app never imports them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoticeQuerySet(models.QuerySet):
    def about_model(self, model):
        """Notices about records of ``model``, by a join (no content-type lookup)."""
        return self.filter(
            target_type__app_label=model._meta.app_label,
            target_type__model=model._meta.model_name,
        )

    def about(self, targets: models.QuerySet):
        """Notices about the records of the queryset ``targets`` (one subquery)."""
        return self.about_model(targets.model).filter(target_id__in=targets.values("pk"))

    def unread(self):
        return self.filter(read_at__isnull=True)

    def pending_digest(self):
        return self.filter(in_digest=True, emailed_at__isnull=True)


def unread_count():
    """How many unread notices a user has, as an expression to annotate users with: it
    rides on the query that loads the user anyway (``accounts.backends``)."""
    per_recipient = (
        Notice.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(per_recipient), 0)


class Notice(models.Model):
    """An in-app notice to one person. The recipient is told once: one row per recipient,
    kind, target and ``key`` (what tells two events about the same target apart: the due
    date of a reminder, the time of a submission, the review event)."""

    class Kind(models.TextChoices):
        # Assignments (tracking)
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")
        SUBMITTED = "submitted", _("Waiting for review")
        # Complaints
        ACKNOWLEDGE_OVERDUE = "acknowledge", _("Acknowledgement overdue")
        FINISH_OVERDUE = "finish", _("Handling overdue")
        # Accounts
        SIGN_IN_RESET = "sign_in_reset", _("Sign-in reset")
        # Orders and announcements sent to staff (documents)
        DOCUMENT_TO_READ = "document", _("Document to read")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("about (type)"), on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("about (id)"))
    target = GenericForeignKey("target_type", "target_id")
    key = models.CharField(_("event"), max_length=100)
    message = models.CharField(_("message"), max_length=500)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    in_digest = models.BooleanField(
        _("goes out in the e-mail digest"),
        default=False,
        help_text=_("Sent in the next daily e-mail digest unless already e-mailed."),
    )
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "target_type", "target_id", "key"],
                name="notice_told_once",
                violation_error_message=_("This person was already notified of this event."),
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notice_inbox"),
            models.Index(
                fields=["recipient"],
                name="notice_digest_pending",
                condition=Q(in_digest=True, emailed_at__isnull=True),
            ),
            models.Index(fields=["target_type", "target_id"], name="notice_target"),
        ]

    def __str__(self):
        return self.message

    def get_target_url(self) -> str:
        from saisaat.notices.registry import target_url

        return target_url(self)
