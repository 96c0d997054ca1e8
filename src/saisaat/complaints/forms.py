import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.complaints.models import Channel, Complaint, ComplaintOfficer
from saisaat.complaints.services import (
    Identity,
    can_name_staff_at,
    check_attachments,
    check_naming,
    nameable_staff,
)
from saisaat.core import fields
from saisaat.orgs.models import Unit, User
from saisaat.thai.forms import ThaiDateField

TOO_LONG = _("Please keep this to %(limit_value)d characters or fewer (it has %(show_value)d).")


def clean_text(value: str, *, needs_words: bool = False) -> str:
    """Thai text as one normal form; text made of nothing but marks or symbols (say,
    vowel signs without a consonant) is refused where words are needed."""
    value = unicodedata.normalize("NFC", value or "").strip()
    if needs_words and value and not any(unicodedata.category(ch)[0] in "LN" for ch in value):
        raise ValidationError(
            _("Please write what happened in words; this text has no letters."), code="no_words"
        )
    return value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _text_field(label, *, required=False, max_length=300, textarea=False, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}) if textarea else None,
        error_messages={"max_length": TOO_LONG},
    )


class ComplaintFieldsMixin:
    """The story of a complaint and its complainant, shared by the public form and the
    staff's record form."""

    def add_complaint_fields(self):
        self.fields["description"] = _text_field(
            _("What happened"),
            required=True,
            max_length=settings.SAISAAT_COMPLAINT_MAX_TEXT,
            textarea=True,
            help_text=_("Who, what, and what you would like the office to do."),
        )
        self.fields["location"] = _text_field(_("Where it happened"))
        self.fields["occurred_on"] = ThaiDateField(label=_("When it happened"), required=False)
        self.fields["occurred_when"] = _text_field(
            _("Or describe when"), max_length=200, help_text=_("For example: early March 2566.")
        )
        self.fields["attachments"] = MultipleFileField(
            label=_("Attachments"),
            required=False,
            help_text=_(
                "Up to %(count)s files (PDF, pictures, Word or Excel), each up to %(mb)s MB."
            )
            % {
                "count": settings.SAISAAT_COMPLAINT_MAX_FILES,
                "mb": settings.SAISAAT_COMPLAINT_MAX_UPLOAD_BYTES // (1024 * 1024),
            },
        )
        self.fields["identity"] = forms.ChoiceField(
            label=_("Your name"),
            choices=[
                ("anonymous", _("Send anonymously")),
                ("named", _("Give my name and contact")),
            ],
            initial="anonymous",
            widget=forms.RadioSelect,
        )
        self.fields["name"] = _text_field(_("Name and surname"), max_length=200)
        self.fields["phone"] = _text_field(_("Telephone"), max_length=50)
        self.fields["email"] = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
        self.fields["address"] = _text_field(_("Address"), max_length=500)

    def clean_description(self):
        return clean_text(self.cleaned_data.get("description"), needs_words=True)

    def clean_location(self):
        return clean_text(self.cleaned_data.get("location"))

    def clean_occurred_when(self):
        return clean_text(self.cleaned_data.get("occurred_when"))

    def clean_name(self):
        return clean_text(self.cleaned_data.get("name"))

    def clean_address(self):
        return clean_text(self.cleaned_data.get("address"))

    def clean_phone(self):
        return clean_text(self.cleaned_data.get("phone"))

    def clean_occurred_on(self):
        value = self.cleaned_data.get("occurred_on")
        if value and value > timezone.localdate():
            raise ValidationError(_("This date is in the future."))
        return value

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        self.checked_attachments = check_attachments(files)
        return files

    def clean_identity_fields(self, cleaned):
        if cleaned.get("identity") != "named":
            return
        if not cleaned.get("name") and "name" not in self.errors:
            self.add_error("name", _("Please give your name, or choose to send anonymously."))
        if not (cleaned.get("phone") or cleaned.get("email") or cleaned.get("address")):
            if not any(field in self.errors for field in ("phone", "email", "address")):
                self.add_error(
                    "phone",
                    _("Please give at least one way to reach you: telephone, e-mail or address."),
                )

    def identity(self) -> Identity | None:
        data = self.cleaned_data
        if data.get("identity") != "named":
            return None
        return Identity(
            name=data["name"],
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            address=data.get("address", ""),
        )


class PublicComplaintForm(ComplaintFieldsMixin, forms.Form):
    """The citizen's form at /complaints/new/: the category first, then the story."""

    category = forms.ChoiceField(
        label=_("What is the complaint about?"),
        choices=Complaint.Category.choices,
        widget=forms.RadioSelect,
    )
    office = forms.ModelChoiceField(
        label=_("Which office"),
        queryset=Unit.objects.none(),
        empty_label=None,
    )
    consent = forms.BooleanField(
        label=_("I have read the personal-data notice and agree."), required=False
    )
    # Hidden from people by the page's style; programs that fill every field fill it too.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offices = Unit.objects.filter(kind__in=(Unit.Kind.PROVINCE, Unit.Kind.DISTRICT)).order_by(
            "code"
        )
        self.fields["office"].queryset = offices
        self.add_complaint_fields()
        self.order_fields(
            [
                "category",
                "office",
                "description",
                "location",
                "occurred_on",
                "occurred_when",
                "attachments",
                "identity",
                "name",
                "phone",
                "email",
                "address",
                "consent",
                "website",
            ]
        )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        if self.is_spam:
            raise ValidationError(
                _(
                    "The form could not be sent because the field “Leave this field empty” "
                    "has text in it. Please empty it and send again."
                ),
                code="honeypot",
            )
        self.clean_identity_fields(cleaned)
        if cleaned.get("identity") == "named" and not cleaned.get("consent"):
            self.add_error(
                "consent", _("Please agree to the personal-data notice, or send anonymously.")
            )
        return cleaned


class RecordComplaintForm(ComplaintFieldsMixin, forms.Form):
    """A complaint that came by telephone, letter, in person, e-mail, social media or the
    complaint box, typed in by the office's staff."""

    category = forms.ChoiceField(
        label=_("Category"), choices=Complaint.Category.choices, widget=forms.RadioSelect
    )
    channel = forms.ModelChoiceField(label=_("Channel"), queryset=Channel.objects.none())
    received_on = ThaiDateField(label=_("Received on"))
    persons_concerned = fields.ModelMultipleChoiceField(
        label=_("Staff named in the complaint"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("People named here will never see this complaint."),
    )

    def __init__(self, *args, unit: Unit, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["channel"].queryset = unit.complaint_channels.order_by("position", "pk")
        # Only those who will read who complained name whom it is about, and only from
        # the staff of the office recording it.
        if can_name_staff_at(user, unit):
            self.fields["persons_concerned"].queryset = nameable_staff([unit])
        else:
            del self.fields["persons_concerned"]
        self.fields["received_on"].initial = timezone.localdate()
        self.add_complaint_fields()
        self.fields["identity"].label = _("Complainant")
        self.fields["identity"].choices = [
            ("anonymous", _("Anonymous")),
            ("named", _("Named (told of the personal-data notice)")),
        ]

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise ValidationError(_("This date is in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        self.clean_identity_fields(cleaned)
        named = cleaned.get("persons_concerned")
        if named and cleaned.get("category"):
            province = self.unit.province or self.unit
            try:
                check_naming(province, province, cleaned["category"], named)
            except ValidationError as error:
                self.add_error("persons_concerned", error)
        return cleaned


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "XXXX-XXXX-XXXX"}),
        error_messages={"max_length": TOO_LONG},
    )


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=())
    forwarded_to = _text_field(_("Forwarded to (agency)"))
    public_message = _text_field(
        _("Message to the complainant"),
        max_length=2000,
        textarea=True,
        help_text=_("Shown on the public tracking page."),
    )
    note = _text_field(
        _("Internal note"),
        max_length=5000,
        textarea=True,
        help_text=_("Only staff who handle the complaint see this."),
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (value, Complaint.Status(value).label) for value in allowed
        ]
        for name in ("public_message", "note"):
            self.fields[name].widget.attrs["rows"] = 2


class RouteForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Send to"), queryset=Unit.objects.none())
    note = _text_field(_("Internal note"), max_length=2000)
    confirm_concerned = forms.BooleanField(
        label=_(
            "I am the office head and I confirm: this complaint is about the office it goes "
            "to, whose head will be able to read who complained."
        ),
        required=False,
    )

    def __init__(self, *args, province: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            Unit.objects.within(province).exclude(kind=Unit.Kind.DEPARTMENT).order_by("code")
        )


class NoteForm(forms.Form):
    text = _text_field(_("Text"), required=True, max_length=5000, textarea=True)
    public = forms.BooleanField(
        label=_("Show this to the complainant on the tracking page"), required=False
    )

    def clean_text(self):
        return clean_text(self.cleaned_data.get("text"), needs_words=True)


class PersonsForm(forms.Form):
    persons_concerned = fields.ModelMultipleChoiceField(
        label=_("Staff named in the complaint"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args, complaint: Complaint, user: User, named=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.complaint = complaint
        # The staff of the namer's own office and those below it, in the complaint's
        # province (a district's handlers get their district's names only), and whoever
        # is named already.
        units = user.visible_units().filter(
            pk__in=Unit.objects.within(complaint.province).values("pk")
        )
        self.fields["persons_concerned"].queryset = nameable_staff(units, named=named)

    def clean_persons_concerned(self):
        named = self.cleaned_data["persons_concerned"]
        complaint = self.complaint
        check_naming(complaint.unit, complaint.province, complaint.category, named)
        return named


class ChannelForm(forms.ModelForm):
    class Meta:
        model = Channel
        fields = ["name", "medium", "kind", "how_to_reach", "is_published", "position"]

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit

    def clean_name(self):
        name = clean_text(self.cleaned_data.get("name"), needs_words=True)
        others = Channel.objects.filter(unit=self.instance.unit, name=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This office already has a channel with this name."))
        return name


class OfficerForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Staff member"), queryset=User.objects.none())

    def __init__(self, *args, unit: Unit, acting_user: User, **kwargs):
        super().__init__(*args, **kwargs)
        taken = ComplaintOfficer.objects.filter(unit=unit).values("user_id")
        self.fields["user"].queryset = (
            User.objects.filter(unit=unit, is_active=True)
            .exclude(role=User.Role.COMMITTEE)
            .exclude(pk__in=taken)
            .exclude(pk=acting_user.pk)
            .order_by("first_name", "last_name")
        )
