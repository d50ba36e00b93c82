"""Survey rounds in one fixed form: `2026-Q3` (a quarter), `2026-11` (a month), or a name the
questionnaire lists under `rounds:`.

A round is typed by people (Settings, `ask`, `--round`), so it is checked here, once, with an
example in the message. Rounds typed before this rule existed ("Q3 2026") are kept as stored,
because the round is part of a closed revision's signed content hash; the database derives a
normalised `round_key` from them instead (store/sqlite/schema.py, MIGRATION_SUPERVISION, the
same rules as `normalise_legacy` below, which a test holds equal).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

EXAMPLE = "2026-Q3"
NO_ROUND = ""
"""Asks for the responses without a round (where None means "the default round")."""
NO_ROUND_LABEL = "(no round)"
"""How responses without a round are named in CLI output (the UI translates it)."""
MAX_LENGTH = 40

_QUARTER = re.compile(r"([12][0-9]{3})-Q([1-4])")
_MONTH = re.compile(r"([12][0-9]{3})-(0[1-9]|1[0-2])")

_LEGACY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Q([1-4])[ /_-]([12][0-9]{3})"), r"\2-Q\1"),
    (re.compile(r"([12][0-9]{3})[ /_-]Q([1-4])"), r"\1-Q\2"),
    (re.compile(r"([12][0-9]{3})Q([1-4])"), r"\1-Q\2"),
    (re.compile(r"([12][0-9]{3})[/_-](0[1-9]|1[0-2])"), r"\1-\2"),
)
"""Free-text forms found in older databases -> the fixed form (matched upper-cased)."""


class RoundError(ValueError):
    """A round that is not in the fixed form; the message says what is expected."""


def check_round(text: str, names: Sequence[str] = ()) -> str:
    """`text` as a round in its fixed form, or RoundError naming the forms and an example."""
    value = text.strip()
    if _QUARTER.fullmatch(value) or _MONTH.fullmatch(value) or value in names:
        return value
    shown = value if len(value) <= MAX_LENGTH else value[:MAX_LENGTH] + "…"
    expected = f"YEAR-Qn or YEAR-MM (e.g. {EXAMPLE} or 2026-11)"
    if names:
        expected += ", or one of: " + ", ".join(names)
    message = f"round {shown!r} is not in the form {expected}"
    suggestion = normalise_legacy(value)
    if suggestion is not None and suggestion != value and _is_fixed(suggestion):
        message += f"; did you mean {suggestion}?"
    raise RoundError(message)


def normalise_legacy(text: str | None) -> str | None:
    """A stored free-text round in the fixed form where it can be, else as it is (trimmed of
    spaces); None for none. Mirrors the SQL of `round_key` in store/schema.py."""
    if text is None:
        return None
    value = text.strip(" ")
    if not value:
        return None
    upper = _ascii_upper(value)
    for pattern, replacement in _LEGACY:
        found = pattern.fullmatch(upper)
        if found:
            return found.expand(replacement)
    return value


def round_start(value: str) -> str | None:
    """The first day of a quarter or month round (ISO date), None for names and free text."""
    quarter = _QUARTER.fullmatch(value)
    if quarter:
        return f"{quarter[1]}-{(int(quarter[2]) - 1) * 3 + 1:02d}-01"
    month = _MONTH.fullmatch(value)
    return f"{month[1]}-{month[2]}-01" if month else None


def sort_rounds(first_completed: Mapping[str | None, str]) -> list[str | None]:
    """Rounds oldest first, given each one's first completion time: quarters and months by
    their first day, names and free text by that time, responses without a round (None)
    first, so "the latest round" is a real round whenever the data hold one."""

    def key(label: str | None) -> tuple[bool, str, str]:
        if label is None:
            return (False, "", "")
        return (True, round_start(label) or first_completed[label][:10], label)

    return sorted(first_completed, key=key)


def round_label(value: str | None) -> str:
    """A round as CLI output names it: `(no round)` for responses without one."""
    return NO_ROUND_LABEL if value is None else value


def _is_fixed(value: str) -> bool:
    return bool(_QUARTER.fullmatch(value) or _MONTH.fullmatch(value))


def _ascii_upper(value: str) -> str:
    """SQLite's upper(): ASCII letters only (str.upper would also change other scripts)."""
    return value.translate(_UPPER)


_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
