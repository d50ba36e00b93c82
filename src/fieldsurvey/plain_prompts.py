"""What `fieldsurvey ask` adds to questionary's prompts: answers on number keys as in the app,
lines wrapped between words, and Khmer measured the way terminals draw it.

prompt_toolkit measures text with `wcwidth`, which gives spacing vowel signs (Unicode Mc, the
Khmer ា ើ ោ) no cell; terminals give them one. The cursor then lands short of the text and the
line is redrawn over itself: "ប្តូរភាសា" shows as "ប្តូរភាសាា". The app fixes the same for Rich
in `ui/cells.py`; `match_terminal_widths` does it for prompt_toolkit.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Callable, Sequence

import prompt_toolkit.utils as prompt_utils
import questionary
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from questionary import Choice

_wcwidth: Callable[[str], int] = vars(prompt_utils)["wcwidth"]
"""The `wcwidth` prompt_toolkit imported (from the wcwidth package), kept for other marks."""


def _terminal_wcwidth(char: str) -> int:
    return 1 if unicodedata.category(char) == "Mc" else int(_wcwidth(char))


def match_terminal_widths() -> None:
    """Give Mc characters one cell in prompt_toolkit's measurements (once per process)."""
    vars(prompt_utils)["wcwidth"] = _terminal_wcwidth  # read by its width cache per new string
    prompt_utils._CHAR_SIZES_CACHE.clear()


def wrap(text: str, indent: str = "") -> str:
    """`text` broken between words to the terminal's width (never "15 m / inutes")."""
    width = max(20, shutil.get_terminal_size().columns - 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = indent
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line.strip() else line + word
            if line.strip() and prompt_utils.get_cwidth(candidate) > width:
                lines.append(line)
                candidate = indent + word
            line = candidate
        lines.append(line)
    return "\n".join(lines)


def numbered(choices: Sequence[Choice], dk: object = None) -> dict[str, object]:
    """Number keys for `choices` (1-9 in order, 0 for the scale's don't-know); each choice's
    title starts with its key, as the app's lists do."""
    keys: dict[str, object] = {}
    position = 0
    for choice in choices:
        if choice.value == dk and dk is not None:
            key = "0"
        else:
            position += 1
            key = str(position) if position <= 9 else ""
        if key:
            keys[key] = choice.value
            choice.title = f"{key}  {choice.title}"
    return keys


def select_with_keys(
    message: str,
    choices: Sequence[Choice | questionary.Separator],
    keys: dict[str, object],
    default: Choice | None,
    instruction: str,
) -> object:
    """questionary's select where a number key answers at once (no Enter needed)."""
    question = questionary.select(message, choices, default=default, instruction=instruction)
    bindings = KeyBindings()
    for key, value in keys.items():

        def answer(event: KeyPressEvent, value: object = value) -> None:
            event.app.exit(result=value)

        bindings.add(key)(answer)
    application = question.application
    application.key_bindings = merge_key_bindings(
        [application.key_bindings or KeyBindings(), bindings]
    )
    return question.unsafe_ask()
