"""What every persona gets from every URL of the app: the declared access table.

One entry per URL name. ``page`` is a view answering GET only, ``form`` one answering GET
and POST, ``action`` one answering POST only. Statuses are those of a GET for pages and
forms, of a POST with empty data for actions; ``OK`` marks a persona who may perform an
action, which the table does not post (it would change data; the app's own tests do).
A new view cannot ship without its row: test_url_access fails on any URL name missing
here.
"""

from dataclasses import dataclass

# Short column names -> PersonaTestCase attribute names.
COLUMNS = {
    "anon": "anonymous",
    "citizen": "citizen",
    "district_a": "district_a_officer",
    "district_a_head": "district_a_head",
    "district_b": "district_b_officer",
    "province": "provincial_officer",
    "group_director": "group_director",
    "approver": "approver",
    "admin": "administrator",
    "committee": "committee",
    "department": "department_officer",
    "other_province": "other_province_officer",
}
PERSONAS = tuple(COLUMNS.values())
OK = "ok"


@dataclass(frozen=True)
class Row:
    kind: str  # "page", "form" or "action"
    statuses: dict  # persona attribute name -> status (or OK)
    # For a form: what an empty POST gets, when it differs from the GET (the form is
    # shown to readers but sent only by managers); None: the GET's refusals again.
    post: dict | None = None


def _personas(base, overrides) -> dict:
    unknown = set(overrides) - set(COLUMNS)
    if unknown:
        raise ValueError(f"unknown columns {sorted(unknown)}")
    merged = {**base, **overrides}
    missing = set(COLUMNS) - set(merged)
    if missing:
        raise ValueError(f"no status for {sorted(missing)}")
    return {COLUMNS[column]: status for column, status in merged.items()}


def _row(kind, base, overrides) -> Row:
    return Row(kind, _personas(base, overrides))


def page(base, **overrides) -> Row:
    return _row("page", base, overrides)


def form(base, *, post: dict | None = None, **overrides) -> Row:
    return Row("form", _personas(base, overrides), _personas(post, {}) if post else None)


def action(base, **overrides) -> Row:
    return _row("action", base, overrides)


def every(status) -> dict:
    return dict.fromkeys(COLUMNS, status)


def but(base: dict, **overrides) -> dict:
    return {**base, **overrides}


STAFF = ("district_a", "district_a_head", "district_b", "province", "group_director")
STAFF += ("approver", "admin", "committee", "department", "other_province")

# Anyone, signed in or not.
PUBLIC = every(200)
# Any signed-in account; the logged-out visitor is sent to the login page.
SIGNED_IN = but(every(200), anon=302, citizen=302)
# District A's records: its own staff, the province above it and the department read them;
# a sibling district and another province get 404.
DISTRICT_A_RECORD = but(SIGNED_IN, district_b=404, other_province=404)
# District A's records that only its own managers change (the approvers and
# administrators of the office itself: here its head).
DISTRICT_A_MANAGED = but(
    every(403), anon=302, citizen=302, district_a_head=200, district_b=404, other_province=404
)
# The same, for a POST-only action: the head may, the others are refused.
DISTRICT_A_MANAGER_ACTION = but(DISTRICT_A_MANAGED, district_a_head=OK)
# District A's work (assignments, evidence): its own staff do it, the province reads it.
DISTRICT_A_WORK_ACTION = but(DISTRICT_A_MANAGER_ACTION, district_a=OK)
# The staff registry of a district is kept by its head and by the province's managers.
DISTRICT_A_REGISTRY = but(DISTRICT_A_MANAGED, group_director=200, approver=200, admin=200)
DISTRICT_A_REGISTRY_ACTION = but(
    DISTRICT_A_MANAGER_ACTION, group_director=OK, approver=OK, admin=OK
)
# Complaint pages of district A: its staff and the province above it handle them; the
# committee and the department never see complaints (403: they know the office exists).
DISTRICT_A_COMPLAINTS = but(DISTRICT_A_RECORD, committee=403, department=403)
# A (non-confidential) complaint handed to district A: its handlers; 404 to everyone else.
COMPLAINT = but(DISTRICT_A_COMPLAINTS, committee=404, department=404)
# Reading or naming who complained: the directors (district A's head, the provincial
# director) and the designated complaint officer (district A's officer here).
COMPLAINT_IDENTITY = but(
    COMPLAINT,
    district_a=OK,
    district_a_head=OK,
    approver=OK,
    province=403,
    group_director=403,
    admin=403,
)
# Signed-in staff who run their own office's records (approvers and administrators).
OWN_OFFICE_MANAGERS = but(
    every(403),
    anon=302,
    citizen=302,
    district_a_head=200,
    group_director=200,
    approver=200,
    admin=200,
    department=200,
)
# The evidence checklists of the province's plan: its administrators.
CHECKLIST_EDITORS = but(every(403), anon=302, citizen=302, admin=200, other_province=404)
# The department's lists (partner types): its administrators only.
DEPARTMENT_ADMIN = but(every(403), anon=302, citizen=302, department=200)
# Who proposes approver roles: office heads and administrators, and the department's.
_PROPOSERS = ("district_a_head", "approver", "admin", "department")
ROLE_PROPOSERS = but(every(403), anon=302, citizen=302, **dict.fromkeys(_PROPOSERS, 200))

# District A's breach register: its head (and administrators, none here) and the department.
BREACH_READERS = but(DISTRICT_A_MANAGED, department=200)
# One breach of district A: the same people; everyone else gets 404.
BREACH_RECORD = but(every(404), anon=302, citizen=302, district_a_head=200, department=200)
# A person's data at district A: who reads its complainants' identities (its head and its
# designated complaint officer).
PERSON_DATA = but(
    every(403),
    anon=302,
    citizen=302,
    district_a=200,
    district_a_head=200,
    district_b=404,
    other_province=404,
)
ERASURE_DECIDERS = but(PERSON_DATA, district_a=403, district_a_head=OK)

# An assessment round of the province before it is published: its assessor (the committee)
# and the province's managers; 404 to everyone else.
ROUND_READERS = but(
    every(404), anon=302, citizen=302, committee=200, group_director=200, approver=200, admin=200
)

# Who requests sign-in resets: administrators of any office.
RESET_REQUESTERS = but(every(403), anon=302, citizen=302, admin=200, department=200)

# The knowledge test's results and set-up of district A: its head and the managers of the
# offices above it (oversees); everyone else who sees the office is refused.
_KNOWLEDGE_MANAGERS = ("district_a_head", "group_director", "approver", "admin", "department")
KNOWLEDGE_MANAGERS = but(DISTRICT_A_RECORD, **dict.fromkeys(STAFF, 403))
KNOWLEDGE_MANAGERS = but(
    KNOWLEDGE_MANAGERS,
    district_b=404,
    other_province=404,
    **dict.fromkeys(_KNOWLEDGE_MANAGERS, 200),
)
_KNOWLEDGE_400 = dict.fromkeys(_KNOWLEDGE_MANAGERS, 400)


def _forbidden_but_head(head=400) -> dict:
    """Complaint set-up of district A: seen by its handlers, changed by its head alone
    (whose empty POST is a form error, 400)."""
    handlers = ("district_a", "province", "group_director", "approver", "admin")
    return {**dict.fromkeys(handlers, 403), "district_a_head": head}


def _handlers(base: dict) -> dict:
    """Whoever sees the complaint handles it."""
    return {k: (OK if v == 200 else v) for k, v in base.items()}


TABLE: dict[str, Row] = {
    # --- project-wide
    # RedirectView answers every method.
    "home": form(every(302)),
    "login": form(every(302), anon=200, citizen=200),
    "logout": action(every(302)),
    "toggle-thai-digits": action(every(302)),
    # Django's set_language redirects a GET and sets the cookie on POST.
    "set_language": form(every(302)),
    # The installable web app's manifest and the favicon: anyone, even before signing in.
    "web-manifest": page(PUBLIC),
    "favicon": page(PUBLIC),
    # --- plans: the province's plan, read by all its offices
    # The list redirects to the only plan one can see; another province has none here.
    "plans:plan-list": page(every(302), other_province=200),
    "plans:plan-detail": page(SIGNED_IN, other_province=404),
    "plans:plan-history": page(
        every(403), anon=302, citizen=302, admin=200, department=200, other_province=404
    ),
    # The evidence checklist of an activity: the administrators of the plan's office edit
    # it (an empty POST is a form error); everyone else who sees the plan is refused.
    "plans:activity-checklist": form(CHECKLIST_EDITORS, post=but(CHECKLIST_EDITORS, admin=400)),
    # --- tracking
    "tracking:activity-detail": page(SIGNED_IN, other_province=404),
    "tracking:my-work": page(SIGNED_IN),
    "tracking:unit-detail": page(DISTRICT_A_RECORD),
    "tracking:unit-add-activity": action(DISTRICT_A_WORK_ACTION),
    "tracking:assignment-detail": page(DISTRICT_A_RECORD),
    "tracking:evidence-add": action(DISTRICT_A_WORK_ACTION),
    "tracking:evidence-link": action(DISTRICT_A_WORK_ACTION),
    "tracking:assignment-submit": action(DISTRICT_A_WORK_ACTION),
    # The provincial director reviews; a group director only the work of the own group.
    "tracking:assignment-review": action(
        DISTRICT_A_MANAGER_ACTION, district_a_head=403, approver=OK
    ),
    "tracking:assignment-officer": action(DISTRICT_A_WORK_ACTION, approver=OK),
    "tracking:evidence-file": page(DISTRICT_A_RECORD),
    "tracking:evidence-correct": action(DISTRICT_A_WORK_ACTION),
    "tracking:evidence-detach": action(DISTRICT_A_WORK_ACTION),
    # The province's dashboard: its own staff and the department; its district officers
    # see only their unit.
    "tracking:province-dashboard": page(
        SIGNED_IN, district_a=403, district_a_head=403, district_b=403, other_province=404
    ),
    # What evidence is missing where: read like the dashboard it is linked from.
    "tracking:province-missing": page(
        SIGNED_IN, district_a=403, district_a_head=403, district_b=403, other_province=404
    ),
    "tracking:department": page(DEPARTMENT_ADMIN),
    "tracking:plan-publish": action(
        every(403),
        anon=302,
        citizen=302,
        group_director=OK,
        approver=OK,
        admin=OK,
        other_province=404,
    ),
    # --- participation: staff registry and certificates
    "participation:staff-detail": page(DISTRICT_A_RECORD),
    "participation:staff-edit": action(DISTRICT_A_REGISTRY_ACTION),
    "participation:staff-list": page(DISTRICT_A_RECORD),
    "participation:staff-import": form(DISTRICT_A_REGISTRY),
    "participation:staff-import-confirm": action(DISTRICT_A_REGISTRY_ACTION),
    "participation:course-list": page(SIGNED_IN),
    "participation:course-add": action(DEPARTMENT_ADMIN, department=OK),
    "participation:my-certificates": page(SIGNED_IN),
    # Certificates are recorded by the registry's keepers and by the holder (district A's
    # officer here) for themselves.
    "participation:certificate-add": action(DISTRICT_A_REGISTRY_ACTION, district_a=OK),
    "participation:certificate-file": page(DISTRICT_A_RECORD),
    "participation:certificate-delete": action(DISTRICT_A_REGISTRY_ACTION, district_a=OK),
    "participation:certificate-list": page(DISTRICT_A_RECORD),
    # --- participation: declarations (district A's, to all its staff)
    "participation:my-declarations": page(SIGNED_IN),
    "participation:my-declaration-read": page(
        every(404), anon=302, citizen=302, district_a=200, district_a_head=200
    ),
    "participation:my-declaration-acknowledge": action(
        every(404), anon=302, citizen=302, district_a=OK, district_a_head=OK
    ),
    "participation:declaration-list": page(DISTRICT_A_RECORD),
    "participation:declaration-create": form(DISTRICT_A_MANAGED),
    "participation:declaration-detail": page(DISTRICT_A_RECORD),
    "participation:declaration-edit": form(DISTRICT_A_MANAGED),
    "participation:declaration-versions": page(DISTRICT_A_RECORD),
    "participation:declaration-record": action(DISTRICT_A_MANAGER_ACTION),
    "participation:declaration-sign-off": page(DISTRICT_A_RECORD),
    # --- participation: moral goals (proposed by district A's officer)
    "participation:goal-list": page(DISTRICT_A_RECORD),
    "participation:goal-propose": action(DISTRICT_A_WORK_ACTION),
    "participation:goal-participation": page(DISTRICT_A_RECORD),
    "participation:goal-vote": action(DISTRICT_A_WORK_ACTION),
    # Only who proposed a goal changes or withdraws it.
    "participation:goal-edit": form(DISTRICT_A_MANAGED, district_a=200, district_a_head=403),
    "participation:goal-withdraw": action(
        DISTRICT_A_MANAGER_ACTION, district_a=OK, district_a_head=403
    ),
    "participation:goal-adopt": action(DISTRICT_A_MANAGER_ACTION),
    # --- participation: office activities
    "participation:activity-list": page(DISTRICT_A_RECORD),
    "participation:activity-create": form(DISTRICT_A_MANAGED),
    "participation:office-activity-detail": page(DISTRICT_A_RECORD),
    "participation:activity-edit": form(DISTRICT_A_MANAGED),
    "participation:activity-attendance-add": action(DISTRICT_A_MANAGER_ACTION),
    "participation:activity-attendance-remove": action(DISTRICT_A_MANAGER_ACTION),
    "participation:activity-checkin-open": action(DISTRICT_A_MANAGER_ACTION),
    "participation:activity-checkin-regenerate": action(DISTRICT_A_MANAGER_ACTION),
    "participation:activity-qr-print": page(DISTRICT_A_MANAGED),
    "participation:activity-qr-svg": page(DISTRICT_A_MANAGED),
    "participation:activity-qr-png": page(DISTRICT_A_MANAGED),
    # Whoever holds the check-in code may open it; only the office's staff check in.
    "participation:activity-check-in": form(
        every(403), anon=302, citizen=302, district_a=200, district_a_head=200
    ),
    # --- participation: partners
    "participation:partner-list": page(DISTRICT_A_RECORD),
    "participation:partner-add": action(DISTRICT_A_MANAGER_ACTION),
    "participation:mou-add": action(DISTRICT_A_MANAGER_ACTION),
    "participation:joint-activity-add": action(DISTRICT_A_MANAGER_ACTION),
    "participation:partner-edit": form(DISTRICT_A_MANAGED),
    "participation:mou-edit": form(DISTRICT_A_MANAGED),
    "participation:mou-file": page(DISTRICT_A_RECORD),
    "participation:joint-activity-edit": form(DISTRICT_A_MANAGED),
    "participation:partner-types": page(DEPARTMENT_ADMIN),
    "participation:partner-type-add": action(DEPARTMENT_ADMIN, department=OK),
    "participation:partner-type-edit": action(DEPARTMENT_ADMIN, department=OK),
    # --- assessments: an open round of the province (the committee scores it; its
    # managers run it; nobody else learns it exists) and a published one's results
    "assessments:round-list": page(SIGNED_IN),
    "assessments:round-new": form(DISTRICT_A_MANAGED),
    "assessments:round-detail": page(ROUND_READERS),
    "assessments:round-advance": action(
        ROUND_READERS, committee=403, group_director=OK, approver=OK, admin=OK
    ),
    "assessments:round-score": form(ROUND_READERS, group_director=403, approver=403, admin=403),
    "assessments:round-results": page(SIGNED_IN, other_province=404),
    "assessments:round-certificate": page(SIGNED_IN, other_province=404),
    "assessments:score-photo": page(SIGNED_IN, other_province=404),
    # --- assessments: 5S (district A's checklist and trend; the province's open quarter
    # round, its corrective actions recorded by the committee and the province's managers)
    "assessments:fives-checklist": form(
        DISTRICT_A_RECORD, post=but(DISTRICT_A_MANAGED, district_a_head=400)
    ),
    "assessments:fives-round-new": action(DISTRICT_A_MANAGER_ACTION),
    "assessments:fives-trend": page(DISTRICT_A_RECORD),
    "assessments:fives-programme": form(
        DISTRICT_A_RECORD, post=but(DISTRICT_A_MANAGED, district_a_head=400)
    ),
    "assessments:fives-area-remove": action(DISTRICT_A_MANAGER_ACTION),
    "assessments:fives-actions": form(
        ROUND_READERS,
        post=but(ROUND_READERS, committee=400, group_director=400, approver=400, admin=400),
    ),
    "assessments:fives-action-close": action(
        ROUND_READERS, committee=403, group_director=OK, approver=OK, admin=OK
    ),
    # District A's published self-assessment: whoever sees district A reads its standing.
    "assessments:round-moral": page(DISTRICT_A_RECORD),
    # --- participation: innovation
    "participation:innovation-list": page(DISTRICT_A_RECORD),
    "participation:innovation-add": action(DISTRICT_A_MANAGER_ACTION),
    "participation:innovation-detail": page(DISTRICT_A_RECORD),
    "participation:innovation-edit": form(DISTRICT_A_MANAGED),
    "participation:innovation-measurement-add": action(DISTRICT_A_MANAGER_ACTION),
    "participation:innovation-measurement-edit": form(DISTRICT_A_MANAGED),
    "participation:innovation-measurement-delete": action(DISTRICT_A_MANAGER_ACTION),
    # --- participation: workplace-environment activities and publication channels
    "participation:environment-list": page(DISTRICT_A_RECORD),
    "participation:environment-add": action(DISTRICT_A_MANAGER_ACTION),
    "participation:environment-edit": form(DISTRICT_A_MANAGED),
    "participation:environment-delete": action(DISTRICT_A_MANAGER_ACTION),
    "participation:environment-attach": action(DISTRICT_A_MANAGER_ACTION),
    "participation:channel-list": page(DISTRICT_A_RECORD),
    "participation:channel-add": action(DISTRICT_A_MANAGER_ACTION),
    "participation:channel-edit": form(DISTRICT_A_MANAGED),
    "participation:channel-delete": action(DISTRICT_A_MANAGER_ACTION),
    "participation:channel-attach": action(DISTRICT_A_MANAGER_ACTION),
    "participation:recognition-list": page(DISTRICT_A_RECORD),
    "participation:recognition-add": action(DISTRICT_A_MANAGER_ACTION),
    "participation:recognition-edit": form(DISTRICT_A_MANAGED),
    "participation:recognition-delete": action(DISTRICT_A_MANAGER_ACTION),
    "participation:recognition-attach": action(DISTRICT_A_MANAGER_ACTION),
    "participation:overview": page(DISTRICT_A_RECORD),
    # --- indicators
    "indicators:unit": page(DISTRICT_A_RECORD),
    "indicators:target": page(DISTRICT_A_RECORD),
    # --- complaints: public
    "complaints:index": page(PUBLIC),
    "complaints:new": form(PUBLIC, post=every(400)),
    # Shown once, to whoever has just sent a complaint.
    "complaints:submitted": page(every(302), citizen=200),
    "complaints:track": form(PUBLIC, post=every(400)),
    "complaints:public-statistics": page(PUBLIC),
    # --- complaints: staff
    "complaints:unit-list": page(DISTRICT_A_COMPLAINTS),
    "complaints:record": form(DISTRICT_A_COMPLAINTS),
    "complaints:channels": form(
        DISTRICT_A_COMPLAINTS, post=but(DISTRICT_A_COMPLAINTS, **_forbidden_but_head())
    ),
    "complaints:officers": form(
        DISTRICT_A_COMPLAINTS, post=but(DISTRICT_A_COMPLAINTS, **_forbidden_but_head())
    ),
    "complaints:statistics": page(DISTRICT_A_RECORD),
    "complaints:statistics-xlsx": page(DISTRICT_A_RECORD),
    "complaints:detail": page(COMPLAINT),
    "complaints:status": action(_handlers(COMPLAINT)),
    "complaints:route": action(_handlers(COMPLAINT)),
    "complaints:note": action(_handlers(COMPLAINT)),
    "complaints:persons": action(COMPLAINT_IDENTITY),
    "complaints:identity": action(COMPLAINT_IDENTITY),
    "complaints:attachment": page(COMPLAINT),
    "complaints:channel-edit": action(but(DISTRICT_A_COMPLAINTS, **_forbidden_but_head(OK))),
    "complaints:officer-remove": action(but(DISTRICT_A_COMPLAINTS, **_forbidden_but_head(OK))),
    # A designation waiting for the department's confirmation: its administrators decide.
    "complaints:pending-officers": page(DEPARTMENT_ADMIN),
    "complaints:officer-confirm": action(but(DEPARTMENT_ADMIN, department=OK)),
    "complaints:officer-refuse": action(but(DEPARTMENT_ADMIN, department=OK)),
    # --- surveys (district A's; the open one is no longer edited)
    "surveys:survey-list": page(SIGNED_IN),
    # A new survey is the creator's own office's.
    "surveys:survey-create": form(OWN_OFFICE_MANAGERS),
    "surveys:survey-from-template": action(
        {k: (OK if v == 200 else v) for k, v in OWN_OFFICE_MANAGERS.items()}
    ),
    "surveys:survey-detail": page(DISTRICT_A_RECORD),
    "surveys:survey-edit": form(DISTRICT_A_MANAGED),
    "surveys:survey-state": action(DISTRICT_A_MANAGER_ACTION),
    "surveys:survey-copy": action(DISTRICT_A_MANAGER_ACTION),
    "surveys:survey-results-public": action(DISTRICT_A_MANAGER_ACTION),
    "surveys:survey-delete": action(DISTRICT_A_MANAGER_ACTION),
    "surveys:section-add": action(DISTRICT_A_MANAGER_ACTION),
    "surveys:question-add": form(DISTRICT_A_MANAGED),
    "surveys:survey-results": page(DISTRICT_A_RECORD),
    "surveys:survey-results-xlsx": page(DISTRICT_A_RECORD),
    "surveys:survey-attach-evidence": action(DISTRICT_A_MANAGER_ACTION),
    "surveys:survey-qr-png": page(DISTRICT_A_MANAGED),
    "surveys:survey-qr-svg": page(DISTRICT_A_MANAGED),
    "surveys:survey-poster": page(DISTRICT_A_MANAGED),
    "surveys:survey-invitations": form(
        DISTRICT_A_MANAGED, post=but(DISTRICT_A_MANAGED, district_a_head=400)
    ),
    "surveys:section-edit": form(DISTRICT_A_MANAGED),
    "surveys:section-delete": action(DISTRICT_A_MANAGER_ACTION),
    "surveys:section-move": action(DISTRICT_A_MANAGER_ACTION),
    "surveys:question-edit": form(DISTRICT_A_MANAGED),
    "surveys:question-delete": action(DISTRICT_A_MANAGER_ACTION),
    "surveys:question-move": action(DISTRICT_A_MANAGER_ACTION),
    "surveys:public": form(PUBLIC),
    # --- privacy: the breach register (the office's head and administrators record, the
    # department reads), and a person's data (those who read complainants' identities).
    "privacy:breaches": form(
        BREACH_READERS, post=but(BREACH_READERS, district_a_head=400, department=403)
    ),
    "privacy:breach": form(
        BREACH_RECORD, post=but(BREACH_RECORD, district_a_head=400, department=403)
    ),
    "privacy:person": form(PERSON_DATA, post=but(PERSON_DATA, district_a=400, district_a_head=400)),
    "privacy:person-export": action(but(PERSON_DATA, district_a=OK, district_a_head=OK)),
    "privacy:erasure-propose": action(but(PERSON_DATA, district_a=OK, district_a_head=OK)),
    # Proposed by district A's complaint officer: only another handler (its head) decides.
    "privacy:erasure-confirm": action(ERASURE_DECIDERS),
    "privacy:erasure-refuse": action(ERASURE_DECIDERS),
    "surveys:public-thanks": page(PUBLIC),
    # --- documents (district A's memo about its assignment)
    "documents:memo-list": page(SIGNED_IN),
    # A memo is issued by the drafter's own office; the committee issues none.
    "documents:memo-new": form(DISTRICT_A_RECORD, committee=403),
    "documents:memo-detail": page(DISTRICT_A_RECORD),
    "documents:memo-file": page(DISTRICT_A_RECORD),
    "documents:memo-attach": action(DISTRICT_A_WORK_ACTION),
    # Orders and announcements (district A's): drafted, issued and sent by the office's
    # managers; read by who reads the office's records and by whom they were sent to, and
    # acknowledged by those alone (here the committee: district A's officer and head).
    "documents:official-list": page(SIGNED_IN),
    "documents:official-new": form(OWN_OFFICE_MANAGERS),
    "documents:official-detail": page(DISTRICT_A_RECORD),
    "documents:official-edit": form(DISTRICT_A_MANAGED),
    "documents:official-issue": action(DISTRICT_A_MANAGER_ACTION),
    "documents:official-file": page(DISTRICT_A_RECORD),
    "documents:official-send": action(DISTRICT_A_MANAGER_ACTION),
    "documents:official-acknowledge": action(
        but(
            every(403),
            anon=302,
            citizen=302,
            district_b=404,
            other_province=404,
            district_a=OK,
            district_a_head=OK,
        )
    ),
    "documents:official-evidence": action(DISTRICT_A_MANAGER_ACTION),
    "documents:plan-status-xlsx": page(DISTRICT_A_RECORD),
    # Sub-plans (district A's): read by who reads the office's records, drafted and
    # changed by the office's own managers (here its head).
    "documents:subplan-list": page(DISTRICT_A_RECORD),
    "documents:subplan-new": form(DISTRICT_A_MANAGED),
    "documents:subplan-detail": page(DISTRICT_A_RECORD),
    "documents:subplan-edit": form(DISTRICT_A_MANAGED),
    "documents:subplan-activity-add": action(DISTRICT_A_MANAGER_ACTION),
    "documents:subplan-activity-edit": form(DISTRICT_A_MANAGED),
    "documents:subplan-activity-delete": action(DISTRICT_A_MANAGER_ACTION),
    "documents:subplan-activity-budget": action(DISTRICT_A_MANAGER_ACTION),
    "documents:subplan-issue": action(DISTRICT_A_MANAGER_ACTION),
    "documents:subplan-evidence": action(DISTRICT_A_MANAGER_ACTION),
    "documents:subplan-file": page(DISTRICT_A_RECORD),
    # Both start a background job for whoever reads the unit's records.
    "documents:evidence-bundle": action(_handlers(DISTRICT_A_RECORD)),
    "documents:quarterly-xlsx": action(_handlers(DISTRICT_A_RECORD)),
    # --- background jobs (the provincial officer's): the owner and the administrators of
    # the owner's office; 404 to everyone else, who may not know it exists.
    "jobs:list": page(SIGNED_IN),
    "jobs:detail": page(but(every(404), anon=302, citizen=302, province=200, admin=200)),
    "jobs:download": page(but(every(404), anon=302, citizen=302, province=200, admin=200)),
    # --- budget (district A's line)
    "budget:line-detail": page(DISTRICT_A_RECORD),
    "budget:line-edit": form(DISTRICT_A_MANAGED),
    "budget:line-delete": action(DISTRICT_A_MANAGER_ACTION),
    "budget:overview": page(DISTRICT_A_RECORD),
    "budget:line-add": form(DISTRICT_A_MANAGED),
    "budget:disbursements": form(DISTRICT_A_MANAGED),
    "budget:import": form(DISTRICT_A_MANAGED),
    "budget:import-template": page(DISTRICT_A_RECORD),
    "budget:report-xlsx": page(DISTRICT_A_RECORD),
    "budget:report-pdf": page(DISTRICT_A_RECORD),
    # --- knowledge test (district A's, started by its officer): the office's staff take it,
    # the taker alone opens the attempt (an empty POST leaves questions unanswered: 400);
    # the office's managers and those of the offices above set tests and read results.
    "indicators:project": page(DISTRICT_A_RECORD),
    "knowledge:my-tests": page(SIGNED_IN),
    "knowledge:test-start": action(
        but(DISTRICT_A_RECORD, **dict.fromkeys(STAFF, 403)),
        district_a=OK,
        district_a_head=OK,
        district_b=404,
        other_province=404,
    ),
    "knowledge:attempt": form(
        but(every(404), anon=302, citizen=302, district_a=200),
        post=but(every(404), anon=302, citizen=302, district_a=400),
    ),
    "knowledge:office": page(KNOWLEDGE_MANAGERS),
    "knowledge:question-active": action(
        {k: (OK if v == 200 else v) for k, v in KNOWLEDGE_MANAGERS.items()}
    ),
    "knowledge:test-create": form(
        KNOWLEDGE_MANAGERS, post=but(KNOWLEDGE_MANAGERS, **_KNOWLEDGE_400)
    ),
    "knowledge:questions": form(KNOWLEDGE_MANAGERS, post=but(KNOWLEDGE_MANAGERS, **_KNOWLEDGE_400)),
    # --- portal: district A's public pages (no sign-in); kept by its own managers
    **{
        f"portal:{name}": page(PUBLIC)
        for name in (
            "home",
            "page",
            "page-attachment",
            "documents",
            "document-pdf",
            "oit",
            "sitemap",
            "budget",
            "surveys",
            "survey",
            "partners",
            "data",
            "dataset",
            "survey-data",
            "openapi",
            "chain-heads",
            "chain-heads-json",
        )
    },
    "portal:manage": page(DISTRICT_A_MANAGED),
    "portal:edit": form(DISTRICT_A_MANAGED),
    "portal:publish": action(DISTRICT_A_MANAGER_ACTION),
    "portal:unpublish": action(DISTRICT_A_MANAGER_ACTION),
    "portal:publish-document": action(DISTRICT_A_MANAGER_ACTION),
    "portal:unpublish-document": action(DISTRICT_A_MANAGER_ACTION),
    # Sign-in and security: every signed-in account manages its own password and second
    # factor; the code step answers only a sign-in that waits for one (else back to My work).
    "accounts:security": page(SIGNED_IN),
    "accounts:two-factor-verify": form(every(302)),
    "accounts:two-factor-setup": form(SIGNED_IN),
    "accounts:recovery-codes": action(but(every(OK), anon=302, citizen=302)),
    "accounts:password-change": form(SIGNED_IN),
    "accounts:password-change-done": page(SIGNED_IN),
    # Approver roles: proposed by administrators and office heads (for their office and
    # those below it) and department administrators; decided by the latter only.
    "accounts:role-changes": form(
        ROLE_PROPOSERS, post=but(ROLE_PROPOSERS, **dict.fromkeys(_PROPOSERS, 400))
    ),
    "accounts:role-change-confirm": action(but(DEPARTMENT_ADMIN, department=OK)),
    "accounts:role-change-refuse": action(but(DEPARTMENT_ADMIN, department=OK)),
    # Sign-in resets: requested by administrators (for the offices they see), decided by a
    # department administrator; the link to set a new password answers everyone.
    "accounts:sign-in-resets": form(
        RESET_REQUESTERS, post=but(RESET_REQUESTERS, admin=400, department=400)
    ),
    "accounts:sign-in-reset-confirm": action(but(DEPARTMENT_ADMIN, department=OK)),
    "accounts:sign-in-reset-refuse": action(but(DEPARTMENT_ADMIN, department=OK)),
    "accounts:password-reset-confirm": form(PUBLIC),
    "accounts:password-reset-complete": page(PUBLIC),
    # A person's own notifications, about assignments and complaints alike.
    "notices:list": page(SIGNED_IN),
    "notices:read": action(every(OK), anon=302, citizen=302),
    # The audit log: administrators, and office heads for the offices they head.
    "audit:log": page(
        but(
            every(403),
            anon=302,
            citizen=302,
            district_a_head=200,
            approver=200,
            admin=200,
            department=200,
        )
    ),
}
