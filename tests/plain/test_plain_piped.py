"""`fieldsurvey ask` with piped input, run as a real process: plain lines without cursor codes,
one answer per line, refused lines on stderr, exit codes as docs/commands.md says."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from plain_form import FORM

from fieldsurvey.store.sqlite import open_store

EMPLOYER = ["1", "2", "", "4", "1 3", "2", "1", "45", "1.5", "2026-01-31", "More staff"]
"""consent yes, employer, the note, hours 4, heard radio+desk, rank web then radio, minutes,
hours away, last visit, suggestion: every question of the form, answered."""


@pytest.fixture
def form_path(tmp_path: Path) -> Path:
    path = tmp_path / "form.yaml"
    path.write_text(yaml.safe_dump(FORM, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "piped.db"
    db = open_store(path)
    for key, value in (("interviewer", "Dara"), ("office", "Phnom Penh"), ("round", "")):
        db.set_setting(key, value)
    return path


def ask(db: Path, form: Path, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`fieldsurvey ask` as a user runs it in a pipe: `printf ... | fieldsurvey ask`."""
    command = [sys.executable, "-m", "fieldsurvey", "ask", "--db", str(db)]
    command += ["--questionnaire", str(form), "--new", *args]
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80"}
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, env=env, timeout=120
    )


def lines(*answers: str) -> str:
    return "".join(f"{answer}\n" for answer in answers)


def stored(db: Path) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    store = open_store(db)
    statuses = store.execute("SELECT status FROM responses").fetchall()
    rows = store.execute("SELECT question, value FROM answers").fetchall()
    return statuses, {question: json.loads(value) for question, value in rows}


def test_a_whole_interview_from_piped_lines(db_path: Path, form_path: Path) -> None:
    result = ask(db_path, form_path, lines(*EMPLOYER, ""))  # an empty line: Finish
    assert (result.returncode, result.stderr) == (0, "")
    assert "\x1b" not in result.stdout and "\r" not in result.stdout
    assert "Agree?\n  1  Yes\n  2  No\n(type a number and Enter;" in result.stdout
    assert "> Yes\n" in result.stdout and "> radio, desk\n" in result.stdout
    assert "  0  Don't know\n" in result.stdout  # the scale's don't know keeps its 0
    assert result.stdout.endswith("Saved. Thank you.\n")
    statuses, answers = stored(db_path)
    assert statuses == [("complete",)]
    assert answers["heard"] == ["radio", "desk"]
    assert answers["prefer"] == ["web", "radio", "desk"]
    assert (answers["minutes"], answers["say"]) == (45, "More staff")


def test_refused_lines_are_named_on_stderr_and_asked_again(db_path: Path, form_path: Path) -> None:
    answers = [*EMPLOYER[:7], "700", *EMPLOYER[7:], ""]
    answers.insert(1, "7")  # persona: there is no 7th option
    result = ask(db_path, form_path, lines(*answers))
    assert result.returncode == 1  # it ran, but some input was rejected
    assert result.stderr.splitlines() == [
        "stdin:2: 7 is not one of the numbers shown",
        "stdin:9: Between 0 and 600",
    ]
    statuses, stored_answers = stored(db_path)
    assert statuses == [("complete",)] and stored_answers["minutes"] == 45


def test_a_half_line_at_the_end_is_never_an_answer(db_path: Path, form_path: Path) -> None:
    result = ask(db_path, form_path, lines(*EMPLOYER[:-1]) + "More sta")
    assert result.returncode == 1
    assert result.stderr == "stdin: the input ended before the interview did\n"
    assert "Draft kept" in result.stdout
    statuses, answers = stored(db_path)
    assert statuses == [("draft",)]
    assert answers["visited"] == "2026-01-31" and "say" not in answers


def test_language_and_quit_by_commands(db_path: Path, form_path: Path) -> None:
    result = ask(db_path, form_path, lines("1", ":lang zh", "1", ":q"))
    assert (result.returncode, result.stderr) == (0, "")  # quitting on purpose is no failure
    assert "You are（中文）\n" in result.stdout
    assert result.stdout.endswith("草稿已保存：用 `fieldsurvey ask` 继续。\n")
    statuses, answers = stored(db_path)
    assert statuses == [("draft",)] and answers == {"consent": "yes", "persona": "worker"}


def test_control_characters_from_the_questionnaire_are_shown_escaped(
    db_path: Path, tmp_path: Path
) -> None:
    form = json.loads(json.dumps(FORM))
    form["survey"][0]["label"]["en"] = "Agree?\x1b]52;c;cGF3bmVk\x07\x1b[2J"
    path = tmp_path / "control.yaml"
    path.write_text(yaml.safe_dump(form, allow_unicode=True), encoding="utf-8")
    result = ask(db_path, path, lines(":q"))
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Agree?\\x1b]52;c;cGF3bmVk\\x07\\x1b[2J\n" in result.stdout


def test_the_first_use_questions_are_lines_too(tmp_path: Path, form_path: Path) -> None:
    db_path = tmp_path / "first.db"
    result = ask(db_path, form_path, lines("Dara", "Phnom Penh", "Q3 2026", "2026-Q3", ":q"))
    assert result.returncode == 1  # the round typed wrong once
    assert result.stderr.startswith("stdin:3: ")
    store = open_store(db_path)
    assert [store.get_setting(k) for k in ("interviewer", "office", "round")] == [
        "Dara",
        "Phnom Penh",
        "2026-Q3",
    ]


def test_a_dumb_terminal_gets_the_line_mode_too(db_path: Path, form_path: Path) -> None:
    """On a real terminal (a pty) that says TERM=dumb: lines, no cursor codes."""
    main, secondary = pty.openpty()
    command = [sys.executable, "-m", "fieldsurvey", "ask", "--db", str(db_path)]
    command += ["--questionnaire", str(form_path), "--new"]
    env = {**os.environ, "TERM": "dumb"}
    with subprocess.Popen(
        command, stdin=secondary, stdout=secondary, stderr=secondary, env=env
    ) as process:
        os.close(secondary)
        os.write(main, b"1\n:q\n")
        drawn, deadline = b"", time.monotonic() + 60
        with contextlib.suppress(OSError):  # the pty closes when the process ends
            while select.select([main], [], [], max(0, deadline - time.monotonic()))[0]:
                if not (chunk := os.read(main, 4096)):
                    break
                drawn += chunk
        if process.poll() is None:  # still waiting for keys: it did not take lines
            process.kill()
        assert process.wait(timeout=10) == 0, drawn
    os.close(main)
    text = drawn.decode()
    assert "\x1b" not in text
    assert "Agree?\r\n  1  Yes\r\n" in text and "> Yes" in text
    assert stored(db_path)[1] == {"consent": "yes"}
