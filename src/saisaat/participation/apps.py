from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "saisaat.participation"
    verbose_name = _("Participation")

    def ready(self):
        from saisaat.participation.evidence_workplace import CHANNEL_SOURCE, ENVIRONMENT_SOURCE
        from saisaat.plans import evidence

        evidence.register_source(ENVIRONMENT_SOURCE)
        evidence.register_source(CHANNEL_SOURCE)
