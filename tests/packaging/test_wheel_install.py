"""The wheel works on its own: built with `uv build` (sdist, then the wheel from the sdist, as a
release is made), installed into a fresh virtual environment, and run from outside the source
tree, it finds its bundled questionnaire inside the installed package.

Packages come from uv's cache (the project's own environment put them there), so this takes
seconds, not a download.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UV = shutil.which("uv")

pytestmark = pytest.mark.skipif(UV is None, reason="uv is not on PATH")


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh virtual environment holding only the built wheel and its dependencies."""
    assert UV is not None
    work = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env |= {"FIELDSURVEY_DB": str(work / "data.db"), "FIELDSURVEY_CACHE": str(work / "cache")}
    run([UV, "build", "--quiet", "--out-dir", str(work / "dist"), str(ROOT)], work, env)
    (wheel,) = (work / "dist").glob("fieldsurvey-*.whl")
    venv = work / "venv"
    run([UV, "venv", "--quiet", "--python", sys.executable, str(venv)], work, env)
    run([UV, "pip", "install", "--quiet", "--python", str(venv), str(wheel)], work, env)
    return venv, env


def bundled_path(venv: Path, env: dict[str, str]) -> Path:
    """Where the installed fieldsurvey looks for its bundled questionnaire."""
    code = "from fieldsurvey.paths import bundled_questionnaire_path as p; print(p())"
    return Path(run([str(venv / "bin" / "python"), "-c", code], venv, env).stdout.strip())


def test_the_bundled_questionnaire_is_inside_the_installed_package(
    installed: tuple[Path, dict[str, str]],
) -> None:
    venv, env = installed
    path = bundled_path(venv, env)
    assert path.is_file()
    assert path.is_relative_to(venv) and not path.is_symlink()
    assert path.read_bytes() == (ROOT / "questionnaires" / path.name).read_bytes()


def test_demo_scores_and_validate_run_from_the_installed_wheel(
    installed: tuple[Path, dict[str, str]],
) -> None:
    venv, env = installed
    program = str(venv / "bin" / "fieldsurvey")
    demo = run([program, "demo", "--responses", "5"], venv, env)
    assert "Added 5 interviews" in demo.stdout
    scores = run([program, "scores", "--format", "json"], venv, env)
    assert '"questionnaire": "client-satisfaction"' in scores.stdout
    assert '"responses": 5' in scores.stdout
    validate = run([program, "validate", str(bundled_path(venv, env))], venv, env)
    assert ": ok (client-satisfaction " in validate.stdout
