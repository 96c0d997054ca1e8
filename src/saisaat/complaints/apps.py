from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def protected_officers():
    from saisaat.complaints.models import ComplaintOfficer

    return ComplaintOfficer.objects.values("user_id")


class ComplaintsConfig(AppConfig):
    name = "saisaat.complaints"
    verbose_name = _("Complaints")

    def ready(self):
        from django.db.models import Q

        from saisaat.audit.access import register_confidential_rule
        from saisaat.complaints.models.complaints import is_director
        from saisaat.orgs.models import Unit

        def offices_headed(user):
            # The head of an office reads its identity readings and, at a provincial
            # office, those of its districts (as ``can_read_identity`` lets them read).
            if not is_director(user) or user.unit_id is None:
                return []
            return Unit.objects.filter(Q(pk=user.unit_id) | Q(parent_id=user.unit_id)).values_list(
                "pk", flat=True
            )

        register_confidential_rule(offices_headed)

        from saisaat.orgs.protection import register_protected

        # A complaint officer's sign-in (proposed or confirmed) is changed by two people.
        register_protected(protected_officers)

        from django.urls import reverse

        from saisaat.complaints.models import Complaint
        from saisaat.complaints.reminders import create_reminders
        from saisaat.notices import registry as notices

        # A notice about a complaint shows only while its recipient may read the complaint.
        notices.register_target(
            Complaint,
            url=lambda pk: reverse("complaints:detail", args=[pk]),
            visible=Complaint.objects.visible_to,
        )
        notices.register_reminders("complaints", create_reminders)

        from saisaat.complaints.evidence import SOURCE
        from saisaat.plans import evidence

        evidence.register_source(SOURCE)
