"""Form fields every app shares."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from saisaat.thai.numbers import is_number

# Longest id accepted from a form: more digits than any key the database holds.
MAX_ID_DIGITS = 18


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, except that ids which are not plain ASCII digits of bounded length
    are a form error before any query: the database's ``IN`` lookup would raise on a
    number too large for its integers (a 500), and '๑' or '²' would reach it as text."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.get_field(key) if key != "pk" else None
        field = field or self.queryset.model._meta.pk
        if isinstance(field, models.IntegerField | models.AutoField):
            for pk in value:
                if not is_number(str(pk), max_digits=MAX_ID_DIGITS):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": str(pk)[:MAX_ID_DIGITS]},
                    )
        return super()._check_values(value)
