from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.knowledge.models import Test
from saisaat.thai.forms import ThaiDateField


class TestForm(forms.ModelForm):
    opens_on = ThaiDateField(label=_("Opens on"))
    closes_on = ThaiDateField(label=_("Closes on"))

    class Meta:
        model = Test
        fields = [
            "title",
            "fiscal_year",
            "kind",
            "question_count",
            "pass_percent",
            "opens_on",
            "closes_on",
        ]

    def clean_fiscal_year(self):
        year = self.cleaned_data["fiscal_year"]
        if not 2500 <= year <= 2700:
            raise forms.ValidationError(_("Type a Buddhist-era fiscal year, such as 2566."))
        return year

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("A test closes on or after the day it opens."))
        return data


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label=_("Question workbook (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
