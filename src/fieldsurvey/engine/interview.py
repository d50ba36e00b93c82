"""One interview in progress: answering, moving between pages, closing.

Every change is committed before the method returns (`DraftWriter`: one transaction each,
paradata included); if the commit fails the in-memory interview is rolled back with it and an
`EngineError` says why, so the object stays usable (free some space, answer again).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from fieldsurvey.engine import navigation
from fieldsurvey.engine.checks import constraint_problem, is_required, problem, problems
from fieldsurvey.engine.draft import DraftWriter
from fieldsurvey.engine.errors import EngineError, Problem
from fieldsurvey.engine.plan import Page, Plan
from fieldsurvey.engine.state import FormState
from fieldsurvey.engine.values import InvalidAnswer, coerce_answer
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.expressions import Value
from fieldsurvey.questionnaire.model import QuestionLike, Text
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.store.interface import InterviewStore
from fieldsurvey.store.records import Event, ResponseRecord
from fieldsurvey.store.status import Status


@dataclass(frozen=True)
class Progress:
    answered: int
    relevant: int
    """Questions that apply to this respondent and take an answer (not notes, not calculations)."""


@dataclass(frozen=True)
class ReviewItem:
    question: QuestionLike
    value: Value
    page: int
    required: bool


class Interview:
    """Made by `start_interview`, `resume_interview` or `revise_response`, not directly."""

    def __init__(
        self,
        store: InterviewStore,
        plan: Plan,
        record: ResponseRecord,
        stored: Mapping[str, Value],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.plan = plan
        self.response_id = record.id
        self.uuid = record.uuid
        self.revision = record.revision
        self.status = record.status
        self.language = record.language
        self.content_hash = record.content_hash
        self._state = FormState(plan, stored)
        self._index = len(plan.pages)
        self._writer = DraftWriter(store, record.id, clock)

    @classmethod
    def open(
        cls,
        store: InterviewStore,
        plan: Plan,
        record: ResponseRecord,
        stored: Mapping[str, Value],
        event: Event,
        *,
        from_start: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> Interview:
        """Load a draft and record `event`; the first page, or where the draft was left.

        `clock` (seconds, monotonic) times the pages for paradata; `demo` passes a simulated one.
        """
        interview = cls(store, plan, record, stored, clock)
        state = interview._state
        if from_start:
            index = navigation.next_page(state, -1)
        else:
            index = navigation.resume_page(state, record.current_question)
        recalculated = {
            name: state.calculated(name)
            for name in plan.calculations
            if state.calculated(name) != stored.get(name)
        }
        unsaved = dict(stored) if from_start else {}  # a new draft's defaults: stored now
        interview._move(index, [event], {**unsaved, **recalculated})
        return interview

    # --- what a screen shows ----------------------------------------------------------------

    @property
    def questionnaire(self) -> Questionnaire:
        return self.plan.questionnaire

    @property
    def page(self) -> Page | None:
        """The current page; None at the end of the form (review and finish)."""
        return self.plan.pages[self._index] if self._index < len(self.plan.pages) else None

    def page_items(self) -> list[QuestionLike]:
        """The current page's relevant questions and notes."""
        page = self.page
        return navigation.visible_items(self._state, page) if page else []

    def value(self, question: str) -> Value:
        """The answer as expressions see it: None if unanswered or not relevant."""
        return self._state.value(question)

    def answers(self) -> dict[str, Value]:
        """Every visible answer and calculated value."""
        return {q: v for q in self.plan.questionnaire.questions if (v := self.value(q)) is not None}

    def is_relevant(self, question: str) -> bool:
        return self._state.is_relevant(question)

    def is_required(self, question: str) -> bool:
        return self._state.is_relevant(question) and is_required(self._state, question)

    def progress(self) -> Progress:
        relevant = [q for q in self.plan.answerable if self._state.is_relevant(q)]
        answered = sum(self._state.value(q) is not None for q in relevant)
        return Progress(answered, len(relevant))

    def review(self) -> list[ReviewItem]:
        """Every relevant question with its answer, for the review screen."""
        questions = self.plan.questionnaire.questions
        return [
            ReviewItem(questions[q], self.value(q), self.plan.page_of[q], self.is_required(q))
            for q in self.plan.answerable
            if self._state.is_relevant(q)
        ]

    def text(self, text: Text | None) -> str:
        """A label, hint or message in the interview language (default language as fallback)."""
        return text_in(text, self.language, self.questionnaire.default_language)

    # --- answering ----------------------------------------------------------------------------

    def answer(self, question: str, raw: object) -> Problem | None:
        """Check and save an answer (None or blank clears it); a Problem if it is refused."""
        self._require_draft()
        value, refusal = self._checked(question, raw)
        if refusal is not None:
            return refusal
        with self._state.tentatively():
            changed = self._state.set_answer(question, value)
            recalculated = {
                q: self._state.calculated(q) for q in changed if q in self.plan.calculations
            }
            columns = self._persona_change(changed)
            answers = {question: value, **recalculated}
            self._writer.save(answers, [], "the answer was not saved", columns)
        return None

    def clear(self, question: str) -> Problem | None:
        return self.answer(question, None)

    def _checked(self, question: str, raw: object) -> tuple[Value, Problem | None]:
        """The value to store for `raw`, or the problem that stops it being stored."""
        if question not in self.plan.questionnaire.questions:
            return None, problem(question, "unknown_question", self.language)
        if question not in self.plan.required or getattr(
            self.plan.questionnaire.questions[question], "read_only", False
        ):
            return None, problem(question, "no_answer", self.language)
        if not self._state.is_relevant(question):
            return None, problem(question, "not_relevant", self.language)
        try:
            value = coerce_answer(self.plan.questionnaire.questions[question], raw, self.plan)
        except InvalidAnswer as exc:
            return None, problem(question, exc.code, self.language, **exc.params)
        return value, constraint_problem(self._state, question, value, self.language)

    def _persona_change(self, changed: list[str]) -> dict[str, object]:
        persona = self.plan.questionnaire.persona_question
        if persona is None or persona.id not in changed:
            return {}
        return {"persona": self._state.value(persona.id)}

    # --- moving -------------------------------------------------------------------------------

    def next(self) -> list[Problem]:
        """Leave the page if its answers are complete and valid; else the problems, in order.

        A declined consent ends the interview here as `refused` (see `consent_declined`).
        """
        self._require_draft()
        page = self.page
        if page is None:
            return []
        if self.consent_declined():
            self._refuse()
            return []
        found = problems(self._state, [item.id for item in page.questions], self.language)
        if not found:
            self._move(navigation.next_page(self._state, self._index))
        return found

    def back(self) -> bool:
        """Go to the previous relevant page; False on the first one."""
        self._require_draft()
        index = navigation.previous_page(self._state, self._index)
        if index is None:
            return False
        self._move(index)
        return True

    def jump(self, question: str) -> Problem | None:
        """Go to the page of a relevant question (e.g. from the review screen)."""
        self._require_draft()
        index = self.plan.page_of.get(question)
        if index is None:
            return problem(question, "unknown_question", self.language)
        if not self._state.is_relevant(question):
            return problem(question, "not_relevant", self.language)
        self._move(index)
        return None

    def set_language(self, language: str) -> None:
        self._require_draft()
        if language not in self.questionnaire.languages:
            known = ", ".join(self.questionnaire.languages)
            raise EngineError("bad_language", f"unknown language {language!r}; use one of {known}")
        detail = f"{self.language}>{language}"
        page = self.page
        events = [Event("language", page.key if page else None, detail=detail)]
        self._writer.save({}, events, "the language was not changed", {"language": language})
        self.language = language

    def consent_declined(self) -> bool:
        """Consent was asked and answered with anything but its `accept` value."""
        consent = self.questionnaire.consent
        if consent is None:
            return False
        given = self._state.value(consent.question)
        return given is not None and given != consent.accept

    # --- closing --------------------------------------------------------------------------------

    def complete(self) -> list[Problem]:
        """Close as complete, or return what is missing or invalid (nothing is changed then).

        Answers to questions that are not relevant are dropped, as XLSForm does. A declined
        consent closes the interview as refused instead.
        """
        self._require_draft()
        if self.consent_declined():
            self._refuse()
            return []
        found = problems(self._state, self.plan.answerable, self.language)
        if not found:
            kept = [q for q in self.plan.questionnaire.questions if self.value(q) is not None]
            self._close(Status.COMPLETE, [Event("complete")], keep=kept)
        return found

    def _refuse(self) -> None:
        """End a declined interview: only the consent answer is kept, no persona."""
        consent = self.questionnaire.consent
        assert consent is not None
        self._close(Status.REFUSED, [Event("refused")], keep=[consent.question])

    def void(self, reason: str) -> None:
        """Close as voided (answers kept for the record), e.g. a mistaken or test interview."""
        self._require_draft()
        self._close(Status.VOIDED, [Event("void", detail=reason)], keep=None)

    def suspend(self) -> None:
        """Record leaving the current page (the screen closes); resume later with the id."""
        self._require_draft()
        self._writer.suspend()

    # --- internals --------------------------------------------------------------------------

    def _require_draft(self) -> None:
        if self.status is not Status.DRAFT:
            raise EngineError(
                "closed", f"this interview is {self.status}; revise it to make changes"
            )

    def _move(
        self,
        index: int,
        events: list[Event] | None = None,
        answers: Mapping[str, Value] | None = None,
    ) -> None:
        key = self.plan.pages[index].key if index < len(self.plan.pages) else None
        self._writer.move(key, events or [], answers or {})
        self._index = index

    def _close(self, status: Status, events: list[Event], keep: list[str] | None) -> None:
        """Close the draft; the interview then shows what was kept, read-only."""
        self.content_hash = self._writer.close(status, events, keep)
        kept = self._state.stored_answers()
        if keep is not None:
            kept = {q: v for q, v in kept.items() if q in keep}
        self._state = FormState(self.plan, kept)
        self.status = status
        self._index = len(self.plan.pages)
