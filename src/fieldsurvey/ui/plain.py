"""`fieldsurvey ask` on a terminal: questionary's prompts, with answers on number keys as in
the app (echoed after the prompt as questionary echoes Enter), lines wrapped between words,
and Khmer measured the way terminals draw it. The only module that imports questionary and
prompt_toolkit (the import-linter contract in pyproject.toml says so).

prompt_toolkit measures text with `wcwidth`, which gives spacing vowel signs (Unicode Mc, the
Khmer ា ើ ោ) no cell; terminals give them one. The cursor then lands short of the text and the
line is redrawn over itself: "ប្តូរភាសា" shows as "ប្តូរភាសាា". The app fixes the same for Rich
in `ui/cells.py`; `match_terminal_widths` does it for prompt_toolkit.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Callable, Collection, Sequence

import prompt_toolkit.utils as prompt_utils
import questionary
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from questionary import Choice
from questionary.prompts.common import InquirerControl

from fieldsurvey.cli.plain.prompter import TYPED_HELP, Option, Validate, keyed, option_keys
from fieldsurvey.i18n import N_, tr
from fieldsurvey.safetext import terminal_text

SELECT_HELP = N_("(a number, or arrows and Enter)")
CHECKBOX_HELP = N_("(space ticks, Enter goes on)")

_wcwidth: Callable[[str], int] = vars(prompt_utils)["wcwidth"]
"""The `wcwidth` prompt_toolkit imported (from the wcwidth package), kept for other marks."""


def _terminal_wcwidth(char: str) -> int:
    return 1 if unicodedata.category(char) == "Mc" else int(_wcwidth(char))


def match_terminal_widths() -> None:
    """Give Mc characters one cell in prompt_toolkit's measurements (once per process)."""
    vars(prompt_utils)["wcwidth"] = _terminal_wcwidth  # read by its width cache per new string
    prompt_utils._CHAR_SIZES_CACHE.clear()


def wrap(text: str) -> str:
    """`text` broken between words to the terminal's width (never "15 m / inutes"); each
    paragraph's leading spaces indent its continuation lines too."""
    width = max(20, shutil.get_terminal_size().columns - 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        indent = paragraph[: len(paragraph) - len(paragraph.lstrip(" "))]
        line = indent
        for word in paragraph[len(indent) :].split(" "):
            candidate = f"{line} {word}" if line.strip() else line + word
            if line.strip() and prompt_utils.get_cwidth(candidate) > width:
                lines.append(line)
                candidate = indent + word
            line = candidate
        lines.append(line)
    return "\n".join(lines)


def _shown(text: str) -> str:
    """Text as a prompt draws it: escaped, wrapped, and no line ending in a zero-width mark.

    prompt_toolkit merges a zero-width mark into the cell before it and also leaves it in the
    next cell, where the following character normally overwrites it; at the end of a line
    nothing does, so the mark is drawn twice ("អេក្រង់" as "អេក្រង់់"). A space after it
    takes that cell.
    """
    lines = wrap(terminal_text(text, multiline=True)).split("\n")
    return "\n".join(
        f"{line} " if line and prompt_utils.get_cwidth(line[-1]) == 0 else line for line in lines
    )


class TerminalPrompter:
    """Prompts drawn by questionary; `say` prints the lines between them."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say
        self.refused = 0
        match_terminal_widths()

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
        """questionary's select where a number key (1-9, 0 for don't know) answers at once."""
        keys = option_keys(options, dk, keys, last=9)
        choices = [
            Choice(keyed(key, _shown(o.title)), o.value)
            for key, o in zip(keys, options, strict=True)
        ]
        everything = [*choices]
        if navigation:
            moves = [Choice(_shown(o.title), o.value) for o in navigation]
            everything += [questionary.Separator(), *moves]
        pointed = next((c for c in choices if c.value == default and default is not None), None)
        question = questionary.select(
            _shown(message),
            everything,
            default=pointed,
            instruction=instruction or tr(SELECT_HELP, lang),
        )
        _answer_on_keys(question, {key: i for i, key in enumerate(keys) if key})
        return question.unsafe_ask()

    def checkbox(
        self, message: str, options: Sequence[Option], lang: str, checked: Collection[object]
    ) -> list[object]:
        choices = [Choice(_shown(o.title), o.value, checked=o.value in checked) for o in options]
        instruction = tr(CHECKBOX_HELP, lang)
        picked = questionary.checkbox(_shown(message), choices, instruction=instruction)
        return list(picked.unsafe_ask() or [])

    def text(
        self,
        message: str,
        lang: str,
        *,
        default: str = "",
        commands: bool = False,
        validate: Validate | None = None,
    ) -> str:
        help_line = f"\n  {tr(TYPED_HELP, lang)}\n  >" if commands else None
        while True:  # not questionary's validate: its one-line toolbar cuts a long reason
            typed = str(
                questionary.text(
                    _shown(message), default=default, instruction=help_line
                ).unsafe_ask()
            )
            problem = None if validate is None else validate(typed)
            if problem is None:
                return typed
            self.refuse(problem)
            default = typed  # to correct, not to type again

    def refuse(self, problem: str) -> None:
        self.refused += 1
        self.say(terminal_text(f"! {problem}"))


def _answer_on_keys(question: questionary.Question, keys: dict[str, int]) -> None:
    """Each key picks the choice at its index at once, shown after the prompt as questionary
    shows an answer given with Enter."""
    application = question.application
    control = next(
        c for c in application.layout.find_all_controls() if isinstance(c, InquirerControl)
    )
    bindings = KeyBindings()
    for key, index in keys.items():

        def answer(event: KeyPressEvent, index: int = index) -> None:
            control.pointed_at = index
            control.is_answered = True
            event.app.exit(result=control.get_pointed_at().value)

        bindings.add(key)(answer)
    application.key_bindings = merge_key_bindings(
        [application.key_bindings or KeyBindings(), bindings]
    )
