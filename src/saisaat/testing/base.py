"""Shared test personas, created once per test class.

The Nong Khai provincial office (43) with two district offices A (4301) and B
(4302), and a second province (41) with one district, so that every view can be
checked for what each persona gets.
"""

from pathlib import Path

from django.test import TestCase

from saisaat.orgs.models import Unit, User
from saisaat.plans.importer import ensure_standard_work_groups, import_plan
from saisaat.plans.parsing import parse_plan_text, read_plan_file
from saisaat.tracking.services import publish_plan

PLAN_FILE = (
    Path(__file__).resolve().parent.parent
    / "plans"
    / "fixtures"
    / ("nongkhai-2566-clean-cdd-plan.txt")
)
PASSWORD = "persona-password"
# Every persona of PersonaTestCase, by attribute name; "anonymous" is the logged-out
# client.
PERSONAS = (
    "provincial_officer",
    "approver",
    "administrator",
    "district_a_officer",
    "district_b_officer",
    "other_province_officer",
    "department_officer",
    "anonymous",
)
# The personas a test case with ``more_personas = True`` adds: a group director (an
# approver who leads one work group of the province), the evaluation committee, the head
# of district office A (the district development officer, an approver there) and the
# citizen, who is not signed in but holds a complaint's tracking code in the session.
MORE_PERSONAS = ("group_director", "committee", "district_a_head", "citizen")
ALL_PERSONAS = PERSONAS + MORE_PERSONAS


def make_unit(code, kind, name_th, parent=None) -> Unit:
    return Unit.objects.create(code=code, kind=kind, name_th=name_th, parent=parent)


def make_user(username, unit, *, role=User.Role.OFFICER, work_group=None, **extra) -> User:
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        unit=unit,
        role=role,
        work_group=work_group,
        first_name=username,
        **extra,
    )


def load_source_plan(unit: Unit, fiscal_year: int = 2566):
    return import_plan(
        parse_plan_text(read_plan_file(PLAN_FILE)),
        unit=unit,
        fiscal_year=fiscal_year,
        source_name=PLAN_FILE.name,
    ).plan


class PersonaTestCase(TestCase):
    """Personas: provincial officer, approver, administrator, officers of district A and
    B, an officer of another province, a department officer, and the anonymous citizen
    (self.client as is)."""

    load_plan = True
    publish_plan = False
    # The personas that assert_statuses checks for completeness and every() covers; a
    # test case with more personas lists them here.
    personas: tuple[str, ...] = PERSONAS
    # Whether assert_statuses insists on a status for every persona.
    require_every_persona = False
    # Whether to create MORE_PERSONAS too (off by default: more approvers in the province
    # would change who is told of what in older tests).
    more_personas = False
    # What the citizen persona's session holds before each request.
    citizen_session: dict = {}

    @classmethod
    def setUpTestData(cls):
        cls.department = make_unit("00", Unit.Kind.DEPARTMENT, "กรมการพัฒนาชุมชน")
        cls.province = make_unit(
            "43", Unit.Kind.PROVINCE, "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย", cls.department
        )
        cls.district_a = make_unit(
            "4301", Unit.Kind.DISTRICT, "สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย", cls.province
        )
        cls.district_b = make_unit(
            "4302", Unit.Kind.DISTRICT, "สำนักงานพัฒนาชุมชนอำเภอท่าบ่อ", cls.province
        )
        cls.other_province = make_unit(
            "41", Unit.Kind.PROVINCE, "สำนักงานพัฒนาชุมชนจังหวัดอุดรธานี", cls.department
        )
        cls.other_district = make_unit(
            "4101", Unit.Kind.DISTRICT, "สำนักงานพัฒนาชุมชนอำเภอเมืองอุดรธานี", cls.other_province
        )
        cls.groups = ensure_standard_work_groups(cls.province)

        cls.provincial_officer = make_user(
            "prov-officer", cls.province, work_group=cls.groups["coordination"]
        )
        cls.approver = make_user("prov-director", cls.province, role=User.Role.APPROVER)
        cls.administrator = make_user(
            "prov-admin",
            cls.province,
            role=User.Role.ADMINISTRATOR,
            work_group=cls.groups["informatics"],
        )
        cls.district_a_officer = make_user("district-a", cls.district_a)
        cls.district_b_officer = make_user("district-b", cls.district_b)
        cls.other_province_officer = make_user("other-province", cls.other_province)
        cls.department_officer = make_user(
            "department", cls.department, role=User.Role.ADMINISTRATOR
        )

        if cls.more_personas:
            cls.group_director = make_user(
                "group-director",
                cls.province,
                role=User.Role.APPROVER,
                work_group=cls.groups["strategy"],
                position="ผู้อำนวยการกลุ่มงานยุทธศาสตร์การพัฒนาชุมชน",
            )
            cls.committee = make_user(
                "committee",
                cls.province,
                role=User.Role.COMMITTEE,
                work_group=cls.groups["promotion"],
            )
            cls.district_a_head = make_user(
                "district-a-head",
                cls.district_a,
                role=User.Role.APPROVER,
                position="พัฒนาการอำเภอเมืองหนองคาย",
            )

        cls.plan = load_source_plan(cls.province) if cls.load_plan else None
        if cls.publish_plan:
            publish_plan(cls.plan)

    def login(self, user: User):
        self.client.force_login(user)

    def status_for(self, persona: str, method: str, url: str, data=None, **extra) -> int:
        """The status code `persona` (an attribute name, "anonymous" or "citizen") gets."""
        return self.response_for(persona, method, url, data, **extra).status_code

    def response_for(self, persona: str, method: str, url: str, data=None, **extra):
        self.client.logout()
        if persona == "citizen":
            session = self.client.session
            session.update(self.citizen_session)
            session.save()
        elif persona != "anonymous":
            self.client.force_login(getattr(self, persona))
        return getattr(self.client, method)(url, data or {}, **extra)

    def assert_statuses(self, method, url, expected: dict, data=None, *, each=None, **extra):
        """Check the status code of each persona in `expected`, calling `each()` (if
        given) before each request."""
        if self.require_every_persona:
            self.assertEqual(set(expected), set(self.personas), "every persona is checked")
        got = {}
        for persona in expected:
            if each is not None:
                each()
            got[persona] = self.status_for(persona, method, url, data, **extra)
        self.assertEqual(got, expected, url)

    def every(self, status) -> dict:
        return dict.fromkeys(self.personas, status)
