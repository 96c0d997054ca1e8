from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.participation.models import Course
from saisaat.thai.forms import ThaiDateField


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["code", "name_th", "provider", "counts_for_anti_corruption"]
        help_texts = {"code": _("Letters, digits and hyphens, e.g. nacc-e-learning.")}


class CertificateForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.all())
    number = forms.CharField(label=_("Certificate number"), max_length=100, required=False)
    issued_on = ThaiDateField(label=_("Issued on"))
    file = forms.FileField(
        label=_("Certificate file (PDF or picture)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.heic,.webp"}),
    )

    def clean_issued_on(self):
        from django.utils import timezone

        issued_on = self.cleaned_data["issued_on"]
        if issued_on > timezone.localdate():
            raise forms.ValidationError(_("The issue date cannot be in the future."))
        return issued_on


class CertificateFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("Fiscal year"), min_value=2500, max_value=2700, required=False
    )
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=Course.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All anti-corruption courses"),
    )
    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units"))] + [
            (unit.code, unit.short_name_th or unit.name_th) for unit in units
        ]
