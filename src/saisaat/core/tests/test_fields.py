from django.core.exceptions import ValidationError
from django.test import TestCase

from saisaat.core.fields import ModelMultipleChoiceField
from saisaat.orgs.models import Unit


class BoundedIdsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = Unit.objects.create(code="00", kind="department", name_th="กรม")

    def test_ids_that_are_not_short_ascii_numbers_are_a_form_error_without_a_query(self):
        field = ModelMultipleChoiceField(queryset=Unit.objects.all())
        self.assertEqual(list(field.clean([str(self.unit.pk)])), [self.unit])
        for bad in ("9" * 400, "๑", "²", "1\x00", "-1", "1e3"):
            with (
                self.subTest(value=bad),
                self.assertNumQueries(0),
                self.assertRaises(ValidationError),
            ):
                field.clean([bad])
