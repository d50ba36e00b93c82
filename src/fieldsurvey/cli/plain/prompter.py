"""What `fieldsurvey ask` needs from a way of asking, so the interview runs the same on a
terminal (questionary, `ui/plain.py`) and on piped lines (`lines.py`).

The interview says what to ask (a message, options, the current answer); the prompter chooses
how: the keys, the instructions in the interview's language, wrapping, what is echoed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from fieldsurvey.i18n import N_
from fieldsurvey.ui.keys import rating_keys

TYPED_HELP = N_("Type < to go back, :lang CODE to switch language, :q to save and quit")


class EndOfInput(Exception):
    """The input ended (piped lines ran out) before the question was answered."""


@dataclass
class Option:
    """One thing to pick: `title` as shown, `value` returned; `command` is what a line-mode
    user types for a navigation option ("<", ":lang", ":q")."""

    title: str
    value: object
    command: str = ""


Validate = Callable[[str], str | None]
"""A typed text's problem in words, or None when it is fine."""


class Prompter(Protocol):
    """Asks one question at a time; every method may raise KeyboardInterrupt or EndOfInput."""

    refused: int
    """Answers refused so far (`refuse` calls)."""

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
        """The value of the option picked among `options` (answers, `dk` keyed 0) and
        `navigation` (moves); `default` is the value pointed at first. `keys`: each
        option's key instead of numbering them ("" for none)."""
        ...

    def checkbox(
        self, message: str, options: Sequence[Option], lang: str, checked: Collection[object]
    ) -> list[object]:
        """The values ticked, starting from `checked`."""
        ...

    def text(
        self,
        message: str,
        lang: str,
        *,
        default: str = "",
        commands: bool = False,
        validate: Validate | None = None,
    ) -> str:
        """A typed line, asked again until `validate` finds no problem; `commands`: the
        interview's "<", ":lang CODE" and ":q" may be typed instead (and are explained)."""
        ...

    def refuse(self, problem: str) -> None:
        """Say why the answer just given was not taken (it will be asked again)."""
        ...


def number_keys(count: int, dk_index: int | None, last: int) -> list[str]:
    """Keys for `count` options in order: 1, 2, ... up to `last` (later ones get ""), and "0"
    for the option at `dk_index` (the scale's don't know), as in the app. The scale's points
    (the options before its don't know) are keyed as in the app too: the tenth point of a
    ten-point scale by `t`, since 0 is don't know and a digit stops at 9."""
    keys: list[str] = []
    position = 0
    for index in range(count):
        if index == dk_index:
            keys.append("0")
            continue
        position += 1
        if dk_index is not None and index < dk_index:
            keys.append("".join(rating_keys(position)))
        else:
            keys.append(str(position) if position <= last else "")
    return keys


def option_keys(
    options: Sequence[Option], dk: object, keys: Sequence[str] | None, last: int
) -> list[str]:
    """`keys` when given, else the options numbered (`number_keys`)."""
    if keys is not None:
        return list(keys)
    return number_keys(len(options), dk_position(options, dk), last)


def keyed(key: str, title: str) -> str:
    """An option as listed: its key, then its title (once, where the key is the title)."""
    return title if key in ("", title) else f"{key}  {title}"


def dk_position(options: Sequence[Option], dk: object) -> int | None:
    """Where the don't-know option is among `options`, if the scale has one."""
    if dk is None:
        return None
    return next((i for i, option in enumerate(options) if option.value == dk), None)
