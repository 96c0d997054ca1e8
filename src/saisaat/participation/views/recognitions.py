"""The office's register of awards, praise and letters of thanks from outside bodies, on
the shared register views (registers.py)."""

from django.utils.translation import gettext_lazy as _

from saisaat.participation.forms.workplace import RecognitionForm
from saisaat.participation.models import Recognition
from saisaat.participation.services import recognitions as services
from saisaat.participation.views.registers import (
    Register,
    add_view,
    attach_view,
    delete_view,
    edit_view,
    list_view,
)

AWARDS = Register(
    model=Recognition,
    form=RecognitionForm,
    url_prefix="recognition",
    template="participation/awards/list.html",
    records_name="recognitions",
    records=services.recognitions_for,
    per_year=True,
    date_field="received_on",
    dimension=None,
    fields=services.EDITABLE,
    create=services.create_recognition,
    update=services.update_recognition,
    record_argument="recognition",
    delete=services.delete_recognition,
    attach=services.attach_recognition,
    edit_heading=_("Edit award or letter of thanks"),
    recorded=_("The entry was recorded."),
    saved=_("The entry was saved."),
    removed=_("The entry was removed."),
)

recognition_list = list_view(AWARDS)
recognition_add = add_view(AWARDS)
recognition_edit = edit_view(AWARDS)
recognition_delete = delete_view(AWARDS)
recognition_attach = attach_view(AWARDS)
