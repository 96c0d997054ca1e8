from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "saisaat.budget"
    verbose_name = _("Budget")

    def ready(self):
        from saisaat.budget.evidence import SOURCE
        from saisaat.plans import evidence

        evidence.register_source(SOURCE)
