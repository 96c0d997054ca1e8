from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_table(sender, using="default", **kwargs):
    """Every installation has the database cache's table, so SAISAAT_CACHE=database (the
    default without Redis) never needs a step of its own; ``createcachetable`` skips a
    table that exists."""
    from django.conf import settings
    from django.core.management import call_command

    call_command("createcachetable", settings.DATABASE_CACHE_TABLE, database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "saisaat.core"
    verbose_name = "Saisaat"

    def ready(self):
        from saisaat.core import crypto  # noqa: F401  (registers the field-key check)

        # post_migrate is sent only for apps with models, which core has none of.
        post_migrate.connect(create_cache_table, sender=self.apps.get_app_config("contenttypes"))
