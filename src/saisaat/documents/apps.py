from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "saisaat.documents"
    verbose_name = _("Documents and reports")

    def ready(self):
        from saisaat.documents.evidence import OFFICIAL_SOURCE, SOURCE, SUBPLAN_SOURCE
        from saisaat.documents.jobs import register_jobs
        from saisaat.documents.models import OfficialDocument
        from saisaat.documents.result_memos import register_kinds
        from saisaat.notices import registry as notices
        from saisaat.plans import evidence

        evidence.register_source(SOURCE)
        evidence.register_source(OFFICIAL_SOURCE)
        evidence.register_source(SUBPLAN_SOURCE)
        notices.register_target(
            OfficialDocument,
            url=lambda pk: reverse("documents:official-detail", args=[pk]),
            visible=OfficialDocument.objects.visible_to,
        )
        register_jobs()
        register_kinds()
