"""Whatever the cells hold, import returns a questionnaire or raises QuestionnaireError with
located problems: never another exception (an author must never see a traceback)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from xlsform_helpers import write_workbook

from fieldsurvey.questionnaire import QuestionnaireError
from fieldsurvey.questionnaire.xlsform import read_xlsform

TYPES = ["text", "integer", "decimal", "date", "note", "calculate", "select_one yn",
         "select_multiple yn", "rank yn", "select_one nope", "begin group", "end group",
         "begin repeat", "end repeat", "geopoint", "start", "select_one yn or_other",
         "select_one scale", "bogus", "", "begin_kobomatrix"]  # fmt: skip
NAMES = ["a", "b", "c", "g", "A b", "1x", "", "a"]
EXPRESSIONS = ["", "${a} = 'y'", "${zz} > 1", "(. > 1", ". > 0 and . < 9", "‘y’",
               "selected(${b}, 'y')", "cf = ${a}", "cf = 'y'", "count-selected(",
               "true()"]  # fmt: skip
HEADER = ["type", "name", "label::English (en)", "label::Chinese (zh)", "relevant",
          "constraint", "required", "calculation", "choice_filter", "default", "read_only",
          "appearance", "area", "weight"]  # fmt: skip
CELLS = {
    "type": TYPES, "name": NAMES, "label::English (en)": ["Q", "", "=1+1"],
    "label::Chinese (zh)": ["问", ""], "relevant": EXPRESSIONS, "constraint": EXPRESSIONS,
    "required": ["", "yes", "no", "${a} = 'y'"], "calculation": EXPRESSIONS,
    "choice_filter": EXPRESSIONS, "default": ["", "y", "3", "x y"], "read_only": ["", "yes"],
    "appearance": ["", "minimal", "field-list", "maps"], "area": ["", "acc"],
    "weight": ["", "2", "x"],
}  # fmt: skip
CHOICES = [["list_name", "name", "label::English (en)", "dk", "cf"],
           ["yn", "y", "Yes", None, "y"], ["yn", "n", "No", None, "n"],
           ["scale", "1", "One", None, None], ["scale", "2", "Two", None, None],
           ["scale", "dk", "DK", "yes", None]]  # fmt: skip

rows = st.lists(
    st.fixed_dictionaries({column: st.sampled_from(values) for column, values in CELLS.items()}),
    min_size=1,
    max_size=8,
)


@settings(max_examples=60)
@given(survey=rows, with_choices=st.booleans())
def test_import_never_raises_anything_else(
    survey: list[dict[str, str]], with_choices: bool
) -> None:
    table: list[list[object]] = [HEADER, *([row[c] or None for c in HEADER] for row in survey)]
    sheets = {"survey": table, **({"choices": CHOICES} if with_choices else {})}
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(Path(folder) / "fuzz.xlsx", sheets)  # type: ignore[arg-type]
        try:
            read_xlsform(path)
        except QuestionnaireError as exc:
            assert exc.problems
            assert all(str(p).startswith(str(path)) for p in exc.problems)


SHEET_COLUMNS = ["id", "trigger", "trigger.area", "trigger.quadrants", "personas", "text",
                 "text::English (en)", "text::xx", "label::English (en)", "area", "per",
                 "better", "title::English (en)", "consent.question", "scoring", "a.b.c",
                 "."]  # fmt: skip
SHEET_VALUES = ["", "x", "acc", "1", "concentrate, bogus", "yes", "=1"]


@settings(max_examples=60)
@given(
    sheet=st.sampled_from(["messages", "personas", "indicators", "ratios", "questionnaire"]),
    header=st.lists(st.sampled_from(SHEET_COLUMNS), min_size=1, max_size=6, unique=True),
    cells=st.lists(st.sampled_from(SHEET_VALUES), min_size=6, max_size=6),
)
def test_extension_sheets_never_raise_anything_else(
    sheet: str, header: list[str], cells: list[str]
) -> None:
    survey = [["type", "name", "label::English (en)"], ["text", "q", "Q"]]
    table = [header, [cells[i] or None for i in range(len(header))]]
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(Path(folder) / "x.xlsx", {"survey": survey, sheet: table})  # type: ignore[dict-item]
        try:
            read_xlsform(path)
        except QuestionnaireError as exc:
            assert exc.problems


@settings(max_examples=40)
@given(cut=st.integers(10, 4000), flips=st.lists(st.integers(0, 4000), max_size=5))
def test_damaged_workbooks_are_refused_as_such(cut: int, flips: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        good = write_workbook(Path(folder) / "good.xlsx", {"survey": [HEADER, ["text", "a", "Q"]]})
        data = bytearray(good.read_bytes())
        for at in flips:
            data[at % len(data)] ^= 0xFF
        damaged = Path(folder) / "damaged.xlsx"
        damaged.write_bytes(bytes(data[: min(cut, len(data))]))
        try:
            read_xlsform(damaged)
        except QuestionnaireError as exc:
            assert exc.problems and str(exc.problems[0]).startswith(str(damaged))
