"""Review: every question that applies, with its answer; jump to one to change it, or finish.

It returns a `ReviewResult` to the interview screen: where to jump, or that the interview was
closed. Finishing asks for confirmation, then `Interview.complete()`; if the engine lists
problems (a required answer missing), they are shown here and the first is highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from fieldsurvey.engine import EngineError, Interview, Problem, ReviewItem
from fieldsurvey.ui.formatting import distinct_labels, format_answer, terminal_width
from fieldsurvey.ui.screens.base import AppScreen
from fieldsurvey.ui.screens.confirm import ConfirmScreen
from fieldsurvey.ui.widgets.footer import KeyBar

LABEL_WIDTH = 44
"""Cells for the question text at 80 columns; the answer gets the rest."""


def label_width(columns: int) -> int:
    """The question text's cells: 44 at 80 columns, two thirds of every column more (70 at
    120), so a wide terminal shows the questions whole rather than more empty answer space."""
    return LABEL_WIDTH + max(0, columns - 80) * 2 // 3


@dataclass(frozen=True)
class ReviewResult:
    jump_to: str | None = None
    finished: bool = False


class ReviewScreen(AppScreen[ReviewResult | None]):
    """The answers at a glance."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,left", "back_to_interview", "Back", id="review.back"),
        Binding("f", "finish", "Finish", id="review.finish"),
    ]

    def __init__(self, interview: Interview) -> None:
        """Args:
        interview: the draft to review (it is closed here on Finish).
        """
        super().__init__()
        self.interview = interview
        self.problems: list[Problem] = []

    @property
    def chrome_language(self) -> str:
        return self.interview.language

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(
            self.t("Enter changes the highlighted answer; f finishes. ! = required, not answered."),
            id="review-help",
        )
        yield OptionList(id="review-list")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.t("Review answers")
        self.show_items()
        self.query_one("#review-list", OptionList).focus()

    def on_resize(self) -> None:
        listing = self.query_one("#review-list", OptionList)
        self.show_items(keep=listing.highlighted)

    def show_items(self, keep: int | None = None) -> None:
        """The rows, fitted to the width; the first problem highlighted, or row `keep`."""
        items = self.interview.review()
        listing = self.query_one("#review-list", OptionList)
        listing.clear_options()
        labels = distinct_labels(
            [self.interview.text(getattr(item.question, "label", None)) for item in items],
            label_width(self.app.size.width) - 3,
        )
        listing.add_options(
            self.row(number, item, label)
            for number, (item, label) in enumerate(zip(items, labels, strict=True), 1)
        )
        problem_ids = [p.question for p in self.problems]
        first = next((i for i, item in enumerate(items) if item.question.id in problem_ids), 0)
        if items:
            listing.highlighted = first if keep is None else min(keep, len(items) - 1)

    def row(self, number: int, item: ReviewItem, label: str) -> Option:
        """`label` is already fitted (and told apart from its neighbours) by `show_items`."""
        interview = self.interview
        label = f"{number:>2} {label}"
        answer = format_answer(item.question, item.value, interview.questionnaire, interview.text)
        flagged = any(p.question == item.question.id for p in self.problems)
        if answer:
            shown = Content.styled(answer, "bold")
        else:
            shown = Content.styled("!" if item.required else "—", "$error" if flagged else "")
        if flagged:
            message = next(p.message for p in self.problems if p.question == item.question.id)
            shown = Content.assemble(shown, " ", Content.styled(message, "$error"))
        columns = self.app.size.width
        room = max(10, columns - label_width(columns) - 9)  # borders, padding, scrollbar
        if terminal_width(shown.plain) > room:
            shown = shown.truncate(room - 1).append("…")
        return Option(Content.assemble(label, " ", shown), id=item.question.id)

    @on(OptionList.OptionSelected, "#review-list")
    def change_answer(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(ReviewResult(jump_to=event.option.id))

    def action_back_to_interview(self) -> None:
        self.dismiss(None)

    def action_finish(self) -> None:
        confirm = ConfirmScreen(
            self.t("Finish this interview? It will be saved as complete."),
            self.t("Yes"),
            self.t("No"),
        )
        self.app.push_screen(confirm, self.finish_if_confirmed)

    def finish_if_confirmed(self, confirmed: bool | None) -> None:
        if not confirmed:
            return
        try:
            self.problems = self.interview.complete()
        except EngineError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        if self.problems:
            self.query_one("#review-help", Static).update(
                Content(
                    self.t(
                        "Not finished yet: {count} question(s) need an answer.",
                        count=len(self.problems),
                    )
                )
            )
            self.query_one("#review-help", Static).add_class("-problems")
            self.show_items()
            return
        self.dismiss(ReviewResult(finished=True))
