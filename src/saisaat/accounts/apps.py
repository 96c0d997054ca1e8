from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "saisaat.accounts"
    verbose_name = _("Sign-in")

    def ready(self):
        from saisaat.accounts import signals  # noqa: F401
