from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "saisaat.participation"
    verbose_name = _("Participation")

    def ready(self):
        from saisaat.participation.evidence import SOURCES
        from saisaat.participation.evidence_recognition import RECOGNITION_SOURCE
        from saisaat.participation.evidence_workplace import CHANNEL_SOURCE, ENVIRONMENT_SOURCE
        from saisaat.plans import evidence

        for source in (*SOURCES, ENVIRONMENT_SOURCE, CHANNEL_SOURCE, RECOGNITION_SOURCE):
            evidence.register_source(source)
