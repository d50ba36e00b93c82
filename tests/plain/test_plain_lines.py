"""The piped line mode's reading of answers, on any input: an answer is always one of the
options (or a move), a half-line never is, and every line not taken is reported."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from fieldsurvey.cli.plain.lines import MAX_LINE, LinePrompter
from fieldsurvey.cli.plain.prompter import EndOfInput, Option

OPTIONS = [Option("Yes", "yes"), Option("No", "no"), Option("Don't know", "dk")]
MOVES = [Option("< Back", "BACK", "<"), Option("Save and quit", "QUIT", ":q")]


def prompter(text: str) -> tuple[LinePrompter, list[str], list[str]]:
    out: list[str] = []
    err: list[str] = []
    return LinePrompter(io.StringIO(text), out.append, err.append), out, err


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_input_gives_an_option_a_move_or_the_end(text: str) -> None:
    lines, out, err = prompter(text)
    try:
        picked = lines.select("Agree?", OPTIONS, "en", dk="dk", navigation=MOVES)
    except EndOfInput:
        assert len(err) == text.count("\n")  # every whole line was refused
        return
    assert picked in {"yes", "no", "dk", "BACK", "QUIT"}
    assert len(err) == lines.refused == lines.line_number - 1
    assert all(line.startswith("stdin:") and "\x1b" not in line for line in err)
    assert out[-1].startswith("> ")


@given(st.text(alphabet="0123 ,x\n", max_size=40))
def test_ticks_are_only_numbers_shown(text: str) -> None:
    lines, _, _ = prompter(text)
    try:
        picked = lines.checkbox("Heard from", OPTIONS, "en", checked=["no"])
    except EndOfInput:
        return
    assert set(picked) <= {"yes", "no", "dk"}


def test_a_half_line_is_never_an_answer() -> None:
    lines, _, err = prompter("7\nye")
    try:
        lines.select("Agree?", OPTIONS, "en")
    except EndOfInput:
        assert err == ["stdin:1: 7 is not one of the numbers shown"]
    else:
        raise AssertionError("a half-line was taken as an answer")


def test_numbers_values_titles_and_the_scales_zero() -> None:
    for typed, value in (("1", "yes"), ("0", "dk"), ("no", "no"), ("DON'T KNOW", "dk")):
        lines, _, _ = prompter(f"{typed}\n")
        assert lines.select("Agree?", OPTIONS, "en", dk="dk") == value


def test_an_overlong_line_is_refused_and_skipped() -> None:
    lines, _, err = prompter("x" * (MAX_LINE + 10) + "\n2\n")
    assert lines.select("Agree?", OPTIONS, "en") == "no"
    assert err == [f"stdin:1: a line is longer than {MAX_LINE:,} characters"]
