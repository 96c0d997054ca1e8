"""Building budgets in tests."""

from decimal import Decimal

from saisaat.budget import services


def make_line(unit, name, planned, disbursed=None, *, year=2566, **fields):
    """A line with ``planned`` (12 amounts or one amount spread over the months) and
    optional ``disbursed`` amounts per month."""
    if not isinstance(planned, list | tuple):
        planned = [Decimal(planned)] + [Decimal(0)] * 11
    line = services.create_line(
        unit, year, name=name, acting_user=None, planned=[Decimal(a) for a in planned], **fields
    )
    if disbursed:
        services.record_disbursements(
            unit,
            year,
            {(line.pk, m): Decimal(a) for m, a in enumerate(disbursed, start=1)},
            acting_user=None,
        )
    return line


class InEnglish:
    """Test case mixin: messages are asserted in English, whatever the default language."""

    def setUp(self):
        super().setUp()
        from django.conf import settings
        from django.test import Client
        from django.utils.translation import override

        self.enterContext(override("en"))
        # The language switch's cookie: the app ignores the browser's Accept-Language.
        self.client = Client()
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
