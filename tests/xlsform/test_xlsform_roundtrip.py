"""Export then import gives the questionnaire back (the bundled one, and generated ones), and
an exported workbook converts with pyxform to an XForm ODK Validate accepts, with no warning."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from questionnaires import questionnaires
from xlsform_helpers import write_workbook

from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.questionnaire.xlsform import read_xlsform
from fieldsurvey.questionnaire.xlsform.writer import write_xlsform


@pytest.fixture(scope="module")
def bundled() -> Questionnaire:
    return load_questionnaire(bundled_questionnaire_path())


@pytest.fixture(scope="module")
def exported(bundled: Questionnaire, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsform") / "client-satisfaction.xlsx"
    write_xlsform(bundled, out)
    return out


def test_the_bundled_questionnaire_comes_back_equal(bundled: Questionnaire, exported: Path) -> None:
    imported = read_xlsform(exported)
    assert imported.warnings == []
    assert imported.questionnaire == bundled


def test_the_export_converts_to_an_xform_without_warnings(
    bundled: Questionnaire, exported: Path
) -> None:
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    result = convert(str(exported), warnings=warnings)
    assert warnings == []
    root = ET.fromstring(result.xform)
    languages = {t.get("lang") for t in root.iter("{http://www.w3.org/2002/xforms}translation")}
    assert languages == {"English (en)", "Chinese (zh)", "Khmer (km)"}
    binds = {b.get("nodeset", "").rsplit("/", 1)[-1] for b in root.iter(
        "{http://www.w3.org/2002/xforms}bind")}  # fmt: skip
    assert set(bundled.questions) <= binds


@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
def test_odk_validate_accepts_the_export(exported: Path) -> None:
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    convert(str(exported), warnings=warnings, validate=True)  # raises on an invalid XForm
    assert warnings == []


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(questionnaire=questionnaires())
def test_generated_questionnaires_come_back_equal(
    questionnaire: Questionnaire, tmp_path: Path
) -> None:
    out = tmp_path / "generated.xlsx"
    write_xlsform(questionnaire, out)
    imported = read_xlsform(out)
    assert imported.warnings == []
    assert imported.questionnaire == questionnaire


def test_texts_are_read_as_written(tmp_path: Path) -> None:
    """pyxform straightens curly quotes and collapses spaces; a label keeps both here."""
    label = "请选择“最满意”的一项  (one ‘only’)"
    table = [["type", "name", "label::Chinese (zh)"], ["text", "q", label]]
    path = write_workbook(tmp_path / "q.xlsx", {"survey": table})
    assert read_xlsform(path).questionnaire.questions["q"].label == {"zh": label}
