"""`fieldsurvey ask`: a plain, line-by-line interview on the same engine as the app.

For screen readers, SSH from a phone and terminals where a full-screen app fails: one
question at a time, asked with questionary prompts that read well aloud. Every answer is
committed by the engine before the next prompt; Ctrl+C or "save and quit" keeps the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

import questionary
from questionary import Choice

from fieldsurvey.engine import Interview, resume_interview, start_interview
from fieldsurvey.i18n import N_, language_name, tr
from fieldsurvey.plain_prompts import match_terminal_widths, numbered, select_with_keys, wrap
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import (
    LikertItem,
    Note,
    QuestionLike,
    Rank,
    SelectMultiple,
    SelectOne,
)
from fieldsurvey.questionnaire.rounds import EXAMPLE, RoundError, check_round
from fieldsurvey.store.interface import InterviewStore
from fieldsurvey.store.status import Status
from fieldsurvey.ui.formatting import format_answer

REFUSED = N_("No consent: the interview ends; only the refusal is kept.")
DONE = N_("Saved. Thank you.")
REVIEW_HELP = N_("(a number changes that answer; Enter on Finish ends the interview)")
TYPED_HELP = N_("Type < to go back, :lang CODE to switch language, :q to save and quit")


class Move(Enum):
    """What the interviewer asked for instead of (or after) an answer."""

    ANSWERED = "answered"
    BACK = "back"
    LANGUAGE = "language"
    REDRAW = "redraw"
    QUIT = "quit"
    FINISH = "finish"


class PlainInterview:
    """Runs one interview with prompts; `say` prints a line (injected for tests)."""

    def __init__(self, interview: Interview, say: Callable[[str], None] = print) -> None:
        self.interview = interview
        self.say = say
        self.reviewing = False
        """A question was picked in the review: once answered, the review comes back."""
        match_terminal_widths()

    def tr(self, message: str, **values: object) -> str:
        """One of `ask`'s own words in the interview language."""
        return tr(message, self.interview.language, **values)

    def run(self) -> str:
        """Ask until the interview is closed or the interviewer quits; returns the status."""
        interview = self.interview
        try:
            while interview.status is Status.DRAFT:
                if interview.page is None:
                    self._review_and_finish()
                    continue
                move = self._ask_page()
                if move is Move.QUIT:
                    break
                if move is Move.ANSWERED and self.reviewing:
                    self._to_the_end()
        except KeyboardInterrupt:
            pass
        if interview.status is Status.DRAFT and interview.discard_if_empty():
            self.say(self.tr("Nothing was answered: no draft kept."))
        elif interview.status is Status.DRAFT:
            interview.suspend()
            self.say(self.tr("Draft kept: resume it with `fieldsurvey ask`."))
        else:
            self.say(self.tr(REFUSED if interview.status is Status.REFUSED else DONE))
        return interview.status

    def _ask_page(self) -> Move:
        progress = self.interview.progress()
        self.say(f"\n[{progress.answered}/{progress.relevant}]")
        for question in self.interview.page_items():
            move = self._ask_until_accepted(question)
            if move is Move.BACK:
                self.interview.back()
                return move
            if move is Move.LANGUAGE:
                self._choose_language()
            if move is not Move.ANSWERED:
                return move
        problems = self.interview.next()
        for problem in problems:
            self.say(f"! {problem.message}")
        return Move.ANSWERED if not problems else Move.REDRAW

    def _ask_until_accepted(self, question: QuestionLike) -> Move:
        while True:
            move, value = self._prompt(question)
            if move is not Move.ANSWERED or _display_only(question):
                return move
            if value is None:
                problem = self.interview.clear(question.id)
            else:
                problem = self.interview.answer(question.id, value)
            if problem is None:
                return Move.ANSWERED
            self.say(f"! {problem.message}")

    def _prompt(self, question: QuestionLike) -> tuple[Move, object]:
        label = wrap(self.interview.text(getattr(question, "label", None)))
        hint = self.interview.text(getattr(question, "hint", None))
        message = f"{label}\n{wrap(f'({hint})', '  ')}" if hint else label
        if _display_only(question):
            if getattr(question, "read_only", False):
                message += f"\n  {self.interview.value(question.id)}"
            return self._select(message, [Choice(self.tr("Continue"), value=None)], None)
        if isinstance(question, SelectOne | LikertItem):
            choices = self._choices(question)
            if not self.interview.is_required(question.id):
                choices.append(Choice(self.tr("(no answer)"), value=None))
            dk = None
            if isinstance(question, LikertItem):
                dk = self.interview.questionnaire.scale_by_id[question.scale].dk.value
            return self._select(message, choices, self.interview.value(question.id), dk)
        if isinstance(question, SelectMultiple):
            return self._checkbox(message, question)
        if isinstance(question, Rank):
            return self._rank(message, question)
        return self._typed(message, question)

    def _choices(self, question: SelectOne | SelectMultiple | Rank | LikertItem) -> list[Choice]:
        q = self.interview.questionnaire
        if isinstance(question, LikertItem):
            scale = q.scale_by_id[question.scale]
            text = self.interview.text
            points = [Choice(text(p.label), p.value) for p in scale.points]
            return [*points, *(Choice(text(c.label), c.value) for c in scale.off_scale)]
        choice_list = q.choice_list_by_id[question.choices]
        return [Choice(self.interview.text(c.label), c.value) for c in choice_list.choices]

    def _navigation(self) -> list[Choice]:
        return [
            Choice(self.tr("< Back"), value=Move.BACK),
            Choice(self.tr("Change language"), value=Move.LANGUAGE),
            Choice(self.tr("Save and quit"), value=Move.QUIT),
        ]

    def _select(
        self, message: str, choices: list[Choice], current: object, dk: object = None
    ) -> tuple[Move, object]:
        """One answer from `choices`: a number key answers at once (0: don't know)."""
        keys = numbered(choices, dk)
        everything = [*choices, questionary.Separator(), *self._navigation()]
        default = next((c for c in choices if c.value == current), None)
        instruction = self.tr("(a number, or arrows and Enter)")
        picked = select_with_keys(message, everything, keys, default, instruction)
        return (picked, None) if isinstance(picked, Move) else (Move.ANSWERED, picked)

    def _checkbox(self, message: str, question: SelectMultiple) -> tuple[Move, object]:
        stored = self.interview.value(question.id)
        current = stored if isinstance(stored, list) else []
        choices = self._choices(question)
        for choice in choices:
            choice.checked = choice.value in current
        instruction = self.tr("(space ticks, Enter goes on)")
        picked = questionary.checkbox(message, choices, instruction=instruction).unsafe_ask()
        return Move.ANSWERED, picked or None

    def _rank(self, message: str, question: Rank) -> tuple[Move, object]:
        remaining = self._choices(question)
        order: list[str] = []
        while len(remaining) > 1:
            rank = len(order) + 1
            prompt = message if not order else self.tr("Next in order ({rank})", rank=rank)
            move, value = self._select(prompt, remaining, None)
            if move is not Move.ANSWERED:
                return move, None
            order.append(str(value))
            remaining = [c for c in remaining if c.value != value]
        return Move.ANSWERED, [*order, *(str(c.value) for c in remaining)]

    def _typed(self, message: str, question: QuestionLike) -> tuple[Move, object]:
        current = self.interview.value(question.id)
        default = "" if current is None else str(current)
        text = questionary.text(
            message, default=default, instruction="\n  " + self.tr(TYPED_HELP) + "\n  >"
        ).unsafe_ask()
        stripped = text.strip()
        if stripped == "<":
            return Move.BACK, None
        if stripped == ":q":
            return Move.QUIT, None
        if stripped.startswith(":lang"):
            code = stripped.removeprefix(":lang").strip()
            if code in self.interview.questionnaire.languages:
                self.interview.set_language(code)
                return Move.REDRAW, None
            return Move.LANGUAGE, None
        return Move.ANSWERED, stripped or None

    def language_choices(self) -> list[Choice]:
        """The questionnaire's languages, each named in itself (English, 中文, ខ្មែរ)."""
        return [
            Choice(language_name(code), code) for code in self.interview.questionnaire.languages
        ]

    def _choose_language(self) -> None:
        languages = self.language_choices()
        default = next(c for c in languages if c.value == self.interview.language)
        instruction = self.tr("(a number, or arrows and Enter)")
        keys = numbered(languages)
        picked = select_with_keys(self.tr("Change language"), languages, keys, default, instruction)
        self.interview.set_language(str(picked))

    def _review_and_finish(self) -> None:
        """As the app's Review: every answer, numbered; pick one to change it, or finish.
        Problems found on finishing send the interview to the first of them."""
        interview = self.interview
        text = interview.text
        rows = [
            Choice(
                f"{text(getattr(item.question, 'label', None))}: "
                f"{format_answer(item.question, item.value, interview.questionnaire, text) or '—'}",
                item.question.id,
            )
            for item in interview.review()
        ]
        finish = Choice(self.tr("Finish the interview"), value=Move.FINISH)
        everything = [finish, *rows, questionary.Separator(), *self._navigation()]
        keys = numbered([finish, *rows])
        heading = self.tr("Review answers")
        picked = select_with_keys(heading, everything, keys, finish, self.tr(REVIEW_HELP))
        if picked is Move.BACK:
            interview.back()
        elif picked is Move.LANGUAGE:
            self._choose_language()
        elif picked is Move.QUIT:
            raise KeyboardInterrupt  # saved as a draft by run(), as Ctrl+C is
        elif picked is Move.FINISH:
            self._finish()
        else:
            self.reviewing = interview.jump(str(picked)) is None

    def _to_the_end(self) -> None:
        """After a change made from the review: on through the answered pages to the review."""
        while self.interview.page is not None and not self.interview.next():
            pass
        self.reviewing = self.interview.page is not None

    def _finish(self) -> None:
        problems = self.interview.complete()
        for problem in problems:
            self.say(f"! {problem.message}")
        if problems:
            self.interview.jump(problems[0].question)


def _round_is_set(store: InterviewStore, questionnaire: Questionnaire) -> bool:
    """Asked before ("" = no round) and, if given, in the fixed form."""
    value = store.get_setting("round")
    return value is not None and not (value and _round_problem(value, questionnaire))


def _ask_round(store: InterviewStore, questionnaire: Questionnaire, language: str) -> None:
    """Asked until it is in the fixed form (or left empty: no round)."""
    value = questionary.text(
        tr("Survey round (e.g. {example}; Enter for none):", language, example=EXAMPLE),
        validate=lambda text: _round_problem(text, questionnaire) or True,
    ).unsafe_ask()
    store.set_setting("round", check_round(value, questionnaire.rounds) if value.strip() else "")


def _round_problem(text: str, questionnaire: Questionnaire) -> str | None:
    if not text.strip():
        return None
    try:
        check_round(text, questionnaire.rounds)
    except RoundError as exc:
        return str(exc)
    return None


def open_interview(
    store: InterviewStore, questionnaire: Questionnaire, lang: str | None, force_new: bool
) -> Interview:
    """Ask for interviewer, office and round on first use, then offer the drafts or start
    anew."""
    language = lang or store.get_setting("language") or questionnaire.default_language
    for key, prompt in (("interviewer", N_("Interviewer name")), ("office", N_("Office"))):
        if not store.get_setting(key):
            value = questionary.text(tr(prompt, language) + ":").unsafe_ask().strip()
            if value:
                store.set_setting(key, value)
    if not _round_is_set(store, questionnaire):
        _ask_round(store, questionnaire, language)
    drafts = [] if force_new else store.list_drafts()
    chosen = None
    if drafts:
        options = [Choice(tr("Start a new interview", language), value=0)]  # None means title
        options += [
            Choice(
                tr(
                    "Resume draft #{id}: {persona}, {answers} answers, last saved {saved}",
                    language,
                    id=d.id,
                    persona=d.persona or tr("no persona yet", language),
                    answers=d.answers,
                    saved=d.updated_at[:16].replace("T", " "),
                ),
                value=d.id,
            )
            for d in drafts
        ]
        chosen = questionary.select(tr("Drafts on this device:", language), options).unsafe_ask()
    if not chosen:
        return start_interview(store, questionnaire, language=lang)
    interview = resume_interview(store, chosen, [questionnaire])
    if lang:
        interview.set_language(lang)
    return interview


def _display_only(question: QuestionLike) -> bool:
    """A note, or a read-only question: shown, never answered."""
    return isinstance(question, Note) or bool(getattr(question, "read_only", False))
