"""`fieldsurvey ask`: a plain, line-by-line interview on the same engine as the app.

For screen readers, SSH from a phone and terminals where a full-screen app fails: one
question at a time, asked with questionary prompts that read well aloud. Every answer is
committed by the engine before the next prompt; Ctrl+C or "save and quit" keeps the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

import questionary
import sqlite_utils
from questionary import Choice

from fieldsurvey.engine import Interview, resume_interview, start_interview
from fieldsurvey.i18n import N_, tr
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import (
    LikertItem,
    Note,
    QuestionLike,
    Rank,
    SelectMultiple,
    SelectOne,
)
from fieldsurvey.store.counts import list_drafts
from fieldsurvey.store.db import get_setting, set_setting

REFUSED = N_("No consent: the interview ends; only the refusal is kept.")
DONE = N_("Saved. Thank you.")
TYPED_HELP = N_("Type < to go back, :lang CODE to switch language, :q to save and quit")


class Move(Enum):
    """What the interviewer asked for instead of (or after) an answer."""

    ANSWERED = "answered"
    BACK = "back"
    LANGUAGE = "language"
    REDRAW = "redraw"
    QUIT = "quit"


class PlainInterview:
    """Runs one interview with prompts; `say` prints a line (injected for tests)."""

    def __init__(self, interview: Interview, say: Callable[[str], None] = print) -> None:
        self.interview = interview
        self.say = say

    def tr(self, message: str, **values: object) -> str:
        """One of `ask`'s own words in the interview language."""
        return tr(message, self.interview.language, **values)

    def run(self) -> str:
        """Ask until the interview is closed or the interviewer quits; returns the status."""
        interview = self.interview
        try:
            while interview.status == "draft":
                if interview.page is None:
                    if not self._finish():
                        interview.back()
                    continue
                if self._ask_page() is Move.QUIT:
                    break
        except KeyboardInterrupt:
            pass
        if interview.status == "draft":
            interview.suspend()
            self.say(self.tr("Draft kept: resume it with `fieldsurvey ask`."))
        else:
            self.say(self.tr(REFUSED if interview.status == "refused" else DONE))
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
        for problem in self.interview.next():
            self.say(f"! {problem.message}")
        return Move.ANSWERED

    def _ask_until_accepted(self, question: QuestionLike) -> Move:
        while True:
            move, value = self._prompt(question)
            if move is not Move.ANSWERED or isinstance(question, Note):
                return move
            if value is None:
                problem = self.interview.clear(question.id)
            else:
                problem = self.interview.answer(question.id, value)
            if problem is None:
                return Move.ANSWERED
            self.say(f"! {problem.message}")

    def _prompt(self, question: QuestionLike) -> tuple[Move, object]:
        label = self.interview.text(question.label)
        hint = self.interview.text(getattr(question, "hint", None))
        message = f"{label}\n  ({hint})" if hint else label
        if isinstance(question, Note):
            return self._select(message, [Choice(self.tr("Continue"), value=None)], None)
        if isinstance(question, SelectOne | LikertItem):
            choices = self._choices(question)
            if not self.interview.is_required(question.id):
                choices.append(Choice(self.tr("(no answer)"), value=None))
            return self._select(message, choices, self.interview.value(question.id))
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
            points = [Choice(f"{p.value}  {text(p.label)}", p.value) for p in scale.points]
            return [*points, Choice(text(scale.dk.label), scale.dk.value)]
        choice_list = q.choice_list_by_id[question.choices]
        return [Choice(self.interview.text(c.label), c.value) for c in choice_list.choices]

    def _navigation(self) -> list[Choice]:
        return [
            Choice(self.tr("< Back"), value=Move.BACK),
            Choice(self.tr("Change language"), value=Move.LANGUAGE),
            Choice(self.tr("Save and quit"), value=Move.QUIT),
        ]

    def _select(self, message: str, choices: list[Choice], current: object) -> tuple[Move, object]:
        everything = [*choices, questionary.Separator(), *self._navigation()]
        default = next((c for c in choices if c.value == current), None)
        picked = questionary.select(message, everything, default=default).unsafe_ask()
        return (picked, None) if isinstance(picked, Move) else (Move.ANSWERED, picked)

    def _checkbox(self, message: str, question: SelectMultiple) -> tuple[Move, object]:
        current = self.interview.value(question.id) or []
        choices = self._choices(question)
        for choice in choices:
            choice.checked = choice.value in current
        picked = questionary.checkbox(message, choices).unsafe_ask()
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

    def _choose_language(self) -> None:
        languages = self.interview.questionnaire.languages
        picked = questionary.select(
            self.tr("Change language"), languages, default=self.interview.language
        ).unsafe_ask()
        self.interview.set_language(picked)

    def _finish(self) -> bool:
        """At the end of the form: confirm, then complete; problems send us back to them."""
        if not questionary.confirm(self.tr("Finish the interview?"), default=True).unsafe_ask():
            return False
        problems = self.interview.complete()
        for problem in problems:
            self.say(f"! {problem.message}")
        if problems:
            self.interview.jump(problems[0].question)
        return True


def open_interview(
    db: sqlite_utils.Database, questionnaire: Questionnaire, lang: str | None, force_new: bool
) -> Interview:
    """Ask for interviewer and office on first use, then offer the drafts or start anew."""
    language = lang or get_setting(db, "language") or questionnaire.default_language
    for key, prompt in (("interviewer", N_("Interviewer name")), ("office", N_("Office"))):
        if not get_setting(db, key):
            value = questionary.text(tr(prompt, language) + ":").unsafe_ask().strip()
            if value:
                set_setting(db, key, value)
    drafts = [] if force_new else list_drafts(db)
    chosen = None
    if drafts:
        options = [Choice(tr("Start a new interview", language), value=None)]
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
    if chosen is None:
        return start_interview(db, questionnaire, language=lang)
    interview = resume_interview(db, chosen, [questionnaire])
    if lang:
        interview.set_language(lang)
    return interview
