from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "saisaat.tracking"
    verbose_name = _("Tracking")

    def ready(self):
        from saisaat.plans import evidence
        from saisaat.tracking.evidence import AssignmentKeeper

        evidence.register_keeper(AssignmentKeeper())
