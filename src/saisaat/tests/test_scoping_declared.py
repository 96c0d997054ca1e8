"""Every record that belongs to an office goes through the one scoping gate.

(a) Each concrete model of the project's apps with a foreign-key path to ``orgs.Unit``
declares its ``unit_scope`` and has a ``ScopedQuerySet`` manager, unless it is exempt
below with a reason. (b) No view module fetches a scoped model around the gate: no
``get_object_or_404(Model, ...)`` and no ``Model.objects...`` chain without
``visible_to``/``editable_by``, except the few public pages listed with their reason.
"""

import ast
from collections import deque
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.test import SimpleTestCase

from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import ScopedQuerySet, exists_path, unit_scope_of

PROJECT_APPS = {
    "orgs",
    "plans",
    "tracking",
    "participation",
    "complaints",
    "surveys",
    "budget",
    "knowledge",
    "assessments",
    "documents",
    "portal",
    "indicators",
    "privacy",
    "audit",
    "core",
    "demo",
}

EXEMPT = {
    "audit.Entry": "the log has its own reading rule (Entry.objects.readable_by), below orgs",
    "orgs.Unit": "the office tree itself; offices are read through User.visible_units",
    "orgs.User": "accounts are managed on the admin site, not fetched by the apps' views",
    "orgs.WorkGroup": "the names of an office's work groups are not private records",
    # An office's own 5S checklist (Framework.unit) reaches Unit, and its sections,
    # criteria and levels through it; the other frameworks belong to no office.
    "assessments.Framework": "a rubric is read through the rounds that apply it (Round is "
    "scoped); an office's 5S checklist is shown on that office's pages, reached through "
    "get_unit_for_user",
    "assessments.Section": "part of a framework (see assessments.Framework)",
    "assessments.Criterion": "part of a framework (see assessments.Framework)",
    "assessments.Level": "part of a framework (see assessments.Framework)",
    "assessments.OrganisationLevel": "part of a framework (see assessments.Framework)",
}

SAISAAT = Path(settings.BASE_DIR) / "src" / "saisaat"


def _is_history(model) -> bool:
    # django-simple-history's shadow tables (and those of many-to-many fields) copy the
    # foreign keys of the model they track; they are read on that model's pages only.
    return model.__name__.startswith("Historical")


def _reaches_unit(model) -> bool:
    """Whether foreign keys lead from ``model`` to ``Unit``, not through a user account (an
    actor, such as ``created_by``, is not an owner)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    seen, queue = {model}, deque([model])
    while queue:
        current = queue.popleft()
        for field in current._meta.fields:
            target = field.related_model
            if not (field.many_to_one or field.one_to_one) or target is None:
                continue
            if target is Unit:
                return True
            if target is user_model or target in seen:
                continue
            seen.add(target)
            queue.append(target)
    return False


def _owned_models():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or _is_history(model):
            continue
        if model is Unit or _reaches_unit(model):
            yield model


def _label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


class TestEveryOwnedModelDeclaresItsScope(SimpleTestCase):
    def test_it_finds_the_records_of_the_work_apps(self):
        labels = {_label(model) for model in _owned_models()}
        # A guard on the walk itself: if it found nothing, the test below would pass.
        for expected in (
            "tracking.EvidenceItem",
            "surveys.Answer",
            "participation.Certificate",
            "indicators.IndicatorBinding",
        ):
            self.assertIn(expected, labels)

    def test_it_has_a_scope_or_a_reason(self):
        for model in _owned_models():
            label = _label(model)
            with self.subTest(model=label):
                if label in EXEMPT:
                    self.assertFalse(unit_scope_of(model), f"{label} is exempt and scoped")
                    continue
                path = unit_scope_of(model)
                self.assertTrue(path, f"{label} declares no unit_scope")
                self.assertTrue(exists_path(model, path), f"{label}: {path} is no FK path")
                end = model
                for step in path.split("__"):
                    end = end._meta.get_field(step).related_model
                self.assertIs(end, Unit, f"{label}: {path} does not end at a Unit")
                self.assertIsInstance(model._default_manager.all(), ScopedQuerySet)

    def test_its_exemptions_are_models_that_exist(self):
        for label in EXEMPT:
            with self.subTest(model=label):
                apps.get_model(label)


# --------------------------------------------------------------------------- (b) the views

GATE_CALLS = {"visible_to", "editable_by"}
# A chain that only shapes the query (``Survey.objects.select_related(...)``) reads nothing
# by itself: it is what a view hands to the gate, often from a small helper.
SHAPING = {"objects", "select_related", "prefetch_related", "only", "defer"}
GATE_FUNCTIONS = {"get_visible_or_404", "get_editable_or_403"}

# (module relative to saisaat/, function, model): why it reads around the gate.
ALLOWED = {
    ("complaints/views.py", "submitted", "Complaint"): (
        "the citizen's own receipt, by the tracking code kept in their session"
    ),
    ("complaints/views.py", "track", "Complaint"): "public tracking page, by tracking code",
    ("complaints/views.py", "track", "ComplaintEvent"): (
        "the public updates of the complaint found by its tracking code"
    ),
    ("complaints/views.py", "index", "Channel"): (
        "the public page of how to complain: every office's published channels"
    ),
    ("surveys/views.py", "public_survey", "Survey"): "public questionnaire, by its link code",
    ("surveys/views.py", "public_thanks", "Survey"): "public questionnaire, by its link code",
    ("surveys/views.py", "public_survey", "Invitation"): (
        "the respondent's one-time invitation, by the token in its link"
    ),
    ("surveys/views.py", "_previous_response", "Response"): (
        "the respondent's own answers, by the key in their signed cookie"
    ),
    # The public portal: only what an office has published or issued, by its code.
    ("portal/views.py", "home", "PortalPage"): "the office's published pages",
    ("portal/views.py", "_published_page", "PortalPage"): "a published page",
    ("portal/views.py", "sitemap", "PortalPage"): "every office's published pages",
    ("participation/views/activities.py", "check_in", "OfficeActivity"): (
        "QR check-in, by the activity's check-in code"
    ),
    ("participation/views/activities.py", "check_in", "Attendance"): (
        "the signed-in person's own attendance at the activity they checked in to"
    ),
}


def _scoped_model_names() -> set[str]:
    return {model.__name__ for model in apps.get_models() if unit_scope_of(model)}


def _view_modules():
    for path in sorted(SAISAAT.glob("*/views.py")) + sorted(SAISAAT.glob("*/views/*.py")):
        if "tests" not in path.parts:
            yield path


def _chain_root(node):
    """For ``A.objects.x().y()``: the name ``A`` when the chain starts at ``.objects``, and
    the method names called along the chain."""
    calls = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            calls.append(node.attr)
            if (
                node.attr == "objects"
                and isinstance(node.value, ast.Name)
                and node.value.id[:1].isupper()
            ):
                return node.value.id, calls
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return None, calls


def _outermost_chains(tree):
    """Every ``Model.objects`` chain, each reported once from its outermost expression,
    with the function it is in and whether it is an argument of the gate."""
    found = []

    def visit(node, function, in_gate):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name == "get_object_or_404" and node.args:
                first = node.args[0]
                model = first.id if isinstance(first, ast.Name) else _chain_root(first)[0]
                if model is not None:
                    found.append((function, model, "get_object_or_404", node.lineno))
            if name in GATE_FUNCTIONS:
                for child in ast.iter_child_nodes(node):
                    visit(child, function, True)
                return
        if isinstance(node, ast.Call | ast.Attribute | ast.Subscript):
            model, calls = _chain_root(node)
            if model is not None:
                if not in_gate and not GATE_CALLS & set(calls) and not set(calls) <= SHAPING:
                    found.append((function, model, ".".join(reversed(calls)), node.lineno))
                # The arguments along the chain may hold chains of their own.
                for sub in ast.walk(node):
                    if isinstance(sub, ast.Call):
                        for arg in [*sub.args, *(k.value for k in sub.keywords)]:
                            visit(arg, function, in_gate)
                return
        for child in ast.iter_child_nodes(node):
            visit(child, function, in_gate)

    visit(tree, "<module>", False)
    return found


class TestViewsFetchThroughTheGate(SimpleTestCase):
    def test_it_reads_scoped_models_only_through_the_gate(self):
        scoped = _scoped_model_names()
        used, offences = set(), set()
        for path in _view_modules():
            module = str(path.relative_to(SAISAAT))
            for function, model, chain, line in _outermost_chains(ast.parse(path.read_text())):
                if model not in scoped:
                    continue
                key = (module, function, model)
                if key in ALLOWED:
                    used.add(key)
                    continue
                offences.add(f"{module}:{line} {function}: {model} {chain}")
        self.maxDiff = None
        self.assertEqual(sorted(offences), [], "fetch these through saisaat.orgs.scoping")
        self.assertEqual(set(ALLOWED) - used, set(), "allowed exceptions no longer needed")

    def test_it_catches_a_fetch_around_the_gate(self):
        source = (
            "def page(request, pk):\n"
            "    a = get_object_or_404(Survey, pk=pk)\n"
            "    b = Survey.objects.filter(pk=pk).first()\n"
            "    c = Survey.objects.visible_to(request.user).get(pk=pk)\n"
            "    d = get_visible_or_404(request, Survey.objects.select_related('unit'), pk=pk)\n"
            "    e = Survey.objects.select_related('unit').order_by('pk')\n"
            "    f = get_object_or_404(Survey.objects.select_related('unit'), pk=pk)\n"
        )
        found = [(model, chain) for _, model, chain, _ in _outermost_chains(ast.parse(source))]
        self.assertEqual(
            found,
            [
                ("Survey", "get_object_or_404"),
                ("Survey", "objects.filter.first"),
                ("Survey", "objects.select_related.order_by"),
                ("Survey", "get_object_or_404"),
            ],
        )
