from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo province and the national load-test data set. It sits above every other
    app and nothing imports it: production code never depends on demo data."""

    name = "saisaat.demo"
    verbose_name = "Saisaat demo data"
