"""Prose wrapped for a terminal (`wrap_hanging`): lines within the width in every script,
nothing lost, continuation lines indented, Chinese filled and not started with a comma."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fieldsurvey.ui.formatting import terminal_width
from fieldsurvey.ui.wrap import wrap_hanging

WORDS = st.sampled_from(
    ["office", "Accessibility", "n=60", "[2.6, 15.9]", "服务可及性", "等待办事处部分填写", "，",
     "。", "ការរៀនសូត្រ", "សន្តិសុខសង្គម", "employer_online_address,"]
)  # fmt: skip
LINES = st.tuples(
    st.sampled_from(["", "  ", "! ", "  * "]), st.lists(WORDS, min_size=1, max_size=40)
)


@given(LINES, st.integers(min_value=24, max_value=100), st.sampled_from([" ", ""]))
def test_lines_fit_and_nothing_is_lost(
    parts: tuple[str, list[str]], width: int, joiner: str
) -> None:
    start, words = parts
    line = start + joiner.join(words)
    wrapped = wrap_hanging(line, width)
    assert all(terminal_width(part) <= width for part in wrapped), wrapped
    assert "".join("".join(wrapped).split()) == "".join(line.split())
    assert wrapped[0].startswith(start)
    indent = len(start) if start.strip() else len(start) + 2
    assert all(part.startswith(" " * indent) and part.strip() for part in wrapped[1:])


def test_hanging_indents_and_chinese_fill() -> None:
    note = "  * Staff professional approach: 10 to 29 respondents: indicative only, no messages"
    assert wrap_hanging(note, 60) == [
        "  * Staff professional approach: 10 to 29 respondents:",
        "    indicative only, no messages",
    ]
    item = "  附和倾向检查（核查项：任何制度都不支付）：6.7% 回答“是”"
    assert wrap_hanging(item, 24) == [
        "  附和倾向检查（核查项：",
        "    任何制度都不支付）：",
        "    6.7% 回答“是”",
    ]
    assert wrap_hanging("short", 80) == ["short"]
