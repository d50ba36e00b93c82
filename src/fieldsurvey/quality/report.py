"""What `quality.assess` returns: flagged interviews and interviewers, each flag as a code
with the numbers behind it. Words come later, in the reader's language
(`fieldsurvey.ui.i18n.quality_text`), as for scoring's warnings: the CLI prints them,
`--json` dumps the codes and numbers, the Quality screen lists them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

FlagKind = Literal["speeding", "straightlining", "contradiction", "duplicate", "nonresponse"]
EffectKind = Literal["area_mean", "dk_rate"]
ReasonCode = Literal[
    "speeding_reading",  # took_s, words, rate, floor_s
    "speeding_median",  # took_s, fraction, median_s
    "straightlining",  # area, items, value
    "contradiction",  # area, plain, opposite
    "duplicate",  # other, apart_s
    "nonresponse",  # missing, asked, share, rate
    "area_mean",  # area, value, n, others, others_n, z, rule, min_n
    "dk_rate",  # value, n, others, others_n, z, rule, min_n
    "no_paradata",  # count
    "some_without_paradata",  # missing, count
]
Param = str | int | float


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reason(_Model):
    """Why, as data: a code and the values its sentence needs (listed by `ReasonCode`)."""

    code: ReasonCode
    params: dict[str, Param]


class Flag(_Model):
    kind: FlagKind
    reason: Reason
    area: str | None = None
    other: str | None = None
    """The uuid of the interview a duplicate matches."""


class FlaggedInterview(_Model):
    uuid: str
    response_id: int
    interviewer: str | None
    office: str | None
    completed_at: str
    review_state: str
    """pending, approved, has_issues or rejected."""
    duration_s: float | None
    flags: list[Flag]


class InterviewerEffect(_Model):
    interviewer: str
    kind: EffectKind
    area: str | None
    """The area whose mean differs (None for the don't-know rate)."""
    n: int
    value: float
    others_n: int
    others: float
    z: float
    reason: Reason


class InterviewerSummary(_Model):
    interviewer: str
    interviews: int
    flagged: int
    flags: dict[str, int]
    """Flag kind -> interviews with it."""


class QualityReport(_Model):
    questionnaire: str
    round: str | None
    rounds: list[str | None]
    responses: int
    with_paradata: int
    unavailable: list[Reason]
    """Flags that could not be computed, with why (e.g. no paradata)."""
    counts: dict[str, int]
    """Flag kind -> flagged interviews; `interviewer_effects` -> effects found."""
    interviews: list[FlaggedInterview]
    interviewers: list[InterviewerSummary]
    effects: list[InterviewerEffect]
