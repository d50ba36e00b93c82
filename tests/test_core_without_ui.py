"""The core runs without the UI: importing it must not pull in Textual or questionary.

Each core module is imported in a fresh interpreter (another test's imports would hide a
leak), as harlequin does; import-linter checks the same statically in CI.
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
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_ui(module: str) -> None:
    code = (
        f"import importlib, sys; importlib.import_module({module!r}); "
        "leaks = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'questionary')); "
        "print(','.join(leaks))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
