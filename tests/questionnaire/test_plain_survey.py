"""#15 "Model": personas, scales and the analysis part are optional. A survey with only
questions loads, runs through the engine and `ask`, exports, and scoring says it has nothing
to score (instead of failing or printing an empty table)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from fieldsurvey.cli import main
from fieldsurvey.cli.plain.interview import PlainInterview
from fieldsurvey.engine import start_interview
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.questionnaire.problems import Code
from fieldsurvey.scoring import WarningCode, score
from fieldsurvey.store.sqlite import open_store
from fieldsurvey.ui.plain import TerminalPrompter


@pytest.fixture
def plain_path(plain_survey_path: Path) -> Path:
    return plain_survey_path


@pytest.fixture
def plain(plain_path: Path) -> Questionnaire:
    return load_questionnaire(plain_path)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_loads_without_personas_scales_or_areas(plain: Questionnaire, plain_path: Path) -> None:
    assert (plain.personas, plain.scales, plain.areas, plain.messages) == ([], [], [], [])
    assert plain.persona_question is None
    assert list(plain.questions) == ["visited", "minutes", "comment", "office_code"]
    code, out, _ = run("validate", str(plain_path))
    assert (code, out) == (0, f"{plain_path}: ok (plain 1, 4 questions)\n")


def test_the_engine_runs_relevance_and_constraints(plain: Questionnaire, tmp_path: Path) -> None:
    db = open_store(tmp_path / "e.db")
    interview = start_interview(db, plain)
    assert [p.message for p in interview.next()] == ["Please say if you visited"]
    interview.set_language("zh")
    assert [p.message for p in interview.next()] == ["请回答是否去过"]
    interview.set_language("en")
    assert interview.answer("visited", "yes") is None
    assert interview.value("minutes") == 15  # its default, stored when the interview started
    assert interview.next() == []
    problem = interview.answer("minutes", 900)
    assert problem is not None and problem.message == "From 0 to 600"
    assert interview.answer("minutes", 20) is None
    refused = interview.answer("office_code", "XX")  # read-only: shown with its default
    assert refused is not None and refused.code == "no_answer"
    assert interview.complete() == []
    assert interview.status == "complete"
    assert interview.answers() == {"visited": "yes", "minutes": 20, "office_code": "PP-01"}


def test_ask_runs_a_plain_interview(plain: Questionnaire, tmp_path: Path) -> None:
    db = open_store(tmp_path / "a.db")
    interview = start_interview(db, plain)
    lines: list[str] = []
    keys = "\x1b[B\r" + "\r" + "\r" + "\r"  # visited: no; comment: empty; office code; finish
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            status = PlainInterview(interview, TerminalPrompter(lines.append), lines.append).run()
    assert status == "complete"
    assert interview.answers() == {"visited": "no", "office_code": "PP-01"}


def test_demo_export_and_nothing_to_score(plain_path: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    q = ("--questionnaire", str(plain_path))
    assert run("demo", "--responses", "3", "--db", db, *q)[0] == 0
    out_file = tmp_path / "plain.fsx"
    assert run("export", "--out", str(out_file), "--db", db)[0] == 0
    with zipfile.ZipFile(out_file) as archive:
        responses = archive.read("responses.jsonl").decode().splitlines()
    assert len(responses) == 3

    code, out, _ = run("scores", "--db", db, *q)
    message = "Nothing to score: plain has no areas of Likert items (only questions)."
    assert code == 0 and f"! {message}" in out and "Area" not in out
    code, out, _ = run("scores", "--db", db, "--format", "json", *q)
    report = json.loads(out)
    assert (report["status"], report["areas"]) == ("nothing_to_score", [])
    assert report["warnings"][0] == {
        "code": WarningCode.NOTHING_TO_SCORE,
        "params": {"questionnaire": "plain"},
        "message": message,
    }


def test_score_says_nothing_to_score_on_an_empty_database(
    plain: Questionnaire, tmp_path: Path
) -> None:
    report = score(open_store(tmp_path / "s.db"), plain)
    assert report.status == "nothing_to_score" and report.responses == 0


def test_a_default_must_be_an_answer_its_question_takes(plain_survey_path: Path) -> None:
    text = plain_survey_path.read_text().replace('default: "15"', 'default: "a quarter"')
    plain_survey_path.write_text(text)
    code, _, err = run("validate", str(plain_survey_path))
    message = Code.BAD_DEFAULT.format(value="a quarter", expected="a whole number")
    assert code == 2 and err == f"{plain_survey_path}:15: survey[1].default: {message}\n"
