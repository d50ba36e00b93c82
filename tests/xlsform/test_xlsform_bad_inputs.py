"""Each bad input of #14: refused with `FILE:SHEET:ROW: column: message` (the catalogue's
message), never a traceback; `xlsform import` writes nothing. One pass lists every problem."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from xlsform_helpers import Table, write_workbook

from fieldsurvey.cli import main
from fieldsurvey.questionnaire import QuestionnaireError
from fieldsurvey.questionnaire.problems import Code, Problem
from fieldsurvey.questionnaire.xlsform import read_xlsform
from fieldsurvey.questionnaire.xlsform.problems import XCode
from fieldsurvey.questionnaire.xlsform.workbook import MAX_BYTES

HEADER = ["type", "name", "label::English (en)", "label::Chinese (zh)", "relevant", "constraint"]
CHOICES: Table = [["list_name", "name", "label::English (en)", "label::Chinese (zh)"],
                  ["yes_no", "yes", "Yes", "是"], ["yes_no", "no", "No", "否"]]  # fmt: skip


def form(tmp_path: Path, *rows: list[object], **sheets: Table) -> Path:
    survey: Table = [HEADER, ["select_one yes_no", "visited", "Visited?", "去过吗？"], *rows]
    return write_workbook(tmp_path / "form.xlsx", {"survey": survey, "choices": CHOICES, **sheets})


def import_fails(path: Path, tmp_path: Path) -> list[str]:
    """`xlsform import` on `path`: exit 2, no YAML written; the stderr lines."""
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(main, ["xlsform", "import", str(path), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert not out.exists()
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


def problems(path: Path) -> list[Problem]:
    with pytest.raises(QuestionnaireError) as caught:
        read_xlsform(path)
    return caught.value.problems


def one(path: Path, code: object) -> Problem:
    found = [p for p in problems(path) if p.code is code]
    assert len(found) == 1, found
    return found[0]


def test_not_a_workbook(tmp_path: Path) -> None:
    text = tmp_path / "form.xlsx"
    text.write_text("type,name\ntext,q1\n")
    detail = "it is neither a zip (.xlsx) nor OLE2 (.xls)"
    assert import_fails(text, tmp_path) == [f"{text}: {XCode.NOT_A_WORKBOOK.format(detail=detail)}"]
    other_zip = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "not a spreadsheet")
    assert str(one(other_zip, XCode.NOT_A_WORKBOOK)).startswith(f"{other_zip}: not an Excel")


def test_no_survey_sheet(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "form.xlsx", {"choices": CHOICES, "settings": [["form_id"]]})
    message = XCode.NO_SURVEY.format(sheets="choices, settings")
    assert import_fails(path, tmp_path) == [f"{path}: {message}"]


def test_duplicate_name(tmp_path: Path) -> None:
    path = form(tmp_path, ["text", "visited", "Again", "又"])
    message = Code.DUPLICATE_ID.format(kind="question", value="visited", first="survey:2")
    assert str(one(path, Code.DUPLICATE_ID)) == f"{path}:survey:3: name: {message}"


def test_unknown_reference(tmp_path: Path) -> None:
    path = form(tmp_path, ["text", "why", "Why?", "为什么？", "${visitd} = 'yes'"])
    message = Code.UNKNOWN_REFERENCE.format(name="visitd", source="${visitd} = 'yes'")
    assert str(one(path, Code.UNKNOWN_REFERENCE)) == f"{path}:survey:3: relevant: {message}"


def test_unbalanced_expression(tmp_path: Path) -> None:
    path = form(tmp_path, ["integer", "age", "Age", "年龄", "", "(. > 1 and . < 99"])
    problem = one(path, Code.EXPRESSION_SYNTAX)
    assert str(problem).startswith(f"{path}:survey:3: constraint: column ")
    assert "expected ')'" in problem.message


def test_missing_choice_list(tmp_path: Path) -> None:
    path = form(tmp_path, ["select_one channels", "heard", "Heard?", "听说？"])
    message = XCode.MISSING_CHOICE_LIST.format(value="channels")
    assert str(one(path, XCode.MISSING_CHOICE_LIST)) == f"{path}:survey:3: type: {message}"


def test_missing_label_in_one_language_is_a_warning_with_the_row(tmp_path: Path) -> None:
    path = form(tmp_path, ["text", "why", "Why?", None])
    imported = read_xlsform(path)
    message = XCode.MISSING_TEXT.format(column="label", lang="zh", default="en")
    assert [str(w) for w in imported.warnings] == [
        f"{path}:survey:3: label::Chinese (zh): {message}"
    ]
    assert imported.questionnaire.questions["why"].label == {"en": "Why?", "zh": "Why?"}
    out = tmp_path / "q.yaml"
    result = CliRunner().invoke(main, ["xlsform", "import", str(path), "--out", str(out)])
    assert result.exit_code == 0 and out.exists()
    assert result.stderr.splitlines() == [f"{path}:survey:3: label::Chinese (zh): {message}"]


def test_curly_quotes_get_a_hint(tmp_path: Path) -> None:
    path = form(tmp_path, ["text", "why", "Why?", "为什么？", "${visited} = ‘yes’"])
    message = XCode.CURLY_QUOTES.format(found="‘ ’")
    assert [str(p) for p in problems(path)] == [f"{path}:survey:3: relevant: {message}"]


def test_a_formula_cell(tmp_path: Path) -> None:
    path = form(tmp_path, ["integer", "age", "Age", "年龄", "", '=CONCAT(". > ", 0)'])
    message = XCode.FORMULA.format(formula='=CONCAT(". > ", 0)')
    assert [str(p) for p in problems(path)] == [f"{path}:survey:3: constraint: {message}"]


def test_a_50_mb_workbook_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB long, nothing written to disk
    message = XCode.TOO_LARGE.format(size=50 * 1024 * 1024, limit=MAX_BYTES)
    assert import_fails(big, tmp_path) == [f"{big}: {message}"]


def test_every_problem_in_one_pass(tmp_path: Path) -> None:
    path = form(
        tmp_path,
        ["text", "visited", "Again", "又"],
        ["text", "why", "Why?", "为什么？", "${nope} = 1", "(. > 1"],
        ["select_one missing", "what", "What?", "什么？", "${visited} = ‘yes’"],
        ["begin repeat", "people", "People", "人"],
        ["geopoint", "where", "Where?", "哪里？"],
        ["end repeat"],
    )
    lines = import_fails(path, tmp_path)
    assert [line.split(": ")[0].removeprefix(f"{path}:") for line in lines] == [
        "survey:3", "survey:4", "survey:4", "survey:5", "survey:5", "survey:6", "survey:7",
        "survey:8",
    ]  # fmt: skip


def test_a_default_that_its_question_cannot_take(tmp_path: Path) -> None:
    header = [*HEADER, "default"]
    survey: Table = [header, ["integer", "age", "Age", "年龄", None, None, "forty"],
                     ["select_one yes_no", "ok", "OK?", "好吗？", None, None, "yes"]]  # fmt: skip
    path = write_workbook(tmp_path / "form.xlsx", {"survey": survey, "choices": CHOICES})
    message = Code.BAD_DEFAULT.format(value="forty", expected="a whole number")
    assert [str(p) for p in problems(path)] == [f"{path}:survey:2: default: {message}"]


def test_a_sheet_past_the_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldsurvey.questionnaire.xlsform import rows, workbook

    monkeypatch.setattr(workbook, "MAX_ROWS", 3)  # the limit lowered: the test stays small
    monkeypatch.setattr(rows, "MAX_ROWS", 3)
    path = form(tmp_path, *[["text", f"q{n}", "Q", "问"] for n in range(5)])
    message = XCode.TOO_MANY_ROWS.format(limit=3)
    assert f"{path}:survey: {message}" in [str(p) for p in problems(path)]


def test_control_characters_in_a_cell_are_escaped_on_stderr(tmp_path: Path) -> None:
    path = form(tmp_path, ["text", "why", "Why?", "为什么？", "${evil\x9b2J\nx} = 1"])
    lines = import_fails(path, tmp_path)  # a C1 control (CSI) and a line break in the cell
    assert len(lines) == 1 and "\x9b" not in lines[0] and "evil" in lines[0]


SHORTS_HEADER = ["list_name", "name", "short::English (en)", "short::Chinese (zh)"]


def test_a_short_label_for_a_choice_that_is_not_there(tmp_path: Path) -> None:
    path = form(tmp_path, short_labels=[SHORTS_HEADER, ["yes_no", "maybe", "Maybe", "也许"]])
    expected = "a choice of the choices sheet (list_name and name)"
    message = XCode.BAD_VALUE.format(value="yes_no maybe", expected=expected)
    assert str(one(path, XCode.BAD_VALUE)) == f"{path}:short_labels:2: name: {message}"
    assert any(message in line for line in import_fails(path, tmp_path))


def test_short_labels_come_in_from_their_sheet(tmp_path: Path) -> None:
    path = form(tmp_path, short_labels=[SHORTS_HEADER, ["yes_no", "yes", "Y", "是的"]])
    (yes_no,) = read_xlsform(path).questionnaire.choice_lists
    assert [c.short for c in yes_no.choices] == [{"en": "Y", "zh": "是的"}, None]
