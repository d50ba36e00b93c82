"""What a score report can say about its own limits, each with a stable code.

A status reason carries its sentence here. A report-level warning carries only its code and
parameters (`ReportWarning`): the UI and the CLI put it into words in the user's language
(`fieldsurvey.ui.i18n.warning_text`), so no layer rebuilds another's parameters.
"""

from __future__ import annotations

from enum import StrEnum

from fieldsurvey.i18n import N_


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
        """In English; `tr(reason.text, lang)` gives it in another language."""
        return REASON_TEXT[self]


REASON_TEXT = {
    Reason.NO_DATA: N_("no responses yet"),
    Reason.TOO_FEW: N_("fewer than 10 respondents: not shown, to protect their privacy"),
    Reason.ONLY_DK: N_("every answer was don't know / not applicable"),
    Reason.MOSTLY_DK: N_(
        "fewer than 10 respondents answered other than don't know / not applicable"
    ),
    Reason.COMPLEMENT: N_("not shown so that a smaller group cannot be worked out from the totals"),
    Reason.NO_SHARED_ITEMS: N_("no item is shared by all questionnaire versions in the data"),
    Reason.INDICATIVE_N: N_("10 to 29 respondents: indicative only, no messages"),
    Reason.WIDE_INTERVAL: N_("interval wider than ±10 points: indicative only, no messages"),
}


class WarningCode(StrEnum):
    """Report-level warnings; the value is the code in reports and JSON (parameters below)."""

    NO_DATA = "no_data"  # questionnaire
    NOTHING_TO_SCORE = "nothing_to_score"  # questionnaire
    VERSIONS = "versions"  # versions, items (lists)
    LOW_ALPHA = "low_alpha"  # area (label), area_id, alpha, threshold
    UNKNOWN_LANGUAGE = "unknown_language"  # lang, default
    NO_WEIGHT = "no_weight"  # count, question
    NO_IMPORTANCE = "no_importance"
    ROUND = "round"  # round, rounds (list)
    REJECTED = "rejected"  # count (left out of the scores)
    REJECTED_INCLUDED = "rejected_included"  # count (scored with --include-rejected)
