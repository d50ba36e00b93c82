"""The counts of one office and period (seed 000 Annex), grouped by area, one line each.

    Accessibility
    Number of social security offices        [12          ] 2026-Q2: 11
    Number of front-desk staff               [-3          ] 2026-Q2: 40
      ! A count cannot be negative (-3).

Each count is an integer field; the previous period's count sits beside it as a check on
typing slips. Checking is `set_counts`' job (it refuses everything if one entry is wrong): the
form only shows its refusals next to the field they concern, in the form's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring.indicators import Problem
from fieldsurvey.ui.formatting import fit, terminal_width
from fieldsurvey.ui.i18n import N_, tr

LABEL_WIDTH = 40
"""Label cells at 80 columns; a wider form widens them up to the longest label."""
ROW_REST = 38
"""Cells a row needs besides its label: the field with its brackets, the previous count."""
MAX_DIGITS = 19
"""Enough for any count `set_counts` accepts; longer input is refused as too large anyway."""


@cache
def _patterns() -> list[tuple[Problem, re.Pattern[str]]]:
    """Each refusal template as a regex, to find which field a message is about."""
    patterns = []
    for problem in Problem:
        regex = re.escape(problem.value)
        regex = re.sub(r"\\\{(\w+)(?:!r)?\\\}", r"(?P<\1>.+?)", regex)
        patterns.append((problem, re.compile(f"^{regex}$")))
    return patterns


PROBLEM_TEXTS = {
    Problem.NOT_COUNT: N_("“{value}” is not a whole number."),
    Problem.NEGATIVE: N_("A count cannot be negative ({value})."),
    Problem.TOO_LARGE: N_("{value} is too large to be a count."),
    Problem.BAD_NAME: N_("{field}: use letters, digits, spaces, '.', '_' or '-' (up to 64)."),
    Problem.NOTHING: N_("Enter at least one count."),
}
"""The words a clerk reads for each refused entry (the core's are for the CLI)."""
OFFICE_LABEL = N_("Office")
PERIOD_LABEL = N_("Period")


def explain(problem: str, lang: str) -> tuple[str | None, str]:
    """(the indicator, office or period concerned, or None; the message in `lang`).

    A message that matches no template is shown as it came (in English) rather than lost.
    """
    for code, pattern in _patterns():
        found = pattern.match(problem)
        if found is None:
            continue
        values = {k: v.strip("'\"") for k, v in found.groupdict().items()}
        key = PROBLEM_TEXTS.get(code, problem)
        if code is Problem.BAD_NAME:
            field = values["field"]
            label = OFFICE_LABEL if field == "office" else PERIOD_LABEL
            name = tr(label, lang)
            return field, tr(key, lang, field=name)
        if code is Problem.NOTHING:
            return None, tr(key, lang)
        if code in (Problem.NOT_COUNT, Problem.NEGATIVE, Problem.TOO_LARGE):
            return values["indicator"], tr(key, lang, value=values["value"])
        return values.get("indicator"), problem
    return None, problem


class IndicatorForm(VerticalScroll):
    """One integer field per indicator of the questionnaire, under its area's name."""

    DEFAULT_CSS: ClassVar[str] = """
    IndicatorForm {
        height: 1fr;
    }
    IndicatorForm .indicator-area {
        text-style: bold;
        color: $accent;
        margin-top: 1;
    }
    IndicatorForm .indicator-row {
        height: 1;
    }
    IndicatorForm .indicator-label {
        width: 41;
    }
    IndicatorForm Input {
        width: 12;
        background: $boost;
    }
    IndicatorForm Input:focus {
        background: $accent 25%;
    }
    IndicatorForm .indicator-bracket {
        color: $text-muted;
    }
    IndicatorForm Input.-refused {
        background: $error 30%;
    }
    IndicatorForm .indicator-previous {
        width: 1fr;
        padding-left: 1;
        color: $text-muted;
    }
    IndicatorForm .indicator-problem {
        color: $error;
        text-style: bold;
        padding-left: 2;
        display: none;
    }
    IndicatorForm .indicator-problem.-shown {
        display: block;
    }
    """

    class IndicatorFocused(Message):
        """The field of `indicator` got the focus (the screen shows what it correlates with)."""

        def __init__(self, form: IndicatorForm, indicator: str) -> None:
            super().__init__()
            self.form = form
            self.indicator = indicator

        @property
        def control(self) -> IndicatorForm:
            return self.form

    def __init__(self, questionnaire: Questionnaire, lang: str, *, id: str | None = None) -> None:
        """Args:
        questionnaire: whose `indicators` (and areas, for the headings) the form asks for.
        lang: the language of labels and messages.
        id: the widget id.
        """
        super().__init__(id=id)
        self.questionnaire = questionnaire
        self.lang = lang
        self.edited: set[str] = set()
        """Fields typed into since the form was last filled."""
        self.filled: dict[str, str] = {}
        """What `fill` put in each field (a change to anything else is an edit)."""

    def compose(self) -> ComposeResult:
        q = self.questionnaire
        area_labels = {a.id: text_in(a.label, self.lang, q.default_language) for a in q.areas}
        for area in dict.fromkeys(i.area for i in q.indicators):
            yield Label(area_labels.get(area, area), classes="indicator-area")
            for indicator in (i for i in q.indicators if i.area == area):
                label = text_in(indicator.label, self.lang, q.default_language)
                with Horizontal(classes="indicator-row"):
                    yield Label(fit(label, LABEL_WIDTH), classes="indicator-label", name=label)
                    # Brackets show where to type in any colour scheme (a compact field
                    # has no border, and in 16 colours its background may not show).
                    yield Label("[", classes="indicator-bracket")
                    yield Input(
                        type="integer",
                        max_length=MAX_DIGITS,
                        compact=True,
                        id=f"count-{indicator.id}",
                    )
                    yield Label("]", classes="indicator-bracket")
                    yield Static(classes="indicator-previous", id=f"previous-{indicator.id}")
                yield Static(classes="indicator-problem", id=f"problem-{indicator.id}")

    def on_resize(self) -> None:
        """Wider labels on a wider screen (at 120 columns every bundled label fits)."""
        labels = list(self.query(".indicator-label").results(Label))
        longest = max((terminal_width(label.name or "") for label in labels), default=0)
        width = max(LABEL_WIDTH, min(longest, self.size.width - ROW_REST))
        for label in labels:
            label.update(fit(label.name or "", width))
            label.styles.width = width + 1

    @property
    def inputs(self) -> dict[str, Input]:
        return {
            i.id: self.query_one(f"#count-{i.id}", Input) for i in self.questionnaire.indicators
        }

    def entries(self) -> dict[str, str]:
        """What is typed, field by field; blank fields are left out (not entered)."""
        return {k: box.value.strip() for k, box in self.inputs.items() if box.value.strip()}

    def fill(
        self,
        values: Mapping[str, int | None],
        previous: Mapping[str, tuple[str, int]],
        *,
        keep_edits: bool = True,
    ) -> None:
        """Show stored counts (and the previous period's beside them); typed fields stay."""
        for indicator, box in self.inputs.items():
            if not (keep_edits and indicator in self.edited):
                value = values.get(indicator)
                box.value = self.filled[indicator] = "" if value is None else str(value)
            before = previous.get(indicator)
            text = "" if before is None else f"{before[0]}: {before[1]:,}"
            self.query_one(f"#previous-{indicator}", Static).update(text)
        if not keep_edits:
            self.edited.clear()
        focused = self.screen.focused
        if isinstance(focused, Input) and focused in self.inputs.values():
            focused.select_all()  # typing replaces a filled-in count, as after Tab

    def show_problems(self, problems: Mapping[str, str]) -> None:
        """Messages under the fields they concern (empty mapping: clear them all)."""
        for indicator, box in self.inputs.items():
            message = problems.get(indicator)
            box.set_class(message is not None, "-refused")
            line = self.query_one(f"#problem-{indicator}", Static)
            line.update(Content(f"! {message}") if message else "")
            line.set_class(message is not None, "-shown")
        first = next((i for i in self.inputs if i in problems), None)
        if first is not None:
            self.inputs[first].focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        # Changed arrives after `fill` returns: compare with what it put there.
        indicator = (event.input.id or "").removeprefix("count-")
        if event.value != self.filled.get(indicator, ""):
            self.edited.add(indicator)

    def on_descendant_focus(self, event: object) -> None:
        focused = self.screen.focused
        if isinstance(focused, Input) and focused.id and focused.id.startswith("count-"):
            self.post_message(self.IndicatorFocused(self, focused.id.removeprefix("count-")))
