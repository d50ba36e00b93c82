"""`fieldsurvey ask`: a 0-10 rating takes one key as in the app (0-9 by their digit, 10 by
`t`), not a typed number; in line mode "10" (or t) is typed, and "33" is refused. A ten-point
Likert scale keys its tenth point `t` too (0 is its don't know)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from fieldsurvey.cli.plain.interview import PlainInterview
from fieldsurvey.cli.plain.lines import LinePrompter
from fieldsurvey.cli.plain.prompter import number_keys
from fieldsurvey.engine import Interview, start_interview
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import open_store
from fieldsurvey.ui.plain import TerminalPrompter

RATINGS = Questionnaire.model_validate(
    {
        "id": "ratings",
        "version": "1",
        "title": {"en": "Ratings"},
        "languages": ["en"],
        "default_language": "en",
        "personas": [{"id": "worker", "label": {"en": "Worker"}}],
        "survey": [
            {
                "type": "integer",
                "id": "overall",
                "label": {"en": "From 0 to 10, how satisfied are you?"},
                "constraint": ". >= 0 and . <= 10",
                "required": True,
            },
            {
                "type": "integer",
                "id": "visits",
                "label": {"en": "Visits, 1 to 5?"},
                "constraint": ". >= 1 and . <= 5",
            },
        ],
    }
)
CTRL_C = "\x03"


def interview(tmp_path: Path) -> Interview:
    return start_interview(open_store(tmp_path / "r.db"), RATINGS)


def stored(tmp_path: Path) -> dict[str, Any]:
    rows = open_store(tmp_path / "r.db").execute("SELECT question, value FROM answers")
    return {question: json.loads(value) for question, value in rows.fetchall()}


def on_terminal(tmp_path: Path, keys: str) -> dict[str, Any]:
    tmp_path.mkdir()
    asked = interview(tmp_path)
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            PlainInterview(asked, TerminalPrompter(print), say=print).run()
    return stored(tmp_path)


def test_one_key_answers_a_rating_and_t_is_ten(tmp_path: Path) -> None:
    assert on_terminal(tmp_path / "a", "7" + "3" + CTRL_C) == {"overall": 7, "visits": 3}
    assert on_terminal(tmp_path / "b", "t" + CTRL_C) == {"overall": 10}


def test_in_line_mode_ten_is_typed_and_a_slip_is_refused(tmp_path: Path) -> None:
    out: list[str] = []
    err: list[str] = []
    lines = LinePrompter(io.StringIO("33\n10\n\n"), out.append, err.append)
    asked = interview(tmp_path)
    PlainInterview(asked, lines, say=out.append).run()  # the input ends: a draft
    assert err == ["stdin:1: 33 is not one of the numbers shown"]
    assert "  0" in out and "  9" in out and "  t  10" in out  # a digit once, t beside 10
    assert "> 10" in out
    assert "> (no answer)" in out  # an empty line leaves the optional rating unanswered
    assert out[-1].startswith("Draft kept")  # ...and the review came next
    assert stored(tmp_path) == {"overall": 10}


TEN_POINT = Questionnaire.model_validate(
    {
        "id": "ten-point",
        "version": "1",
        "title": {"en": "Ten points"},
        "languages": ["en"],
        "default_language": "en",
        "personas": [{"id": "worker", "label": {"en": "Worker"}}],
        "scales": [
            {
                "id": "sat10",
                "points": [{"value": v, "label": {"en": f"point {v}"}} for v in range(1, 11)],
                "dk": {"value": "dk", "label": {"en": "Don't know"}},
            }
        ],
        "areas": [
            {
                "id": "service",
                "label": {"en": "Service"},
                "items": [
                    {"id": "staff", "label": {"en": "Staff helped"}, "scale": "sat10",
                     "required": True},
                    {"id": "wait", "label": {"en": "Short wait"}, "scale": "sat10"},
                ],
            }
        ],
        "survey": [{"type": "area", "area": "service"}],
    }
)  # fmt: skip


def ten_point(tmp_path: Path) -> Interview:
    tmp_path.mkdir()
    return start_interview(open_store(tmp_path / "r.db"), TEN_POINT)


def test_the_tenth_point_of_a_ten_point_scale_is_t(tmp_path: Path) -> None:
    """On a terminal `t` answers the tenth point at once (0 stays don't know), and the list
    shows it beside the point."""
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=24, columns=80), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text("t" + "0" + CTRL_C)
        with create_app_session(input=pipe, output=output):
            asked = ten_point(tmp_path / "a")
            PlainInterview(asked, TerminalPrompter(print), say=print).run()
    assert stored(tmp_path / "a") == {"staff": 10, "wait": "dk"}
    assert "t  point 10" in drawn.getvalue() and "0  Don't know" in drawn.getvalue()
    assert number_keys(11, dk_index=10, last=9)[8:] == ["9", "t", "0"]


def test_in_line_mode_the_tenth_point_is_t_or_10(tmp_path: Path) -> None:
    out: list[str] = []
    err: list[str] = []
    lines = LinePrompter(io.StringIO("t\n10\n"), out.append, err.append)
    PlainInterview(ten_point(tmp_path / "a"), lines, say=out.append).run()
    assert err == []
    assert "  9  point 9" in out and "  t  point 10" in out and "  0  Don't know" in out
    assert out.count("> point 10") == 2
    assert stored(tmp_path / "a") == {"staff": 10, "wait": 10}
