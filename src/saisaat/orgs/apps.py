from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "saisaat.orgs"
    verbose_name = _("Organisation")

    def ready(self):
        from saisaat.orgs import collation

        collation.register_sqlite_collation()
