from django.apps import AppConfig


class ThaiConfig(AppConfig):
    name = "saisaat.thai"
    verbose_name = "Thai calendar"
