from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "saisaat.accounts"
    verbose_name = _("Sign-in")

    def ready(self):
        from django.urls import reverse

        from saisaat.accounts import signals  # noqa: F401
        from saisaat.notices import registry as notices
        from saisaat.orgs.models import SignInReset

        # A notice about a reset of one's sign-in opens one's own security page.
        notices.register_target(SignInReset, url=lambda pk: reverse("accounts:security"))
