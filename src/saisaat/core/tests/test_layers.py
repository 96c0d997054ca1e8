"""The import contracts in pyproject.toml: the project keeps them, and they do catch a wrong
import (checked on a small package laid out like Saisaat, with the same contracts)."""

import contextlib
import io
import sys
import tempfile
import tomllib
import uuid
from pathlib import Path

from django.test import SimpleTestCase
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[4]
PYPROJECT = ROOT / "pyproject.toml"

# One module per app, each importing only what the layers allow.
LAYOUT = {
    "thai/calendar.py": "",
    "core/files.py": "from {pkg}.thai import calendar\n",
    "orgs/models.py": "from {pkg}.core import files\n",
    "notices/services.py": "from {pkg}.orgs import models\n",
    "plans/evidence.py": "from {pkg}.orgs import models\n",
    "tracking/services.py": (
        "from {pkg}.plans import evidence\nfrom {pkg}.notices import services\n"
    ),
    "surveys/services.py": "from {pkg}.plans import evidence\n",
    "participation/services.py": "from {pkg}.orgs import models\n",
    "complaints/services.py": "from {pkg}.notices import services\n",
    "budget/services.py": "from {pkg}.plans import evidence\n",
    "knowledge/services.py": "from {pkg}.plans import evidence\n",
    "indicators/engine.py": "from {pkg}.tracking import services\n",
    "assessments/results.py": "from {pkg}.indicators import engine\n",
    "documents/memo.py": (
        "from {pkg}.surveys import services\nfrom {pkg}.assessments import results\n"
    ),
    "accounts/views.py": "from {pkg}.complaints import services\n",
    "privacy/services.py": (
        "from {pkg}.complaints import services\nfrom {pkg}.surveys import services as s\n"
    ),
    "portal/views.py": "from {pkg}.documents import memo\n",
    "demo/province.py": "from {pkg}.portal import views\n",
    "tracking/tests/test_it.py": "from {pkg}.demo import province\n",
}


def _renamed(value, package: str):
    """The project's configuration with ``saisaat`` replaced by ``package``."""
    if isinstance(value, dict):
        return {key: _renamed(item, package) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, package) for item in value]
    if value == "saisaat":
        return package
    return value.replace("saisaat.", f"{package}.") if isinstance(value, str) else value


def _contracts(package: str) -> dict:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    return _renamed(config, package)


def _toml(config: dict) -> str:
    lines = ["[tool.importlinter]", f'root_package = "{config["root_package"]}"']
    for contract in config["contracts"]:
        lines.append("[[tool.importlinter.contracts]]")
        for key, value in contract.items():
            if isinstance(value, list):
                items = ", ".join(f'"{item}"' for item in value)
                lines.append(f"{key} = [{items}]")
            else:
                lines.append(f'{key} = "{value}"')
    return "\n".join(lines) + "\n"


class ContractTests(SimpleTestCase):
    def run_linter(self, config_file: Path) -> tuple[int, str]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = lint_imports(config_filename=str(config_file), no_cache=True, no_logo=True)
        return code, out.getvalue()

    def check_synthetic(self, extra: dict[str, str]) -> tuple[int, str]:
        """Lint a package laid out like Saisaat, with ``extra`` lines added to modules."""
        package = f"layered_{uuid.uuid4().hex[:12]}"
        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp) / package
            for path, text in LAYOUT.items():
                module = base / path
                for folder in Path(path).parents:
                    (base / folder).mkdir(parents=True, exist_ok=True)
                    (base / folder / "__init__.py").touch()
                module.write_text(
                    text.format(pkg=package) + extra.get(path, "").format(pkg=package)
                )
            config = Path(tmp) / "contracts.toml"
            config.write_text(_toml(_contracts(package)))
            sys.path.insert(0, tmp)
            try:
                return self.run_linter(config)
            finally:
                sys.path.remove(tmp)
                for name in [m for m in sys.modules if m.split(".")[0] == package]:
                    del sys.modules[name]

    def test_the_project_keeps_its_contracts(self):
        code, out = self.run_linter(PYPROJECT)
        self.assertEqual(code, 0, out)

    def test_the_layout_as_drawn_keeps_them(self):
        code, out = self.check_synthetic({})
        self.assertEqual(code, 0, out)

    def test_a_work_app_importing_another_breaks_them(self):
        code, out = self.check_synthetic(
            {"surveys/services.py": "from {pkg}.tracking import services\n"}
        )
        self.assertEqual(code, 1, out)
        self.assertIn("is not allowed to import", out)
        self.assertIn("Work apps are independent of each other BROKEN", out)

    def test_a_function_level_import_upwards_breaks_them(self):
        code, out = self.check_synthetic(
            {"plans/evidence.py": "def f():\n    from {pkg}.tracking import services\n"}
        )
        self.assertEqual(code, 1, out)
        self.assertIn("Apps import only from the layers below them BROKEN", out)

    def test_the_notices_app_importing_a_work_app_breaks_them(self):
        code, out = self.check_synthetic(
            {"notices/services.py": "from {pkg}.complaints import services\n"}
        )
        self.assertEqual(code, 1, out)
        self.assertIn("Apps import only from the layers below them BROKEN", out)

    def test_production_code_importing_the_demo_breaks_them(self):
        code, out = self.check_synthetic({"core/files.py": "from {pkg}.demo import province\n"})
        self.assertEqual(code, 1, out)
