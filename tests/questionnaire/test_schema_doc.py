"""docs/questionnaire.schema.json is what `fieldsurvey schema` prints, so editors get the truth."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from fieldsurvey.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "questionnaire.schema.json"


def test_the_documented_schema_is_the_one_the_app_checks() -> None:
    result = CliRunner().invoke(main, ["schema"], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(DOC.read_text(encoding="utf-8")) == json.loads(result.output), (
        "the model changed: run `uv run fieldsurvey schema > docs/questionnaire.schema.json`"
    )
