"""`fieldsurvey ask` driven through prompt_toolkit's pipe input, as a user would type."""

from __future__ import annotations

import ctypes
import ctypes.util
import io
import json
import locale
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from plain_form import FORM
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output
from prompt_toolkit.utils import get_cwidth

from fieldsurvey.cli.plain.interview import PlainInterview
from fieldsurvey.cli.plain.opening import open_interview
from fieldsurvey.cli.plain.prompter import Option
from fieldsurvey.engine import Interview, resume_interview, start_interview
from fieldsurvey.i18n import tr
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import open_store
from fieldsurvey.ui.plain import TerminalPrompter, match_terminal_widths, wrap

T = TypeVar("T")
ENTER, DOWN, SPACE = "\r", "\x1b[B", " "


@pytest.fixture
def questionnaire() -> Questionnaire:
    return Questionnaire.model_validate(FORM)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plain.db"


def typed(keys: list[str], action: Callable[[], T]) -> T:
    """Run `action` with `keys` typed in advance (all prompts read from one pipe)."""
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys))
        with create_app_session(input=pipe, output=DummyOutput()):
            return action()


def on_terminal(interview: Interview, say: Callable[[str], None]) -> PlainInterview:
    """The interview as `ask` runs it in a terminal (questionary prompts)."""
    return PlainInterview(interview, TerminalPrompter(say), say=say)


def run_keys(db_path: Path, questionnaire: Questionnaire, keys: list[str]) -> tuple[str, list[str]]:
    db = open_store(db_path)
    lines: list[str] = []
    interview = start_interview(db, questionnaire)
    status = typed(keys, on_terminal(interview, lines.append).run)
    return status, lines


def answers(db_path: Path) -> dict[str, Any]:
    db = open_store(db_path)
    rows = db.execute("SELECT question, value FROM answers").fetchall()
    return {q: json.loads(v) for q, v in rows}


EMPLOYER_TO_MINUTES = [
    ENTER,  # consent: yes
    DOWN,
    ENTER,  # persona: employer
    ENTER,  # note: continue
    DOWN,
    DOWN,
    DOWN,
    ENTER,  # hours: 4
    SPACE,
    DOWN,
    DOWN,
    SPACE,
    ENTER,  # heard: radio, desk
    DOWN,
    ENTER,
    ENTER,  # rank: web, radio, then desk
]


def test_employer_interview_every_type(db_path: Path, questionnaire: Questionnaire) -> None:
    keys = [
        *EMPLOYER_TO_MINUTES,
        "700",
        ENTER,  # refused by the constraint
        "\x15",
        "45",
        ENTER,  # Ctrl+U clears the line, then a valid answer
        "1.5",
        ENTER,
        "2026-01-31",
        ENTER,
        "More staff",
        ENTER,
        ENTER,  # finish? yes
    ]
    status, lines = run_keys(db_path, questionnaire, keys)
    assert status == "complete"
    assert "! Between 0 and 600" in lines
    stored = answers(db_path)
    assert stored["persona"] == "employer"
    assert stored["hours"] == 4
    assert stored["heard"] == ["radio", "desk"]
    assert stored["prefer"] == ["web", "radio", "desk"]
    assert stored["minutes"] == 45
    assert stored["hours_away"] == 1.5
    assert stored["visited"] == "2026-01-31"


def test_worker_skips_employer_question(db_path: Path, questionnaire: Questionnaire) -> None:
    keys = [ENTER, ENTER, ENTER, "\x1b[B" * 5, ENTER, SPACE, ENTER, ENTER, ENTER]
    keys += ["", ENTER, "", ENTER, "", ENTER, ENTER]
    status, _ = run_keys(db_path, questionnaire, keys)
    assert status == "complete"
    stored = answers(db_path)
    assert stored["hours"] == "dk"
    assert "minutes" not in stored


def test_no_consent_keeps_only_the_refusal(db_path: Path, questionnaire: Questionnaire) -> None:
    status, lines = run_keys(db_path, questionnaire, [DOWN, ENTER])
    assert status == "refused"
    assert answers(db_path) == {"consent": "no"}
    assert any("only the refusal is kept" in line for line in lines)


def test_back_changes_an_answer(db_path: Path, questionnaire: Questionnaire) -> None:
    keys = [ENTER, ENTER, ENTER]  # consent yes, persona worker, note
    keys += [DOWN * 6, ENTER]  # the Likert page: 5 points, don't know, then "< Back"
    keys += [DOWN, ENTER]  # the note: "< Back"
    keys += [DOWN, ENTER, ENTER, "\x03"]  # persona: employer; note; Ctrl+C on the Likert page
    status, _ = run_keys(db_path, questionnaire, keys)
    assert status == "draft"
    assert answers(db_path)["persona"] == "employer"


def test_quit_then_resume_in_chinese(db_path: Path, questionnaire: Questionnaire) -> None:
    quit_keys = [ENTER, DOWN * 4, ENTER]  # consent yes; persona page: "Save and quit"
    status, lines = run_keys(db_path, questionnaire, quit_keys)
    assert status == "draft" and lines[-1].startswith("Draft kept")
    db = open_store(db_path)
    draft_id = db.execute("SELECT id FROM responses").fetchone()[0]
    interview = resume_interview(db, draft_id, [questionnaire])
    lines = []
    keys = [DOWN * 3, ENTER, DOWN, ENTER, "\x03"]  # language -> zh, then Ctrl+C
    typed(keys, on_terminal(interview, lines.append).run)
    assert interview.language == "zh"
    assert lines[-1] == "草稿已保存：用 `fieldsurvey ask` 继续。"
    assert answers(db_path)["consent"] == "yes"


def screen_of(keys: list[str], action: Callable[[], T]) -> tuple[T, str]:
    """Like `typed`, also returning what the prompts drew (an 80x24 terminal)."""
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=24, columns=80), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys))
        with create_app_session(input=pipe, output=output):
            result = action()
    return result, drawn.getvalue()


def test_number_keys_answer_at_once(db_path: Path, questionnaire: Questionnaire) -> None:
    keys = ["1", "2", ENTER, "0"]  # consent yes, persona employer, note, hours: don't know
    keys += [SPACE, ENTER, "2", "1", "45", ENTER, ENTER, ENTER, ENTER, ENTER]
    status, _ = run_keys(db_path, questionnaire, keys)
    assert status == "complete"
    stored = answers(db_path)
    assert (stored["consent"], stored["persona"], stored["hours"]) == ("yes", "employer", "dk")
    assert stored["prefer"] == ["web", "radio", "desk"]  # 2 then 1 of the remaining, as shown


def test_languages_by_their_names_and_prompt_words_in_the_interview_language(
    db_path: Path, questionnaire: Questionnaire
) -> None:
    store = open_store(db_path)
    interview = start_interview(store, questionnaire, language="zh")
    plain = on_terminal(interview, lambda _: None)
    assert [c.title for c in plain.language_options()] == ["English", "中文"]  # not en, zh
    keys = [DOWN * 3, ENTER, "1", "\x03"]  # "change language", 1 English, then Ctrl+C
    _, drawn = screen_of(keys, plain.run)
    assert tr("(a number, or arrows and Enter)", "zh") in drawn  # questionary's words, in zh
    assert "(a number, or arrows and Enter)" not in drawn.split("Agree?（中文）")[1]
    assert "Use arrow keys" not in drawn
    assert interview.language == "en"


def test_khmer_is_measured_as_terminals_draw_it() -> None:
    match_terminal_widths()
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.wcswidth.restype = ctypes.c_int
    libc.wcswidth.argtypes = [ctypes.c_wchar_p, ctypes.c_size_t]
    locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    for text in ("ប្តូរភាសា", "ចាកចេញ", "រក្សាទុក ហើយចាកចេញ"):
        assert get_cwidth(text) == libc.wcswidth(text, len(text)), text


def test_hints_break_between_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    hint = "(About how long did you wait, in minutes? 15 minutes is typical at the front desk)"
    lines = wrap("  " + hint).splitlines()
    assert len(lines) > 1 and all(get_cwidth(line) <= 38 for line in lines)
    assert [w for line in lines for w in line.split()] == hint.split()


def test_review_before_finishing_changes_an_answer(
    db_path: Path, questionnaire: Questionnaire
) -> None:
    keys = ["1", "1", ENTER, "4", SPACE, ENTER, ENTER, ENTER]  # to the end as a worker
    keys += [ENTER, ENTER, ENTER]  # decimal, date, text left empty
    keys += ["4"]  # review: 1 finish, 2 consent, 3 persona, 4 hours
    keys += ["2"]  # hours: 2 instead of 4, then back to the review
    keys += [ENTER]  # finish
    status, _ = run_keys(db_path, questionnaire, keys)
    assert status == "complete"
    assert answers(db_path)["hours"] == 2


def test_quitting_before_any_answer_leaves_no_draft(
    db_path: Path, questionnaire: Questionnaire
) -> None:
    status, lines = run_keys(db_path, questionnaire, ["\x03"])
    assert status == "draft"  # it was one, now deleted
    assert lines[-1] == "Nothing was answered: no draft kept."
    assert open_store(db_path).execute("SELECT COUNT(*) FROM responses").fetchone()[0] == 0


def test_ask_asks_for_the_round_until_it_is_in_the_fixed_form(
    db_path: Path, questionnaire: Questionnaire
) -> None:
    db = open_store(db_path)
    db.set_setting("interviewer", "Dara")
    db.set_setting("office", "Phnom Penh")
    keys = ["Q3 2026", ENTER, "\x7f" * 7, "2026-Q3", ENTER]  # refused, erased, typed again
    said: list[str] = []
    prompter = TerminalPrompter(said.append)
    typed(keys, lambda: open_interview(db, questionnaire, None, True, prompter))
    [reason] = said  # whole, above the prompt: not cut at the width of questionary's toolbar
    assert reason.startswith("! round 'Q3 2026' is not in the form YEAR-Qn or YEAR-MM")
    assert reason.endswith("did you mean 2026-Q3?")
    assert db.get_setting("round") == "2026-Q3"
    assert db.execute("SELECT round FROM responses").fetchall() == [("2026-Q3",)]


def test_an_answer_by_number_key_is_echoed_after_the_prompt(
    db_path: Path, questionnaire: Questionnaire
) -> None:
    interview = start_interview(open_store(db_path), questionnaire)
    _, drawn = screen_of(["1", "2", "\x03"], on_terminal(interview, lambda _: None).run)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn)  # the words, without the styling
    assert "? Agree? 1  Yes" in shown  # as questionary shows an answer given with Enter
    assert "? You are 2  Employer" in shown
    assert answers(db_path) == {"consent": "yes", "persona": "employer"}


def test_a_khmer_mark_ending_a_line_is_drawn_once() -> None:
    prompter = TerminalPrompter(lambda _: None)
    options = [Option("អតិថិជនឆ្លើយដោយខ្លួនឯងនៅលើអេក្រង់", 1)]  # ends in ់ (U+17CB, zero width)
    picked, drawn = screen_of(["1"], lambda: prompter.select("សំណួរ", options, "km"))
    assert picked == 1
    assert "អេក្រង់" in drawn and "អេក្រង់់" not in drawn
