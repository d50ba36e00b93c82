"""scipy is imported lazily: loading scoring (as the app does at start) must not pay for it."""

from __future__ import annotations

import subprocess
import sys


def test_scoring_imports_neither_scipy_nor_the_ui() -> None:
    code = (
        "import sys, fieldsurvey.scoring, fieldsurvey.scoring.render, fieldsurvey.cli_scores; "
        "top = {m.split('.')[0] for m in sys.modules}; "
        "print(sorted(top & {'scipy', 'textual', 'questionary'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
