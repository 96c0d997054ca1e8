from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.core import fields
from saisaat.orgs.models import Unit
from saisaat.participation.models import PartnerType
from saisaat.participation.services.partners import unit_partners
from saisaat.thai.forms import ThaiDateField


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Partner name"), max_length=300)
    partner_type = forms.ModelChoiceField(
        label=_("Partner type"), queryset=PartnerType.objects.all(), empty_label=None
    )
    contact = forms.CharField(
        label=_("Contact"),
        max_length=300,
        required=False,
        help_text=_("A person, an office or a telephone number."),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the partner's name."))
        return name


class PartnersChoiceField(fields.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.partner_type.name_th})"


class _WithPartners(forms.Form):
    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = unit_partners(unit)


class MouForm(_WithPartners):
    title = forms.CharField(label=_("Title of the memorandum"), max_length=300)
    signed_on = ThaiDateField(label=_("Signed on"))
    partners = PartnersChoiceField(
        label=_("Parties"),
        queryset=None,
        error_messages={"required": _("Choose at least one partner.")},
    )
    file = forms.FileField(
        label=_("Signed copy"),
        required=False,
        help_text=_("PDF, a picture or an office document."),
    )


class JointActivityForm(_WithPartners):
    title = forms.CharField(label=_("Activity"), max_length=300)
    held_on = ThaiDateField(label=_("Held on"))
    partners = PartnersChoiceField(
        label=_("Partners taking part"),
        queryset=None,
        error_messages={"required": _("Choose at least one partner.")},
    )


class PartnerTypeForm(forms.Form):
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=200)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=999)


class NewPartnerTypeForm(PartnerTypeForm):
    code = forms.SlugField(
        label=_("Code"),
        max_length=50,
        help_text=_("Latin letters, digits and hyphens, e.g. local-government."),
    )

    field_order = ["code", "name_th", "position"]

    def clean_code(self):
        code = self.cleaned_data["code"]
        if PartnerType.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A partner type with this code already exists."))
        return code
