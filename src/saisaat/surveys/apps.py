from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "saisaat.surveys"
    verbose_name = _("Satisfaction surveys")

    def ready(self):
        from saisaat.plans import evidence
        from saisaat.surveys.evidence import SOURCE

        evidence.register_source(SOURCE)
