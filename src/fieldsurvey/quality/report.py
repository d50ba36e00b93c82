"""What `quality.assess` returns: flagged interviews and interviewers, each flag with its
reason in words and the numbers behind it (the CLI prints them, `--json` dumps them, the
Quality screen lists them)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

FlagKind = Literal["speeding", "straightlining", "contradiction", "duplicate", "nonresponse"]
EffectKind = Literal["area_mean", "dk_rate"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Flag(_Model):
    kind: FlagKind
    reason: str
    """One sentence with the numbers, e.g. "took 2 min 10 s, under 33% of the median"."""
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
    reason: str


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
    unavailable: list[str]
    """Flags that could not be computed, with why (e.g. no paradata)."""
    counts: dict[str, int]
    """Flag kind -> flagged interviews; `interviewer_effects` -> effects found."""
    interviews: list[FlaggedInterview]
    interviewers: list[InterviewerSummary]
    effects: list[InterviewerEffect]
