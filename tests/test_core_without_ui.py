"""What importing a part of fieldsurvey loads, checked in a fresh interpreter each time.

Another test's imports would hide a leak, so each case starts its own Python (as harlequin
does); import-linter checks the core-without-UI rule statically in CI too.
- The core imports no Textual and no questionary.
- Scoring imports scipy lazily: loading it (as the app does at start) must not pay for it.
- The CLI loads its subcommand modules only when one runs.
- The app's start-up path (CLI, launcher, app with Home, the SQLite adapter) reads no YAML
  and loads no checks (it starts from the cached, checked questionnaire), nor sqlite-utils
  or numpy.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "fieldsurvey.questionnaire",
    "fieldsurvey.store",
    "fieldsurvey.engine",
    "fieldsurvey.sync",
    "fieldsurvey.scoring",
    "fieldsurvey.quality",
    "fieldsurvey.review",
    "fieldsurvey.returns",
    "fieldsurvey.services",
]
UI_PACKAGES = ("textual", "questionary")


def modules_loaded_by(*imports: str) -> set[str]:
    """Names in sys.modules after importing `imports` in a new interpreter."""
    code = f"import sys, {', '.join(imports)}; print('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_ui(module: str) -> None:
    assert top_level(modules_loaded_by(module)) & set(UI_PACKAGES) == set()


def test_scoring_imports_neither_scipy_nor_the_ui() -> None:
    loaded = modules_loaded_by(
        "fieldsurvey.scoring", "fieldsurvey.scoring.render", "fieldsurvey.cli.scores"
    )
    assert top_level(loaded) & {"scipy", *UI_PACKAGES} == set()


def test_importing_the_cli_loads_no_command_module() -> None:
    loaded = modules_loaded_by("fieldsurvey.cli")
    prefixes = ("fieldsurvey.cli.", "fieldsurvey.sync")
    assert sorted(name for name in loaded if name.startswith(prefixes)) == [
        "fieldsurvey.cli.common"
    ]


def test_the_app_start_up_path_loads_neither_yaml_nor_the_checks() -> None:
    loaded = modules_loaded_by(
        "fieldsurvey.entry",
        "fieldsurvey.cli",
        "fieldsurvey.ui.launch",
        "fieldsurvey.ui.app",
        "fieldsurvey.questionnaire.cache",
        "fieldsurvey.store.sqlite",
    )
    assert top_level(loaded) & {"yaml", "sqlite_utils", "numpy"} == set()
    assert "fieldsurvey.questionnaire.validation" not in loaded
    assert "fieldsurvey.questionnaire.expressions" not in loaded
