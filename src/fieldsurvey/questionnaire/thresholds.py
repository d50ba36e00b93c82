"""The questionnaire's optional `quality:` section: thresholds of the data-quality flags.

Every threshold has a default (the values docs/supervision.md explains), and a range: a
threshold outside it would flag everything or nothing, so the file is refused with the field
named instead (`quality.speeding.median_fraction: ...`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Speeding(_Section):
    words_per_second: float = Field(default=5.0, ge=1.0, le=20.0)
    """Reading floor: an interview shorter than (words of the questions asked) / this rate.
    Read aloud, questions go at about 2.5 words a second; 5 is twice that."""
    median_fraction: float = Field(default=0.33, gt=0.0, lt=1.0)
    """Or shorter than this fraction of the median duration of the round."""


class Straightlining(_Section):
    min_items: int = Field(default=5, ge=3, le=50)
    """An area battery of at least this many answered items, all with one value."""
    contradiction_gap: float = Field(default=3.0, ge=1.0, le=4.0)
    """Scale points between the answers to an area's plain and reverse-coded items (after
    reverse coding): agreeing with a statement and with its opposite."""


class Duplicates(_Section):
    minutes: int = Field(default=30, ge=1, le=1440)
    """Same profile (persona, segment answers, office, day) completed this close together."""


class InterviewerEffects(_Section):
    z: float = Field(default=3.0, ge=2.0, le=10.0)
    """An interviewer's area mean or don't-know rate this many standard errors from the
    others'."""
    min_n: int = Field(default=20, ge=5, le=10_000)
    """Only interviewers with at least this many interviews are compared."""


class NonResponse(_Section):
    rate: float = Field(default=0.3, gt=0.0, le=1.0)
    """Share of the items asked of everyone left unanswered or answered don't know."""


class QualityThresholds(_Section):
    speeding: Speeding = Speeding()
    straightlining: Straightlining = Straightlining()
    duplicates: Duplicates = Duplicates()
    interviewer: InterviewerEffects = InterviewerEffects()
    nonresponse: NonResponse = NonResponse()
