from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A six-digit code from the authenticator, or one recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())
