"""Interview: one page at a time (a question, or a field-list group), exactly as the engine says.

The screen holds no interview logic. It shows `Interview.page_items()`, hands every answer to
`Interview.answer()` (which commits it before returning, so leaving or a crash loses nothing),
moves with `next()` / `back()` / `jump()`, and shows the engine's problems beside the question
they concern. Answering happens on the UI thread on purpose: one small commit is a few
milliseconds, and the next question must appear at once (p95 under 30 ms, bench_ui_next.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Hashable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from fieldsurvey.engine import EngineError, Interview, Problem
from fieldsurvey.engine import resume_interview as engine_resume
from fieldsurvey.engine import start_interview as engine_start
from fieldsurvey.questionnaire.expressions import Value
from fieldsurvey.questionnaire.model import QuestionLike
from fieldsurvey.store.return_records import ReturnedNote
from fieldsurvey.store.status import Status
from fieldsurvey.ui.formatting import section_of
from fieldsurvey.ui.i18n import N_, language_name, tr
from fieldsurvey.ui.screens.base import AppScreen
from fieldsurvey.ui.screens.interview_returned import returned_heading, returned_note
from fieldsurvey.ui.screens.review import ReviewResult, ReviewScreen
from fieldsurvey.ui.widgets.answer_input import AnswerInput
from fieldsurvey.ui.widgets.answers import (
    AdvanceRequested,
    AnswerGiven,
    BackRequested,
    TypingPaused,
)
from fieldsurvey.ui.widgets.choice_list import ChoiceList
from fieldsurvey.ui.widgets.footer import KeyBar
from fieldsurvey.ui.widgets.progress import ProgressLine
from fieldsurvey.ui.widgets.question_view import QuestionView, as_text, shape_of
from fieldsurvey.ui.wrap import home_notice

if TYPE_CHECKING:
    from fieldsurvey.ui.app import FieldSurveyApp


class InterviewScreen(AppScreen[None]):
    """The current page of one interview, with progress, language switch and review."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "back", "Back", key_display="←", id="interview.back"),
        Binding("right", "next", "Next", key_display="→", id="interview.next"),
        Binding("enter", "next", "Next", show=False, id="interview.next_enter"),
        Binding("ctrl+l", "language", "Language", id="interview.language"),
        Binding("ctrl+r", "review", "Review", id="interview.review"),
        Binding("escape", "leave", "Leave", id="interview.leave"),
    ]

    def __init__(self, interview: Interview) -> None:
        """Args:
        interview: a draft from the engine, already on its current page.
        """
        super().__init__()
        self.interview = interview
        self.sections = section_of(interview.questionnaire)
        self.shown: list[str] = []
        """Ids of the items on screen, to notice when an answer changes what is relevant."""
        self.page_views: list[QuestionView] = []
        """The views of the page on screen, in order."""
        self.pool: dict[Hashable, list[QuestionView]] = {}
        """Every mounted view by shape, shown or hidden."""
        self.from_review = False
        """The page was opened from Review to change an answer: going on returns there."""
        self.returned: ReturnedNote | None = None
        """The reviewer's comment when this draft reopens an interview sent back."""

    @property
    def chrome_language(self) -> str:
        return self.interview.language

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield ProgressLine(id="interview-progress")
        self.returned = returned_note(self.ctx.store, self.interview)
        if self.returned is not None:
            yield Static(returned_heading(self.returned, self.interview.language),
                         id="interview-returned", markup=False)  # fmt: skip
        yield VerticalScroll(id="interview-page")
        yield KeyBar()

    async def on_mount(self) -> None:
        await self.show_page()
        if self.interview.page is None:  # a draft left at the end: its review list
            self.action_review()

    # ----- showing a page ---------------------------------------------------------------------

    async def show_page(self, focus: str | None = None, *, rebuild: bool = False) -> None:
        """Show the engine's current page; focus `focus` or the first answer.

        Views are pooled by shape (`shape_of`): the next Likert item re-points the Likert view
        that is already mounted, and a view not needed on this page is hidden, not removed.
        Mounting (and styling) a view happens once per shape, so moving on costs little more
        than the database commit. `rebuild` empties the pool (a language switch).
        """
        interview = self.interview
        items = interview.page_items()
        self.shown = [item.id for item in items]
        container = self.query_one("#interview-page", VerticalScroll)
        with self.app.batch_update():
            typed = self.typed_text()  # e.g. a refused date, kept across a language switch
            if rebuild:
                await container.remove_children()
                self.pool.clear()
            views, new = self.views_for(items, typed)
            if new:
                await container.mount_all(new)
            for view in self.page_views:
                if view not in views:
                    view.display = False
            for index, view in enumerate(views):
                view.display = True
                if len(views) > 1 and index:
                    container.move_child(view, after=views[index - 1])
            self.page_views = views
            notes = self.returned.notes if self.returned is not None else {}
            for view in views:
                view.show_review_note(notes.get(view.question.id))
            if container.scroll_y:
                container.scroll_home(animate=False)
            self.show_progress()
            self.focus_question(focus)

    def views_for(
        self, items: list[QuestionLike], typed: dict[str, str]
    ) -> tuple[list[QuestionView], list[QuestionView]]:
        """A view per item, reusing pooled views of the same shape; also the new ones."""
        interview = self.interview
        views: list[QuestionView] = []
        new: list[QuestionView] = []
        used: dict[Hashable, int] = {}
        for item in items:
            shape = shape_of(item)
            pooled = self.pool.setdefault(shape, [])
            index = used[shape] = used.get(shape, -1) + 1
            if index < len(pooled):
                view = pooled[index]
                required = interview.is_required(item.id)
                view.show_question(item, interview.value(item.id), required=required)
                if isinstance(view.answer, AnswerInput) and item.id in typed:
                    view.answer.value = typed[item.id]
            else:
                view = self.make_view(item, typed.get(item.id))
                pooled.append(view)
                new.append(view)
            views.append(view)
        return views, new

    def typed_text(self) -> dict[str, str]:
        """Text typed but not stored (e.g. refused), so a rebuilt page can keep it."""
        return {
            view.question.id: view.answer.value
            for view in self.page_views
            if isinstance(view.answer, AnswerInput)
            and view.answer.value != as_text(self.interview.value(view.question.id))
        }

    def make_view(self, item: QuestionLike, typed: str | None = None) -> QuestionView:
        interview = self.interview
        return QuestionView(
            item,
            interview.questionnaire,
            interview.text,
            interview.language,
            interview.value(item.id),
            required=interview.is_required(item.id),
            typed=typed,
        )

    def show_progress(self) -> None:
        interview = self.interview
        first = self.shown[0] if self.shown else None
        section = self.sections.get(first) if first else None
        progress = interview.progress()
        counter = tr(
            "{done}/{total} answered",
            interview.language,
            done=progress.answered,
            total=progress.relevant,
        )
        self.query_one(ProgressLine).show(
            interview.text(section.label) if section else "",
            progress.answered,
            progress.relevant,
            counter,
        )
        title = tr("Interview", interview.language)
        sub_title = " · ".join(
            part for part in (self.persona_label(), language_name(interview.language)) if part
        )
        if (title, sub_title) != (self.title, self.sub_title):
            self.title, self.sub_title = title, sub_title

    def persona_label(self) -> str:
        question = self.interview.questionnaire.persona_question
        value = self.interview.value(question.id) if question else None
        persona = next((p for p in self.interview.questionnaire.personas if p.id == value), None)
        return self.interview.text(persona.label) if persona else ""

    def views(self) -> list[QuestionView]:
        return self.page_views

    def view_of(self, question: str) -> QuestionView | None:
        return next((view for view in self.views() if view.question.id == question), None)

    def focus_question(self, question: str | None) -> None:
        """Focus `question`'s answer widget, else the first one on the page."""
        views = self.views()
        chosen = [v for v in views if v.question.id == question] or views
        for view in chosen:
            widget = view.answer
            if widget is not None:
                if widget is not self.focused:
                    widget.focus(scroll_visible=False)
                if len(views) > 1:  # a field-list group may be taller than the screen
                    view.scroll_visible(animate=False)
                return
        self.set_focus(None)

    def show_problems(self, problems: list[Problem]) -> None:
        for view in self.views():
            found = [p.message for p in problems if p.question == view.question.id]
            view.show_problem(found[0] if found else None)
        if problems:
            self.focus_question(problems[0].question)

    # ----- answering --------------------------------------------------------------------------

    def answer(self, question: str, value: Value) -> bool:
        """Give the engine an answer; show its problem, or clear it. True when saved."""
        try:
            problem = self.interview.answer(question, value)
        except EngineError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return False
        view = self.view_of(question)
        if view is not None:
            view.show_problem(problem.message if problem else None)
        return problem is None

    @on(AnswerGiven)
    async def save_answer(self, event: AnswerGiven) -> None:
        event.stop()
        page = self.interview.page
        saved = self.interview.status is Status.DRAFT and self.answer(event.question, event.value)
        if saved and [item.id for item in self.interview.page_items()] != self.shown:
            await self.show_page(focus=event.question)  # the answer changed what applies here
        if saved and event.advance:
            await self.advance_from(event.question)
        if self.interview.page is page:  # still here: show the choice (the list waited)
            if isinstance(event.widget, ChoiceList):
                event.widget.refresh_prompts()
            self.show_progress()

    @on(TypingPaused)
    async def keep_typed_text(self, event: TypingPaused) -> None:
        """Save the text typed so far as the answer, quietly: a refusal waits for Enter."""
        event.stop()
        if self.interview.status is not Status.DRAFT:
            return
        try:
            problem = self.interview.answer(event.question, event.value)
        except EngineError:
            return  # not saved: Enter saves it again and shows why it failed
        field = event.widget
        if problem is not None or not isinstance(field, AnswerInput):
            return
        if field.question == event.question and field.value == event.typed:
            field.saved_text = event.typed
        view = self.view_of(event.question)
        if view is not None:
            view.show_problem(None)
        if [item.id for item in self.interview.page_items()] != self.shown:
            await self.show_page(focus=event.question)
        self.show_progress()

    @on(AdvanceRequested)
    async def go_on(self, event: AdvanceRequested) -> None:
        event.stop()
        await self.advance_from(event.question)

    @on(BackRequested)
    async def go_back(self, event: BackRequested) -> None:
        event.stop()
        await self.action_back()

    async def advance_from(self, question: str) -> None:
        """The next question of a field-list page, or the next page after the last one."""
        answerable = [v for v in self.views() if v.answer is not None]
        ids = [v.question.id for v in answerable]
        if question in ids and ids.index(question) + 1 < len(ids):
            self.focus_question(ids[ids.index(question) + 1])
            return
        await self.action_next()

    def flush_inputs(self) -> bool:
        """Send typed text that was not yet submitted; False if one of them was refused."""
        saved = True
        for view in self.page_views:
            field = view.answer
            if isinstance(field, AnswerInput) and field.dirty:
                field.saved_text = field.value
                saved = self.answer(field.question, field.raw_value()) and saved
        return saved

    # ----- moving -----------------------------------------------------------------------------

    async def action_next(self) -> None:
        if self.interview.status is not Status.DRAFT or not self.flush_inputs():
            return
        try:
            problems = self.interview.next()
        except EngineError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        if problems:
            self.show_problems(problems)
            return
        if self.from_review and self.interview.status == "draft":
            self.action_review()  # as ODK's hierarchy: the changed answer, then the list again
            return
        await self.after_move()

    async def action_back(self) -> None:  # type: ignore[override]  # textual awaits either
        if self.interview.status is not Status.DRAFT:
            return
        self.flush_inputs()
        try:
            moved = self.interview.back()
        except EngineError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        if moved:
            await self.show_page()
        else:
            self.app.bell()

    async def after_move(self) -> None:
        """Show where the engine went: a page, the review at the end, or Home after a refusal."""
        from fieldsurvey.ui.screens.self_completion import hand_over_if_chosen  # a cycle

        if self.interview.status is Status.REFUSED:
            self.notify_home(tr("Refusal recorded.", self.interview.language))
            self.dismiss()
        elif hand_over_if_chosen(self):
            return
        elif self.interview.page is None:
            self.action_review()
        else:
            await self.show_page()

    async def action_language(self) -> None:
        """Switch to the next of the questionnaire's languages, keeping the page and focus."""
        languages = self.interview.questionnaire.languages
        following = languages[(languages.index(self.interview.language) + 1) % len(languages)]
        focused = self.focused_question()
        try:
            self.interview.set_language(following)
        except EngineError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        await self.show_page(focus=focused, rebuild=True)
        if self.returned is not None:
            heading = returned_heading(self.returned, following)
            self.query_one("#interview-returned", Static).update(heading)
        self.refresh_bindings()

    def focused_question(self) -> str | None:
        node = self.focused
        while node is not None and not isinstance(node, QuestionView):
            node = node.parent  # type: ignore[assignment]
        return node.question.id if isinstance(node, QuestionView) else None

    # ----- review and leaving -----------------------------------------------------------------

    def action_review(self) -> None:
        if self.interview.status is Status.DRAFT and self.flush_inputs():
            self.from_review = False
            self.app.push_screen(ReviewScreen(self.interview), self.after_review)

    async def after_review(self, result: ReviewResult | None) -> None:
        if result is not None and result.finished:
            key = (
                N_("Refusal recorded.")
                if self.interview.status is Status.REFUSED
                else N_("Interview saved. Thank you!")
            )
            self.notify_home(tr(key, self.interview.language))
            self.dismiss()
            return
        if result is not None and result.jump_to:
            problem = self.interview.jump(result.jump_to)
            if problem is None:
                self.from_review = True
                await self.show_page(focus=result.jump_to)
                return
        if self.interview.page is None:  # reviewed at the end and went back: last page
            self.interview.back()
        await self.show_page()

    def action_leave(self) -> None:
        """Back to Home; the draft is already saved, only the pause is recorded."""
        if self.interview.status is Status.DRAFT:
            self.flush_inputs()
            with contextlib.suppress(EngineError):  # answers are saved; paradata can be lost
                if self.interview.discard_if_empty():  # nothing to resume: no draft listed
                    self.dismiss()
                    return
                self.interview.suspend()
            kept = tr("Interview kept as a draft; resume it from Home.", self.interview.language)
            self.notify_home(kept, timeout=3)
        self.dismiss()

    def notify_home(self, message: str, timeout: float | None = None) -> None:
        """A notice for Home, where this screen returns: folded to Home's narrow toast
        between character clusters (Textual would split a Khmer cluster)."""
        self.notify(home_notice(message), markup=False, timeout=timeout)


def start_interview(app: FieldSurveyApp) -> None:
    """A new interview in the interface language, on top of Home."""
    try:
        interview = engine_start(app.ctx.store, app.ctx.questionnaire)
    except EngineError as exc:
        app.notify(exc.message, severity="error", timeout=10)
        return
    app.push_screen(InterviewScreen(interview))


def resume_interview(app: FieldSurveyApp, response_id: int) -> None:
    """Reopen a draft where it was left."""
    try:
        interview = engine_resume(app.ctx.store, response_id, [app.ctx.questionnaire])
    except EngineError as exc:
        app.notify(exc.message, severity="error", timeout=10)
        return
    app.push_screen(InterviewScreen(interview))
