from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.portal.models import PortalPage


class PortalPageForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=PortalPage._meta.get_field("body").help_text,
    )
    attachment = forms.FileField(
        label=_("Attachment (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    remove_attachment = forms.BooleanField(label=_("Remove the attachment"), required=False)


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Fiscal year"),
        min_value=2500,
        max_value=2700,
        error_messages={"invalid": _("Enter a fiscal year in the Buddhist era, e.g. 2566.")},
    )
