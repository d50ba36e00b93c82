"""The one key that answers a number on a scale or a 0-10 rating: the app's lists and
`fieldsurvey ask` use the same keys, and `ask` must not load Textual to know them."""

from __future__ import annotations

TEN_KEY = "t"
"""The key for 10: digits stop at 9, and `t` (ten) needs no second key or pause."""


def rating_keys(value: int) -> tuple[str, ...]:
    """The key that picks `value` on a rating or a 0-10 scale (none outside 0..10)."""
    if 0 <= value <= 9:
        return (str(value),)
    return (TEN_KEY,) if value == 10 else ()
