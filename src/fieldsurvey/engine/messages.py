"""Built-in messages in the interview language, and picking a text's language.

A questionnaire's own `constraint_message` wins; these cover what the file does not say
(wrong type, required, not applicable). Their translations are in the gettext catalogues
(`fieldsurvey.i18n`); English is the fallback for a language that lacks one.
"""

from __future__ import annotations

from fieldsurvey.i18n import N_, tr

MESSAGES: dict[str, str] = {
    "required": N_("This answer is required"),
    "constraint": N_("This answer is not valid"),
    "not_relevant": N_("This question does not apply to this respondent"),
    "unknown_question": N_("There is no such question in this questionnaire"),
    "no_answer": N_("This item takes no answer"),
    "select_one": N_("Choose one of the listed options"),
    "select_multiple": N_("Choose only listed options"),
    "rank": N_("Put every listed option in order, each once"),
    "integer": N_("Enter a whole number"),
    "decimal": N_("Enter a number"),
    "too_large": N_("This number is too large"),
    "date": N_("Enter a date as YYYY-MM-DD"),
    "text": N_("Enter text"),
    "text_too_long": N_("Keep the text under {limit} characters"),
    "likert": N_("Choose a point on the scale, or don't know"),
}
"""Message code -> English text, translated by the gettext catalogues; `{name}` placeholders
are filled by `builtin_message`."""


def builtin_message(code: str, language: str, **params: object) -> str:
    return tr(MESSAGES[code], language, **params)
