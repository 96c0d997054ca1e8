from django.db import models
from django.utils.translation import gettext_lazy as _


class Virtue(models.TextChoices):
    """The five target virtues (คุณธรรมเป้าหมาย ๕ ประการ) of the moral-organisation programme."""

    SUFFICIENCY = "sufficiency", _("Sufficiency (พอเพียง)")
    DISCIPLINE = "discipline", _("Discipline (วินัย)")
    INTEGRITY = "integrity", _("Integrity (สุจริต)")
    VOLUNTEERING = "volunteering", _("Volunteer spirit (จิตอาสา)")
    GRATITUDE = "gratitude", _("Gratitude (กตัญญู)")


VIRTUE_FIELD_LENGTH = 16


def virtue_field(**kwargs) -> models.CharField:
    return models.CharField(
        _("virtue"), max_length=VIRTUE_FIELD_LENGTH, choices=Virtue.choices, **kwargs
    )
