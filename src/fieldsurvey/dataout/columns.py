"""The columns every export has whatever the questionnaire: the response's own fields, its
review state and quality flags, and the paradata table's columns.

Their labels are English msgids of the gettext catalogues (`src/fieldsurvey/locale/`), held in
every language that has a catalogue, so the codebook and SPSS/Stata labels speak the chosen
language like the rest of the app.
"""

from __future__ import annotations

from itertools import count

from fieldsurvey.dataout.variables import ValueLabel, Variable
from fieldsurvey.i18n import N_, catalogue_languages, tr
from fieldsurvey.questionnaire.model import Text
from fieldsurvey.review.words import QUALITY_KINDS, REVIEW_STATES


def _t(message: str) -> Text:
    """A fixed column's label (an English msgid of the gettext catalogues) in English and in
    every language with a catalogue; the codebook and SPSS/Stata show it in theirs."""
    return {lang: tr(message, lang) for lang in catalogue_languages()}


_UUID = _t(N_("Interview id (uuid)"))
_REVISION = _t(N_("Revision of the interview"))

REVIEW_STATE = Variable(
    "review_state", "text", _t(N_("Review state (newest decision)")), "review",
    values=tuple(ValueLabel(code, state, _t(word))
                 for code, state, word in zip(count(1), REVIEW_STATES, REVIEW_STATES.values()))
)  # fmt: skip
"""pending, approved, has_issues or rejected (coded 1-4 with labels in SPSS and Stata)."""

QUALITY_FLAGS = Variable(
    "quality_flags", "text", _t(N_("Quality flags of the round (space-separated)")), "quality",
    values=tuple(ValueLabel(code, kind, _t(word))
                 for code, kind, word in zip(count(1), QUALITY_KINDS, QUALITY_KINDS.values()))
)  # fmt: skip
"""The kinds `fieldsurvey quality` flags the interview with (blank: none, or a draft)."""


def _flag(kind: str) -> Variable:
    """1 when `fieldsurvey quality` flags the interview with `kind`, 0 when not, blank for a
    draft (not assessed)."""
    label = {lang: tr("Quality flag: {kind}", lang, kind=tr(QUALITY_KINDS[kind], lang))
             for lang in catalogue_languages()}  # fmt: skip
    return Variable(f"flag_{kind}", "int", label, "quality", choice=kind)


RESPONSE_VARIABLES: tuple[Variable, ...] = (
    Variable("response_uuid", "text", _UUID, "response"),
    Variable("revision", "int", _REVISION, "response"),
    Variable("device_id", "text", _t(N_("Device that made this revision")), "response"),
    Variable("interviewer", "text", _t(N_("Interviewer")), "response"),
    Variable("office", "text", _t(N_("Office")), "response"),
    Variable("round", "text", _t(N_("Survey round")), "response"),
    Variable("persona", "text", _t(N_("Client type")), "response"),
    Variable("language", "text", _t(N_("Interview language")), "response"),
    Variable("status", "text", _t(N_("Status (complete or draft)")), "response"),
    Variable("started_at", "datetime", _t(N_("Started (UTC)")), "response"),
    Variable("completed_at", "datetime", _t(N_("Completed (UTC)")), "response"),
    Variable("duration_s", "float", _t(N_("Duration, seconds (start to end)")), "response"),
    Variable("questionnaire_version", "text", _t(N_("Questionnaire version")), "response"),
    REVIEW_STATE,
    QUALITY_FLAGS,
    *(_flag(kind) for kind in QUALITY_KINDS),
)
"""The columns every row starts with: the response's own fields, its review state and its
quality flags (computed by `fieldsurvey.quality`, round by round)."""

PARADATA_VARIABLES: tuple[Variable, ...] = (
    Variable("response_uuid", "text", _UUID, "response"),
    Variable("revision", "int", _REVISION, "response"),
    Variable("seq", "int", _t(N_("Event number")), "response"),
    Variable("question", "text", _t(N_("Question (page) id")), "response"),
    Variable("event", "text", _t(N_("Event (start, enter, leave, ...)")), "response"),
    Variable("at", "datetime", _t(N_("When (UTC)")), "response"),
    Variable("duration_ms", "int", _t(N_("Time on the page, ms (on leave)")), "response"),
    Variable("detail", "text", _t(N_("Detail")), "response"),
)
