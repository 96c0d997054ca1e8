"""People's part in the programme: training, declarations, moral goals, activities and
attendance, network partners and innovation projects."""

from saisaat.participation.models.awards import Recognition
from saisaat.participation.models.declarations import (
    Acknowledgement,
    Declaration,
    DeclarationVersion,
)
from saisaat.participation.models.events import Attendance, OfficeActivity
from saisaat.participation.models.goals import MoralGoal, MoralGoalVote
from saisaat.participation.models.innovation import InnovationMeasurement, InnovationProject
from saisaat.participation.models.partners import (
    JointActivity,
    MemorandumOfUnderstanding,
    Partner,
    PartnerType,
)
from saisaat.participation.models.training import Certificate, Course
from saisaat.participation.models.virtues import Virtue
from saisaat.participation.models.workplace import (
    EnvironmentActivity,
    EnvironmentTopic,
    PublicationChannel,
)

__all__ = [
    "Recognition",
    "Acknowledgement",
    "Attendance",
    "Certificate",
    "Course",
    "Declaration",
    "DeclarationVersion",
    "EnvironmentActivity",
    "EnvironmentTopic",
    "InnovationMeasurement",
    "InnovationProject",
    "JointActivity",
    "MemorandumOfUnderstanding",
    "MoralGoal",
    "MoralGoalVote",
    "OfficeActivity",
    "Partner",
    "PartnerType",
    "PublicationChannel",
    "Virtue",
]
