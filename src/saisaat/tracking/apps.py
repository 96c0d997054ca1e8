from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "saisaat.tracking"
    verbose_name = _("Tracking")

    def ready(self):
        from django.urls import reverse

        from saisaat.notices import registry as notices
        from saisaat.plans import evidence
        from saisaat.tracking.evidence import AssignmentKeeper
        from saisaat.tracking.models import Assignment
        from saisaat.tracking.reminders import create_reminders

        evidence.register_keeper(AssignmentKeeper())
        notices.register_target(
            Assignment, url=lambda pk: reverse("tracking:assignment-detail", args=[pk])
        )
        notices.register_reminders("tracking", create_reminders)
