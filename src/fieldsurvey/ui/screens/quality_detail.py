"""One flagged interview, read-only: its flags with their reasons, the review log, the
answers and the paradata timeline (what the interviewer did, page by page, how long).

Nothing here edits the interview; a / i / j record a review decision on it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from fieldsurvey.quality import FlaggedInterview
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.review import find_interview
from fieldsurvey.review.words import reviewer_words
from fieldsurvey.safetext import terminal_text
from fieldsurvey.ui.formatting import format_answer
from fieldsurvey.ui.i18n import QUALITY_KINDS, REVIEW_STATES, review_heading
from fieldsurvey.ui.quality_words import reason_words
from fieldsurvey.ui.screens.base import AppScreen
from fieldsurvey.ui.screens.review_actions import ReviewActions
from fieldsurvey.ui.widgets.footer import KeyBar


class InterviewDetail(ReviewActions, AppScreen[None]):
    """Flags, review log, answers and timeline of `item`, in one scrolling page."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="quality_detail.back"),
        *ReviewActions.REVIEW_BINDINGS,
    ]

    def __init__(self, item: FlaggedInterview) -> None:
        """Args:
        item: the flagged interview, as the Quality list has it.
        """
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="quality-detail"):
            yield Static(id="quality-detail-head")
            yield Static(id="quality-detail-log")
            yield Static(self.t("Answers"), classes="quality-heading")
            yield Static(id="quality-detail-answers")
            yield Static(self.t("Paradata timeline"), classes="quality-heading")
            yield Static(id="quality-detail-timeline")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.t("Interview (read-only)")
        self.query_one("#quality-detail-answers", Static).update(self.answers_text())
        self.query_one("#quality-detail-timeline", Static).update(self.timeline_text())
        self.show_review()
        self.query_one("#quality-detail").focus()

    def selected_uuid(self) -> str | None:
        return self.item.uuid

    def after_decision(self) -> None:
        self.show_review()

    def show_review(self) -> None:
        item = self.item
        target = find_interview(self.ctx.store, item.uuid)
        head = Text(f"{item.uuid}\n", style="bold")
        where = f"{item.interviewer or ''} · {item.office or ''} · {item.completed_at[:16]}"
        head.append(terminal_text(where))
        if item.duration_s is not None:
            head.append(f" · {item.duration_s / 60:.1f} min")
        head.append("\n")
        for flag in item.flags:
            head.append(f"! {self.t(QUALITY_KINDS[flag.kind])}: ", style="bold")
            words = reason_words(flag.reason, self.ctx.questionnaire, self.chrome_language)
            head.append(terminal_text(words) + "\n")
        self.query_one("#quality-detail-head", Static).update(head)
        log = Text(f"{review_heading(self.chrome_language)}: ", style="bold")
        log.append(self.t(REVIEW_STATES[target.state]))
        if target.in_conflict:
            log.append(" · " + self.t("reviewers disagree: keep one on the Conflicts screen"))
        for d in target.log:
            log.append(f"\n  {d.decided_at[:16]} {self.t(REVIEW_STATES[d.state])}")
            who = reviewer_words(d.reviewer, d.device_id, self.t)
            said = f" · {who}" + (f": {d.comment}" if d.comment else "")
            log.append(terminal_text(said))
        self.query_one("#quality-detail-log", Static).update(log)

    def answers_text(self) -> Text:
        questionnaire = self.ctx.questionnaire
        lang = self.text_lang
        answers = self.ctx.store.load_answers(self.item.response_id)

        def text(label: dict[str, str] | None) -> str:
            return text_in(label, lang, questionnaire.default_language)

        out = Text()
        for question, found in questionnaire.questions.items():  # in interview order
            if question not in answers:
                continue
            label = getattr(found, "label", None)
            shown = text(label) or question
            out.append(f"{shown[:50]}: ", style="dim")
            value = format_answer(found, answers[question], questionnaire, text)
            out.append(terminal_text(value) + "\n")
        return out

    def timeline_text(self) -> Text:
        rows = self.ctx.store.paradata(self.item.response_id)
        if not rows:
            return Text(self.t("No paradata for this interview in this database."))
        out = Text()
        for e in rows:
            seconds = "" if e.duration_ms is None else f"{e.duration_ms / 1000:7.1f} s"
            out.append(f"{e.seq:4d} {e.at[11:19]} {e.event:<8} {e.question or '':<28} {seconds}\n")
        return out
