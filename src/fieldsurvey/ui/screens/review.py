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
from fieldsurvey.ui.formatting import fit, format_answer, terminal_width
from fieldsurvey.ui.screens.base import AppScreen
from fieldsurvey.ui.screens.confirm import ConfirmScreen
from fieldsurvey.ui.widgets.footer import KeyBar

LABEL_WIDTH = 44
"""Cells for the question text; the answer gets the rest of the 80 columns."""


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
        yield Static(self.t("review.help"), id="review-help")
        yield OptionList(id="review-list")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.t("review.title")
        self.show_items()
        self.query_one("#review-list", OptionList).focus()

    def show_items(self) -> None:
        items = self.interview.review()
        listing = self.query_one("#review-list", OptionList)
        listing.clear_options()
        listing.add_options(self.row(number, item) for number, item in enumerate(items, 1))
        problem_ids = [p.question for p in self.problems]
        first = next((i for i, item in enumerate(items) if item.question.id in problem_ids), 0)
        if items:
            listing.highlighted = first

    def row(self, number: int, item: ReviewItem) -> Option:
        interview = self.interview
        label = fit(
            f"{number:>2} {interview.text(getattr(item.question, 'label', None))}", LABEL_WIDTH
        )
        answer = format_answer(item.question, item.value, interview.questionnaire, interview.text)
        flagged = any(p.question == item.question.id for p in self.problems)
        if answer:
            shown = Content.styled(answer, "bold")
        else:
            shown = Content.styled("!" if item.required else "—", "$error" if flagged else "")
        if flagged:
            message = next(p.message for p in self.problems if p.question == item.question.id)
            shown = Content.assemble(shown, " ", Content.styled(message, "$error"))
        room = max(10, self.app.size.width - LABEL_WIDTH - 9)  # borders, padding, scrollbar
        if terminal_width(shown.plain) > room:
            shown = shown.truncate(room - 1).append("…")
        return Option(Content.assemble(label, " ", shown), id=item.question.id)

    @on(OptionList.OptionSelected, "#review-list")
    def change_answer(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(ReviewResult(jump_to=event.option.id))

    def action_back_to_interview(self) -> None:
        self.dismiss(None)

    def action_finish(self) -> None:
        confirm = ConfirmScreen(self.t("review.confirm_finish"), self.t("yes"), self.t("no"))
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
                Content(self.t("review.problems", count=len(self.problems)))
            )
            self.query_one("#review-help", Static).add_class("-problems")
            self.show_items()
            return
        self.dismiss(ReviewResult(finished=True))
