from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.participation.models import Declaration
from saisaat.thai.calendar import fiscal_year, to_buddhist_year, to_common_year
from saisaat.thai.forms import ThaiDateField

FIRST_FISCAL_YEAR = 2560


class DeclarationForm(forms.Form):
    """A new declaration: its kind, title, audience, fiscal year and first text."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Declaration.Kind.choices)
    title = forms.CharField(label=_("Declaration title"), max_length=300)
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=Declaration.Audience.choices,
        initial=Declaration.Audience.ALL_STAFF,
        widget=forms.RadioSelect,
    )
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year (B.E.)"),
        help_text=_("The Buddhist-era fiscal year, e.g. 2566 (October 2022 to September 2023)."),
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("The exact wording people will read and acknowledge."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "fiscal_year" in self.fields and not self.is_bound:
            self.fields["fiscal_year"].initial = fiscal_year(timezone.localdate())

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the declaration a title."))
        return title

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError(_("Write the text people are asked to acknowledge."))
        return text

    def clean_fiscal_year(self):
        year = self.cleaned_data["fiscal_year"]
        last = fiscal_year(timezone.localdate()) + 1
        if to_common_year(FIRST_FISCAL_YEAR) <= year <= to_common_year(last):
            raise forms.ValidationError(
                _("Give the fiscal year in the Buddhist era: %(be)s, not %(ce)s.")
                % {"be": to_buddhist_year(year), "ce": year}
            )
        if not FIRST_FISCAL_YEAR <= year <= last:
            raise forms.ValidationError(
                _("Give a fiscal year between %(first)s and %(last)s.")
                % {"first": FIRST_FISCAL_YEAR, "last": last}
            )
        return year


class DeclarationEditForm(DeclarationForm):
    """A change of title, audience or text; a changed text becomes a new version."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["kind"]
        del self.fields["fiscal_year"]


class AcknowledgeForm(forms.Form):
    """The reader confirms they read the exact version shown."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I have read and acknowledge this text"),
        error_messages={"required": _("Tick the box to confirm that you have read the text.")},
    )


class PaperAcknowledgementForm(forms.Form):
    """A manager records that a person signed the paper sign-off sheet."""

    staff = forms.ModelChoiceField(
        label=_("Staff member"),
        queryset=None,
        error_messages={"invalid_choice": _("This person is not in the audience here.")},
    )
    signed_on = ThaiDateField(label=_("Signed on"))

    def __init__(self, *args, audience, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = audience
