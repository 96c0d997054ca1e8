from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "saisaat.documents"
    verbose_name = _("Documents and reports")

    def ready(self):
        from saisaat.documents.evidence import SOURCE
        from saisaat.documents.jobs import register_jobs
        from saisaat.plans import evidence

        evidence.register_source(SOURCE)
        register_jobs()
