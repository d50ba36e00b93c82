"""`fieldsurvey ask` when input or output is not a terminal (`printf '1\\n2\\n' | fieldsurvey
ask`, a transcript redirected to a file, `TERM=dumb`): plain lines, no cursor codes.

Each prompt is printed as lines (the question, its options numbered, what may be typed), one
answer is read per input line, and the answer taken is echoed after `> ` so the output reads
as a transcript. A refused line is reported on stderr as `stdin:LINE: why`, and asked again.
Input that ends, or ends in a half-line (no newline), raises `EndOfInput`: what was answered
is kept as a draft and the half-line is never taken as an answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import TextIO

from fieldsurvey.cli.plain.prompter import (
    TYPED_HELP,
    EndOfInput,
    Option,
    Validate,
    keyed,
    option_keys,
)
from fieldsurvey.i18n import N_, tr
from fieldsurvey.safetext import terminal_text

MAX_LINE = 200_000
"""Characters in one input line; a text answer holds at most 100,000."""

PICK_HELP = N_("(type a number and Enter)")
PICK_MOVES_HELP = N_("(type a number and Enter; < back, :lang language, :q save and quit)")
TICK_HELP = N_("(the numbers to tick, separated by spaces; an empty line keeps the ticks shown)")
KEEP_HELP = N_("(an empty line keeps: {value})")
NOT_AN_OPTION = N_("{answer} is not one of the numbers shown")
TOO_LONG = N_("a line is longer than {limit:,} characters")


class LinePrompter:
    """Prompts as lines on `out`, answers from `source`, refusals on `err`."""

    def __init__(
        self, source: TextIO, out: Callable[[str], None], err: Callable[[str], None]
    ) -> None:
        self.source = source
        self.out = out
        self.err = err
        self.line_number = 0
        self.refused = 0
        """Input lines not taken as answers: the command exits 1 if there were any."""
        self._pending: list[str] = []

    def select(
        self,
        message: str,
        options: Sequence[Option],
        lang: str,
        *,
        default: object = None,
        dk: object = None,
        navigation: Sequence[Option] = (),
        instruction: str | None = None,
        keys: Sequence[str] | None = None,
    ) -> object:
        keys = option_keys(options, dk, keys, last=len(options))
        self._show(message)
        for key, option in zip(keys, options, strict=True):
            self._show(f"  {keyed(key, option.title)}")
        help_text = PICK_MOVES_HELP if navigation else PICK_HELP
        self._show(instruction or tr(help_text, lang))
        by_key = dict(zip(keys, options, strict=True))
        while True:
            answer = self._read(lang)
            picked = self._pick(answer, by_key, options, default, navigation)
            if picked is not None:
                self._show(f"> {picked.title}")
                return picked.value
            self.refuse(tr(NOT_AN_OPTION, lang, answer=answer or '""'))

    def _pick(
        self,
        answer: str,
        by_key: dict[str, Option],
        options: Sequence[Option],
        default: object,
        navigation: Sequence[Option],
    ) -> Option | None:
        """The option `answer` names: its number, a move's command (`:lang zh` also queues
        "zh" for the language question), its value or its title; empty: the default (no
        answer yet: the "(no answer)" option of a question that may be left unanswered)."""
        if not answer:
            pointed = [o for o in options if o.value == default]
            return pointed[0] if pointed else (options[0] if len(options) == 1 else None)
        command, _, rest = answer.partition(" ")
        for move in navigation:
            if move.command and command == move.command:
                if rest.strip():
                    self._pending.append(rest.strip())
                return move
        if answer in by_key:
            return by_key[answer]
        folded = answer.casefold()
        return next(
            (o for o in options if folded in (str(o.value).casefold(), o.title.casefold())), None
        )

    def checkbox(
        self, message: str, options: Sequence[Option], lang: str, checked: Collection[object]
    ) -> list[object]:
        self._show(message)
        for number, option in enumerate(options, 1):
            tick = "x" if option.value in checked else " "
            self._show(f"  {number}  [{tick}] {option.title}")
        self._show(tr(TICK_HELP, lang))
        while True:
            answer = self._read(lang)
            if not answer:
                picked = [o for o in options if o.value in checked]
                break
            numbers = re.split(r"[\s,]+", answer)
            if all(n.isdigit() and 1 <= int(n) <= len(options) for n in numbers):
                chosen = {int(n) for n in numbers}
                picked = [o for i, o in enumerate(options, 1) if i in chosen]
                break
            bad = next(n for n in numbers if not (n.isdigit() and 1 <= int(n) <= len(options)))
            self.refuse(tr(NOT_AN_OPTION, lang, answer=bad))
        self._show("> " + ", ".join(o.title for o in picked))
        return [o.value for o in picked]

    def text(
        self,
        message: str,
        lang: str,
        *,
        default: str = "",
        commands: bool = False,
        validate: Validate | None = None,
    ) -> str:
        self._show(message)
        if commands:
            self._show(tr(TYPED_HELP, lang))
        if default:
            self._show(tr(KEEP_HELP, lang, value=default))
        while True:
            typed = self._read(lang) or default
            problem = None if validate is None else validate(typed)
            if problem is None:
                self._show(f"> {typed}")
                return typed
            self.refuse(problem)

    def refuse(self, problem: str) -> None:
        self.refused += 1
        self.err(terminal_text(f"stdin:{self.line_number}: {problem}"))

    def _show(self, text: str) -> None:
        self.out(terminal_text(text, multiline=True))

    def _read(self, lang: str) -> str:
        """The next whole line, stripped; EndOfInput at the end or at a half-line."""
        if self._pending:
            return self._pending.pop(0)
        while True:
            line = self.source.readline(MAX_LINE + 1)
            if not line.endswith("\n") and len(line) <= MAX_LINE:
                raise EndOfInput
            self.line_number += 1
            if line.endswith("\n"):
                return line.strip()
            while line and not line.endswith("\n"):  # skip the rest of the long line
                line = self.source.readline(MAX_LINE + 1)
            self.refuse(tr(TOO_LONG, lang, limit=MAX_LINE))
