"""Placeholders in message texts: `{hotline}` is a fact only the office knows.

A message states no fact the sources do not support: what varies by office (a hotline number,
the minutes the one-window commitment promises) is a placeholder filled from the
questionnaire's `office` section, and what comes from the local data (`{one_in}`: "no more than
1 in N clients here knows this") is filled by scoring from the interval, never the point. A
message with any placeholder left unfilled is not shown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from fieldsurvey.questionnaire.model import Message, Questionnaire
from fieldsurvey.questionnaire.texts import text_in

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
DATA_PLACEHOLDERS = frozenset({"one_in"})
"""Filled by scoring from the benefit's awareness interval, not by the office."""


def placeholders(message: Message) -> set[str]:
    """The office placeholders a message uses, in any language (data placeholders excluded)."""
    found = {name for text in message.text.values() for name in PLACEHOLDER.findall(text)}
    return found - DATA_PLACEHOLDERS


def office_values(questionnaire: Questionnaire, lang: str) -> dict[str, object]:
    """The office's facts in `lang`: a worded text in that language, else the plain value."""
    default = questionnaire.default_language
    return {
        fact.name: text_in(fact.text, lang, default) if fact.text else fact.value
        for fact in questionnaire.office
    }


def fill(text: str, values: Mapping[str, object]) -> str | None:
    """`text` with its placeholders filled, or None when one of them has no value."""
    missing = False

    def one(match: re.Match[str]) -> str:
        nonlocal missing
        value = values.get(match[1])
        if value is None or value == "":
            missing = True
            return ""
        return str(value)

    filled = PLACEHOLDER.sub(one, text)
    return None if missing else filled
