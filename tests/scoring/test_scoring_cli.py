"""`scores` and `indicators` through click's runner: formats, exit codes, messages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from scoring_helpers import Survey, likert, write_questionnaire

from fieldsurvey.cli.scores import indicators, scores
from fieldsurvey.store.sqlite import open_store


@pytest.fixture
def files(tmp_path: Path) -> tuple[list[str], Survey]:
    """`--db` and `--questionnaire` options, and a writer into that database."""
    path = tmp_path / "cli.db"
    options = ["--db", str(path), "--questionnaire", str(write_questionnaire(tmp_path / "q.yaml"))]
    return options, Survey(open_store(path))


def run(command: click.Command, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(command, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def add_data(survey: Survey) -> None:
    for i in range(40):
        a = 1 + i % 3
        answers = likert((a, a, 6 - a), (4, 5)) | {"overall": 2 * a, "place": "urban"}
        survey.add(answers, persona="worker" if i % 2 else "employer")


def test_scores_table_json_and_csv(files: tuple[list[str], Survey]) -> None:
    options, survey = files
    add_data(survey)
    code, table, _ = run(scores, *options, "--by", "persona")
    assert code == 0
    assert "Accessibility" in table and "95% CI" in table and "Client type = Worker" in table
    assert "Suggested messages:" in table and "We are near you." in table
    code, out, _ = run(scores, *options, "--format", "json", "--lang", "zh")
    document = json.loads(out)
    assert (document["responses"], document["areas"][0]["label"]) == (40, "可及性")
    code, out, _ = run(scores, *options, "--format", "csv", "--by", "geography")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["dimension"], r["group"], r["area"]) for r in rows[:3]] == [
        ("all", "all", "access"),
        ("all", "all", "treat"),
        ("geography", "urban", "access"),
    ]


def test_scores_without_data_says_so(files: tuple[list[str], Survey]) -> None:
    options, _ = files
    code, out, _ = run(scores, *options)
    assert code == 0 and "No data yet" in out


def test_warnings_are_worded_in_the_language_asked_for(files: tuple[list[str], Survey]) -> None:
    options, survey = files
    survey.add_many(20, {"a1": 5, "a2": 5, "t1": 3, "t2": 3}, version="1")  # no a3 in version 1
    survey.add_many(20, likert((1, 1, 5), (3, 3)), version="2")
    code, table, _ = run(scores, *options, "--lang", "zh")
    assert code == 0
    assert "! 回答来自问卷版本 1, 2；只对各版本共有的题目计分。未计分：a3。" in table
    code, out, _ = run(scores, *options, "--format", "json")
    warning = next(w for w in json.loads(out)["warnings"] if w["code"] == "versions")
    assert warning["code"] == "versions"
    assert warning["params"] == {"versions": ["1", "2"], "items": ["a3"]}
    assert warning["message"].startswith("Responses come from questionnaire versions 1, 2;")


def test_unknown_breakdown_exits_2_with_the_choices(files: tuple[list[str], Survey]) -> None:
    options, _ = files
    code, out, err = run(scores, *options, "--by", "planet")
    assert code == 2 and out == ""
    assert err == "error: unknown breakdown 'planet'; choose one of: persona, geography, ict\n"


def test_indicators_set_and_show(files: tuple[list[str], Survey]) -> None:
    options, _ = files
    office = ["--office", "North", "--period", "2026-Q1"]
    code, out, _ = run(
        indicators, "set", *options, *office, "clients_received=0", "complaints_received=4"
    )
    assert (code, out) == (0, "North 2026-Q1: stored 2 counts\n")
    code, out, _ = run(indicators, "show", *options)
    assert "n/a  (clients_received is 0 in 2026-Q1: the ratio is undefined)" in out
    code, out, _ = run(indicators, "show", *options, "--json")
    assert json.loads(out)[0]["points"][0]["display"] == "n/a"


def test_indicators_refuse_a_negative_count_and_write_nothing(
    files: tuple[list[str], Survey],
) -> None:
    options, survey = files
    office = ["--office", "North", "--period", "2026-Q1"]
    code, _, err = run(
        indicators, "set", *options, *office, "clients_received=5", "complaints_received=-2"
    )
    assert code == 2
    assert err == "error: complaints_received: a count cannot be negative (-2)\n"
    assert survey.db.execute("SELECT COUNT(*) FROM indicator_values").fetchone()[0] == 0


@pytest.mark.parametrize("command", [scores, indicators])
def test_every_command_has_help(command: click.Command) -> None:
    assert run(command, "--help")[0] == 0
    assert command.help


def test_csv_neutralises_a_formula_in_a_persona_label(tmp_path: Path) -> None:
    """A persona label from a questionnaire is data too: never a formula in the CSV."""
    from scoring_helpers import BASE

    personas = [{"id": "worker", "label": {"en": "=HYPERLINK(\"http://x\")", "zh": "@x"}},
                {"id": "employer", "label": {"en": "-Employer", "zh": "e"}}]  # fmt: skip
    path = tmp_path / "cli.db"
    q = write_questionnaire(tmp_path / "q.yaml", personas=personas, version=BASE["version"])
    survey = Survey(open_store(path))
    add_data(survey)
    code, out, _ = run(
        scores, "--db", str(path), "--questionnaire", str(q), "--format", "csv", "--by", "persona"
    )
    assert code == 0
    labels = {row["group_label"] for row in csv.DictReader(io.StringIO(out))}
    assert '\'=HYPERLINK("http://x")' in labels and "'-Employer" in labels
    assert not any(label[:1] in "=+-@" for label in labels)
