from django.test import TestCase

from saisaat.orgs.collation import thai_sort_key
from saisaat.orgs.models import Unit

# Thai dictionary order: leading vowels sort under the consonant after them, so
# เกม and ไก่ come among the ก words, and every ก word comes before ข.
DICTIONARY_ORDER = ["กา", "เกม", "ไก่", "ขาว", "โขง", "คน", "หนองคาย", "อุดรธานี"]


class ThaiCollationTests(TestCase):
    def test_it_sorts_unit_names_in_thai_dictionary_order_in_the_database(self):
        department = Unit.objects.create(code="00", kind="department", name_th="กรม")
        for index, name in enumerate(reversed(DICTIONARY_ORDER)):
            Unit.objects.create(code=f"9{index}", kind="province", name_th=name, parent=department)
        names = list(Unit.objects.provinces().in_thai_order().values_list("name_th", flat=True))
        self.assertEqual(names, DICTIONARY_ORDER)

    def test_its_python_key_agrees(self):
        self.assertEqual(sorted(reversed(DICTIONARY_ORDER), key=thai_sort_key), DICTIONARY_ORDER)
