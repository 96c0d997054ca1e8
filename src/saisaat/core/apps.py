from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "saisaat.core"
    verbose_name = "Saisaat"
