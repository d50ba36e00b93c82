"""`fieldsurvey scores --lang zh|km`: the table's own words (headings, quadrants, the
"N responses, round R" line) follow the language asked for, columns line up in terminal cells
and the tables fit 80 columns."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fieldsurvey.cli import main
from fieldsurvey.i18n import tr
from fieldsurvey.ui.formatting import terminal_width


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("scores-lang") / "demo.db"
    result = CliRunner().invoke(
        main, ["demo", "--db", str(path), "--responses", "120", "--round", "2026-Q3"]
    )
    assert result.exit_code == 0, result.output
    return str(path)


def table(db: str, *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["scores", "--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def test_the_chinese_table_has_chinese_headings_and_counts(db: str) -> None:
    lines = table(db, "--lang", "zh", "--by", "persona")
    assert lines[0].endswith("：120 份回答，轮次 2026-Q3")
    assert lines[2].split() == [
        "领域",
        "得分",
        "95%置信区间",
        "满意%",
        "α系数",
        "人数",
        "优先级",
    ]
    assert "服务对象类型 = 参保职工（" in "\n".join(lines)  # persona = worker, in words


def test_the_khmer_table_uses_the_khmer_catalogue(db: str) -> None:
    lines = table(db, "--lang", "km")
    assert lines[0].endswith(": ចម្លើយ 120, ជុំ 2026-Q3")
    assert lines[2].split()[:3] == ["ផ្នែក", "ពិន្ទុ", "ចន្លោះជឿជាក់"]
    english = {"Area", "Score", "Status", "Quadrant", "responses", "round"}
    assert not english & set(" ".join(lines[:3]).replace(",", " ").split())


def test_chinese_columns_line_up_in_terminal_cells(db: str) -> None:
    lines = table(db, "--lang", "zh")
    rows = lines[2:7]  # the heading and the four areas
    score = tr("Score", "zh")
    end = terminal_width(rows[0][: rows[0].index(score) + len(score)])
    for row in rows[1:]:  # the scores are right-aligned under their heading
        number = row.split()[1] if len(row.split()) > 1 else ""
        start = terminal_width(row[: row.index(number)])
        assert start + len(number) == end, row


def test_english_stays_as_it_was(db: str) -> None:
    lines = table(db)
    assert lines[0].endswith(": 120 responses, round 2026-Q3")
    assert lines[2].split() == [
        "Area",
        "Score",
        "95%",
        "CI",
        "%Sat",
        "Alpha",
        "n",
        "Quadrant",
    ]


@pytest.mark.parametrize("lang", ["en", "zh", "km"])
def test_every_table_fits_80_columns_and_marks_what_is_not_ok(db: str, lang: str) -> None:
    """No Status column: an area that is not `ok` is marked `*`, its note says why."""
    lines = table(db, "--lang", lang, "--by", "persona", "--by", "geography")
    heading = tr("Area", lang)
    starts = [i for i, line in enumerate(lines) if line.startswith(heading + " ")]
    assert len(starts) > 3
    rows = [lines[i + k] for i in starts for k in range(5)]  # each heading and its 4 areas
    assert max(terminal_width(row) for row in rows) <= 80, "\n".join(rows)
    assert len({terminal_width(lines[i]) for i in starts}) == 1  # one layout for all tables
    marked = [row for row in rows if " * " in row]
    notes = [line for line in lines if line.startswith("  * ")]
    assert marked and len(notes) == len(marked)
    assert tr("10 to 29 respondents: indicative only, no messages", lang) in "\n".join(notes)


@pytest.mark.parametrize("lang", ["en", "zh", "km"])
def test_the_prose_under_the_tables_is_wrapped_to_80_cells(db: str, lang: str) -> None:
    """Notes, awareness lines, suggested messages and warnings: no line past 80 cells (out of
    a terminal, as here, the width is 80), and each message is there whole."""
    lines = table(db, "--lang", lang, "--by", "persona")
    assert max(terminal_width(line) for line in lines) <= 80, "\n".join(lines)
    assert any(line.startswith("    ") for line in lines)  # something did need wrapping
    document = json.loads(
        CliRunner().invoke(main, ["scores", "--db", db, "--lang", lang, "--format", "json"]).stdout
    )
    messages = [m["text"] for area in document["areas"] for m in area["messages"]]
    assert messages
    squeezed = "".join("\n".join(lines).split())
    for message in messages:  # wrapped, not cut: every character is there, in order
        assert "".join(message.split()) in squeezed
