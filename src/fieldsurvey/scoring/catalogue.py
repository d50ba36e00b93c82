"""Every sentence a score report can say about its own limits, with a stable code.

Reports carry the code and the filled-in sentence; tests and the UI match on the code, and
wording changes happen here only.
"""

from __future__ import annotations

from enum import StrEnum


class ScoringError(ValueError):
    """A request the questionnaire or the data cannot answer: unknown breakdown, round, weight."""


class Reason(StrEnum):
    """Why an area, item, group or benefit is not `ok`: a code, with `text` to show."""

    NO_DATA = "no_data"
    TOO_FEW = "too_few"
    ONLY_DK = "only_dk"
    MOSTLY_DK = "mostly_dk"
    COMPLEMENT = "complement"
    NO_SHARED_ITEMS = "no_shared_items"
    INDICATIVE_N = "indicative_n"
    WIDE_INTERVAL = "wide_interval"

    @property
    def text(self) -> str:
        return REASON_TEXT[self]


REASON_TEXT = {
    Reason.NO_DATA: "no responses yet",
    Reason.TOO_FEW: "fewer than 10 respondents: not shown, to protect their privacy",
    Reason.ONLY_DK: "every answer was don't know / not applicable",
    Reason.MOSTLY_DK: "fewer than 10 respondents answered other than don't know / not applicable",
    Reason.COMPLEMENT: "not shown so that a smaller group cannot be worked out from the totals",
    Reason.NO_SHARED_ITEMS: "no item is shared by all questionnaire versions in the data",
    Reason.INDICATIVE_N: "10 to 29 respondents: indicative only, no messages",
    Reason.WIDE_INTERVAL: "interval wider than ±10 points: indicative only, no messages",
}


class WarningCode(StrEnum):
    """Report-level warnings; the value is a template filled by `text(...)`."""

    NO_DATA = "No data yet: no complete responses to {questionnaire}."
    NOTHING_TO_SCORE = (
        "Nothing to score: {questionnaire} has no areas of Likert items (only questions)."
    )
    VERSIONS = (
        "Responses come from questionnaire versions {versions}; only the items they share are "
        "scored. Left out: {items}."
    )
    LOW_ALPHA = (
        "{area}: Cronbach's alpha is {alpha:.2f} (under 0.7): its items may not measure one "
        "thing; read the score with care."
    )
    UNKNOWN_LANGUAGE = "Language {lang!r} is not in the questionnaire; using {default!r}."
    NO_WEIGHT = "{count} responses have no usable weight in {question!r} and were left out."
    NO_IMPORTANCE = (
        "Importance could not be estimated (no overall satisfaction or most-important-area "
        "answers): areas have no quadrant."
    )
    ROUND = "Scores are for round {round} only; the data hold rounds {rounds}."
    REJECTED = (
        "{count} responses a reviewer rejected are left out (--include-rejected brings them in)."
    )
    REJECTED_INCLUDED = "{count} responses a reviewer rejected are included."

    def text(self, **values: object) -> str:
        return self.value.format(**values)
