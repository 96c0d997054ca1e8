from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "saisaat.assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from saisaat.assessments.evidence_fives import PROGRAMME_SOURCE, RESULTS_SOURCE
        from saisaat.plans import evidence

        for source in (PROGRAMME_SOURCE, RESULTS_SOURCE):
            evidence.register_source(source)
