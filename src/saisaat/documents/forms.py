from django import forms
from django.utils.translation import gettext_lazy as _

from saisaat.budget.forms import ActivityChoiceField, MoneyField
from saisaat.core.fields import ModelMultipleChoiceField
from saisaat.documents.models import CommitteeMember, SubPlan
from saisaat.documents.official_services import Audience, OfficialFields
from saisaat.documents.services import MemoFields
from saisaat.orgs.models import StaffMember
from saisaat.plans.models import Activity
from saisaat.surveys.forms import CleanTextField
from saisaat.thai.forms import ThaiDateField


class MemoForm(forms.Form):
    """The memo as the officer reviews it before generating the files."""

    number = forms.CharField(
        label=_("Number (ที่)"),
        max_length=100,
        required=False,
        help_text=_(
            "Keep the proposed number to take the next one of your office, or type another."
        ),
    )
    proposed_number = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    date = ThaiDateField(label=_("Date"))
    office = forms.CharField(label=_("Government agency (ส่วนราชการ)"), max_length=300)
    subject = forms.CharField(label=_("Subject"), max_length=500)
    recipient = forms.CharField(label=_("To (เรียน)"), max_length=300)
    body = forms.CharField(
        label=_("Body"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Separate paragraphs with an empty line."),
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=200)
    signer_position = forms.CharField(
        label=_("Position"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    thai_digits = forms.BooleanField(label=_("Thai digits"), required=False, initial=True)

    def clean(self):
        cleaned = super().clean()
        for name in ("office", "subject", "recipient", "body", "signer_name", "number"):
            value = cleaned.get(name)
            if value and any(ord(c) < 32 and c not in "\r\n\t" for c in value):
                self.add_error(name, _("Remove the control characters from this field."))
        return cleaned

    def memo_fields(self) -> MemoFields:
        data = self.cleaned_data
        return MemoFields(
            number=data["number"],
            date=data["date"],
            office=data["office"],
            subject=data["subject"],
            recipient=data["recipient"],
            body=data["body"],
            signer_name=data["signer_name"],
            signer_position=data["signer_position"],
            thai_digits=data["thai_digits"],
        )


class QuarterForm(forms.Form):
    year = forms.IntegerField(label=_("Fiscal year"), min_value=2500, max_value=2700)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(q, q) for q in range(1, 5)]
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        if years:
            # Offer the plan years there are rather than a number to type.
            self.fields["year"].widget = forms.Select(choices=[(year, year) for year in years])


class EvidenceBundleForm(forms.Form):
    """Which evidence to bundle: one dimension (0: every dimension), of this unit or, on a
    province, of every unit."""

    year = forms.IntegerField(
        label=_("Fiscal year"), min_value=2500, max_value=2700, required=False
    )
    dimension = forms.TypedChoiceField(
        label=_("Dimension"),
        coerce=int,
        choices=[(0, _("all")), *((n, n) for n in range(1, 10))],
        initial=0,
    )
    all = forms.BooleanField(label=_("all units"), required=False)


# -- orders and announcements -------------------------------------------------------------


class OfficialForm(forms.Form):
    """An order or announcement as the officer drafts it."""

    office = forms.CharField(label=_("Government agency (ส่วนราชการ)"), max_length=300)
    title = forms.CharField(label=_("Subject"), max_length=500)
    body = forms.CharField(
        label=_("Body"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Separate paragraphs with an empty line."),
    )
    duties = forms.CharField(
        label=_("Duties of the committee"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    effective = forms.CharField(label=_("In force from (ทั้งนี้ ตั้งแต่)"), max_length=300, required=False)
    date = ThaiDateField(label=_("Date"))
    activity = forms.ModelChoiceField(
        label=_("Plan activity"), queryset=None, required=False, empty_label=_("(none)")
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=200)
    signer_position = forms.CharField(
        label=_("Position"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    thai_digits = forms.BooleanField(label=_("Thai digits"), required=False, initial=True)

    def __init__(self, *args, activities, is_order: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
        self.fields["activity"].label_from_instance = activity_label
        if not is_order:
            del self.fields["duties"]

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and any(ord(c) < 32 and c not in "\r\n\t" for c in value):
                self.add_error(name, _("Remove the control characters from this field."))
        return cleaned

    def official_fields(self, members) -> OfficialFields:
        data = self.cleaned_data
        return OfficialFields(
            office=data["office"],
            title=data["title"],
            body=data["body"],
            duties=data.get("duties", ""),
            effective=data["effective"],
            date=data["date"],
            activity=data["activity"],
            signer_name=data["signer_name"],
            signer_position=data["signer_position"],
            thai_digits=data["thai_digits"],
            members=members,
        )


def activity_label(activity) -> str:
    measure = activity.measure
    return f"{measure.dimension.number}.{measure.number}.{activity.position} {activity.text[:90]}"


class MemberForm(forms.Form):
    staff = forms.ModelChoiceField(label=_("Staff member"), queryset=None, required=False)
    role = forms.ChoiceField(label=_("Role in the committee"), choices=CommitteeMember.Role.choices)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff
        self.fields["staff"].label_from_instance = lambda s: f"{s} · {s.position}"


class BaseMemberFormSet(forms.BaseFormSet):
    def members(self):
        return [
            (form.cleaned_data["staff"], form.cleaned_data["role"])
            for form in self.forms
            if form.cleaned_data.get("staff")
        ]


MemberFormSet = forms.formset_factory(
    MemberForm, formset=BaseMemberFormSet, extra=0, max_num=40, absolute_max=40, validate_max=True
)


class SendForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Send to"),
        choices=[
            (Audience.MEMBERS, _("the members of the committee")),
            (Audience.UNIT, _("a unit")),
            (Audience.WORK_GROUP, _("a work group")),
            (Audience.EVERYONE, _("everyone of the office")),
        ],
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)
    work_group = forms.ModelChoiceField(label=_("Work group"), queryset=None, required=False)

    def __init__(self, *args, units, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["work_group"].queryset = groups


# -- sub-plans ------------------------------------------------------------------------------


class SubPlanForm(forms.Form):
    """A sub-plan's heading: its kind (when new), fiscal year, title and objective."""

    kind = forms.ChoiceField(label=_("Kind"), choices=SubPlan.Kind.choices)
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year (B.E.)"),
        min_value=2500,
        max_value=2700,
        error_messages={"invalid": _("Type the fiscal year in the Buddhist era, e.g. 2566.")},
    )
    title = CleanTextField(label=_("Title"), max_length=300)
    objective = CleanTextField(
        label=_("Objective"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One objective a line."),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["kind"]


class StaffChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return " ".join(f"{obj.title}{obj.first_name} {obj.last_name}".split())


class SubPlanActivityForm(forms.Form):
    name = CleanTextField(label=_("Activity"), max_length=300)
    period_start = ThaiDateField(label=_("From"))
    period_end = ThaiDateField(label=_("Until"))
    responsible = StaffChoiceField(
        queryset=StaffMember.objects.none(),
        required=False,
        label=_("Responsible (from the staff registry)"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    budget = MoneyField(label=_("Budget (baht)"), required=False)
    indicator = CleanTextField(label=_("Indicator"), max_length=300, required=False)
    target = CleanTextField(label=_("Target"), max_length=200, required=False)
    plan_activity = ActivityChoiceField(
        queryset=Activity.objects.none(), required=False, label=_("Office activity in the plan")
    )

    def __init__(self, *args, staff=None, activities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if staff is not None:
            self.fields["responsible"].queryset = staff
        if activities is not None:
            self.fields["plan_activity"].queryset = activities

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("The period must start before it ends."))
        if cleaned.get("budget") is not None and cleaned["budget"] < 0:
            self.add_error("budget", _("The budget cannot be negative."))
        return cleaned
