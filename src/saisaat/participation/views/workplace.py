"""Workplace-environment activities and publication channels of a unit, two registers on
the shared register views (registers.py)."""

from django.utils.translation import gettext_lazy as _

from saisaat.participation.forms.workplace import EnvironmentActivityForm, PublicationChannelForm
from saisaat.participation.models import EnvironmentActivity, PublicationChannel
from saisaat.participation.services import workplace as services
from saisaat.participation.views.registers import (
    Register,
    add_view,
    attach_view,
    delete_view,
    edit_view,
    list_view,
)

ENVIRONMENT = Register(
    model=EnvironmentActivity,
    form=EnvironmentActivityForm,
    url_prefix="environment",
    template="participation/workplace/activities.html",
    records_name="activities",
    records=services.environment_activities_for,
    per_year=True,
    date_field="held_on",
    dimension=2,
    fields=["topic", "title", "held_on", "participants", "summary", "plan_activity"],
    create=services.create_environment_activity,
    update=services.update_environment_activity,
    record_argument="activity",
    delete=services.delete_environment_activity,
    attach=services.attach_environment_activity,
    edit_heading=_("Edit workplace-environment activity"),
    recorded=_("The activity was recorded."),
    saved=_("The activity was saved."),
    removed=_("The activity was removed."),
)

CHANNELS = Register(
    model=PublicationChannel,
    form=PublicationChannelForm,
    url_prefix="channel",
    template="participation/workplace/channels.html",
    records_name="channels",
    records=lambda unit, year: services.channels_for(unit),
    per_year=False,
    date_field="opened_on",
    dimension=3,
    fields=["medium", "name", "url", "opened_on", "closed_on", "plan_activity"],
    create=services.create_channel,
    update=services.update_channel,
    record_argument="channel",
    delete=services.delete_channel,
    attach=services.attach_channel,
    edit_heading=_("Edit publication channel"),
    recorded=_("The channel was recorded."),
    saved=_("The channel was saved."),
    removed=_("The channel was removed."),
)

environment_list = list_view(ENVIRONMENT)
environment_add = add_view(ENVIRONMENT)
environment_edit = edit_view(ENVIRONMENT)
environment_delete = delete_view(ENVIRONMENT)
environment_attach = attach_view(ENVIRONMENT)

channel_list = list_view(CHANNELS)
channel_add = add_view(CHANNELS)
channel_edit = edit_view(CHANNELS)
channel_delete = delete_view(CHANNELS)
channel_attach = attach_view(CHANNELS)
