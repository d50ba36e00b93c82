"""`fieldsurvey ask`: a plain, line-by-line interview on the same engine as the app.

For screen readers, SSH from a phone, terminals where a full-screen app fails and piped input:
one question at a time, asked by a `Prompter` (questionary on a terminal, plain lines
otherwise). Every answer is committed by the engine before the next prompt; Ctrl+C, "save and
quit" or the end of piped input keeps the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from fieldsurvey.cli.plain.prompter import EndOfInput, Option, Prompter
from fieldsurvey.engine import Interview
from fieldsurvey.i18n import N_, language_name, tr
from fieldsurvey.questionnaire.model import (
    LikertItem,
    Note,
    QuestionLike,
    Rank,
    SelectMultiple,
    SelectOne,
)
from fieldsurvey.questionnaire.ranges import rating_range
from fieldsurvey.safetext import terminal_text
from fieldsurvey.store.status import Status
from fieldsurvey.ui.formatting import format_answer
from fieldsurvey.ui.keys import rating_keys

REFUSED = N_("No consent: the interview ends; only the refusal is kept.")
DONE = N_("Saved. Thank you.")
REVIEW_HELP = N_("(a number changes that answer; Enter on Finish ends the interview)")


class Move(Enum):
    """What the interviewer asked for instead of (or after) an answer."""

    ANSWERED = "answered"
    BACK = "back"
    LANGUAGE = "language"
    REDRAW = "redraw"
    QUIT = "quit"
    FINISH = "finish"


class PlainInterview:
    """Runs one interview with `prompter`; `say` prints a line between prompts."""

    def __init__(
        self, interview: Interview, prompter: Prompter, say: Callable[[str], None] = print
    ) -> None:
        self.interview = interview
        self.prompter = prompter
        self.say: Callable[[str], None] = lambda line: say(terminal_text(line, multiline=True))
        self.reviewing = False
        """A question was picked in the review: once answered, the review comes back."""
        self.input_ended = False
        """The piped input ran out before the interview ended."""

    @property
    def lang(self) -> str:
        return self.interview.language

    def tr(self, message: str, **values: object) -> str:
        """One of `ask`'s own words in the interview language."""
        return tr(message, self.lang, **values)

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
        except EndOfInput:
            self.input_ended = True
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
            self.prompter.refuse(problem.message)

    def _prompt(self, question: QuestionLike) -> tuple[Move, object]:
        label = self.interview.text(getattr(question, "label", None))
        hint = self.interview.text(getattr(question, "hint", None))
        message = f"{label}\n  ({hint})" if hint else label
        if _display_only(question):
            if getattr(question, "read_only", False):
                message += f"\n  {self.interview.value(question.id)}"
            return self._select(message, [Option(self.tr("Continue"), None)], None)
        if isinstance(question, SelectOne | LikertItem):
            options = self._options(question)
            if not self.interview.is_required(question.id):
                options.append(Option(self.tr("(no answer)"), None))
            dk = None
            if isinstance(question, LikertItem):
                dk = self.interview.questionnaire.scale_by_id[question.scale].dk.value
            return self._select(message, options, self.interview.value(question.id), dk)
        if isinstance(question, SelectMultiple):
            stored = self.interview.value(question.id)
            checked = stored if isinstance(stored, list) else []
            picked = self.prompter.checkbox(message, self._options(question), self.lang, checked)
            return Move.ANSWERED, picked or None
        if isinstance(question, Rank):
            return self._rank(message, question)
        if (bounds := rating_range(question)) is not None:
            return self._rating(message, question, *bounds)
        return self._typed(message, question)

    def _rating(
        self, message: str, question: QuestionLike, low: int, high: int
    ) -> tuple[Move, object]:
        """A 0-10 rating as the app offers it: one key each (0-9, t for 10); typing 10 works
        too in line mode. Not a typed number, so a slip like "33" cannot be given."""
        numbers = range(low, high + 1)
        options = [Option(str(n), n) for n in numbers]
        keys = ["".join(rating_keys(n)) for n in numbers]
        if not self.interview.is_required(question.id):
            options.append(Option(self.tr("(no answer)"), None))
            keys.append("")
        return self._select(message, options, self.interview.value(question.id), keys=keys)

    def _options(self, question: SelectOne | SelectMultiple | Rank | LikertItem) -> list[Option]:
        q = self.interview.questionnaire
        text = self.interview.text
        if isinstance(question, LikertItem):
            scale = q.scale_by_id[question.scale]
            points = [Option(text(p.label), p.value) for p in scale.points]
            return [*points, *(Option(text(c.label), c.value) for c in scale.off_scale)]
        choice_list = q.choice_list_by_id[question.choices]
        return [Option(text(c.label), c.value) for c in choice_list.choices]

    def _navigation(self) -> list[Option]:
        return [
            Option(self.tr("< Back"), Move.BACK, "<"),
            Option(self.tr("Change language"), Move.LANGUAGE, ":lang"),
            Option(self.tr("Save and quit"), Move.QUIT, ":q"),
        ]

    def _select(
        self,
        message: str,
        options: list[Option],
        current: object,
        dk: object = None,
        keys: list[str] | None = None,
    ) -> tuple[Move, object]:
        """One answer from `options` (keyed by `keys`, else numbered), or a move."""
        picked = self.prompter.select(
            message,
            options,
            self.lang,
            default=current,
            dk=dk,
            navigation=self._navigation(),
            keys=keys,
        )
        return (picked, None) if isinstance(picked, Move) else (Move.ANSWERED, picked)

    def _rank(self, message: str, question: Rank) -> tuple[Move, object]:
        remaining = self._options(question)
        order: list[str] = []
        while len(remaining) > 1:
            rank = len(order) + 1
            prompt = message if not order else self.tr("Next in order ({rank})", rank=rank)
            move, value = self._select(prompt, remaining, None)
            if move is not Move.ANSWERED:
                return move, None
            order.append(str(value))
            remaining = [o for o in remaining if o.value != value]
        return Move.ANSWERED, [*order, *(str(o.value) for o in remaining)]

    def _typed(self, message: str, question: QuestionLike) -> tuple[Move, object]:
        current = self.interview.value(question.id)
        default = "" if current is None else str(current)
        text = self.prompter.text(message, self.lang, default=default, commands=True)
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

    def language_options(self) -> list[Option]:
        """The questionnaire's languages, each named in itself (English, 中文, ខ្មែរ)."""
        return [
            Option(language_name(code), code) for code in self.interview.questionnaire.languages
        ]

    def _choose_language(self) -> None:
        picked = self.prompter.select(
            self.tr("Change language"), self.language_options(), self.lang, default=self.lang
        )
        self.interview.set_language(str(picked))

    def _review_and_finish(self) -> None:
        """As the app's Review: every answer, numbered; pick one to change it, or finish.
        Problems found on finishing send the interview to the first of them."""
        interview = self.interview
        text = interview.text
        rows = [
            Option(
                f"{text(getattr(item.question, 'label', None))}: "
                f"{format_answer(item.question, item.value, interview.questionnaire, text) or '—'}",
                item.question.id,
            )
            for item in interview.review()
        ]
        finish = Option(self.tr("Finish the interview"), Move.FINISH)
        picked = self.prompter.select(
            self.tr("Review answers"),
            [finish, *rows],
            self.lang,
            default=Move.FINISH,
            navigation=self._navigation(),
            instruction=self.tr(REVIEW_HELP),
        )
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


def _display_only(question: QuestionLike) -> bool:
    """A note, or a read-only question: shown, never answered."""
    return isinstance(question, Note) or bool(getattr(question, "read_only", False))
