"""The score report as pydantic models: the `scores --format json` document (CONTRACT.md).

Everything a Scores screen draws is here, already rounded and already suppressed: a field that
must not be shown (small groups) is null, never a number the UI has to remember to hide.
Scores and intervals are on the 0-100 scale; rates are percentages; `ci` pairs are 95 %.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, computed_field

from fieldsurvey.scoring.catalogue import Reason, WarningCode

Status = Literal["ok", "indicative", "suppressed"]
Quadrant = Literal["concentrate", "keep_up", "low_priority", "overkill"]
Pair = tuple[float, float]


def rounded_pair(
    pair: tuple[float, float] | None, digits: int = 1, scale: float = 1
) -> Pair | None:
    """An interval for output: scaled (e.g. to %) and rounded, or None."""
    return (
        None if pair is None else (round(pair[0] * scale, digits), round(pair[1] * scale, digits))
    )


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Explained(Model):
    """An entry with a status and, unless `ok`, a `reason`: a code, with the sentence to show
    as `reason_text` (subclasses declare `reason` after `status`, to keep the JSON readable)."""

    if TYPE_CHECKING:
        reason: Reason | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reason_text(self) -> str | None:
        return None if self.reason is None else self.reason.text


class MessageOut(Model):
    """A suggested message from the questionnaire's bank, in the report's language."""

    id: str
    text: str
    channel: str
    theme: str
    personas: list[str]
    """Personas it speaks to; empty means everyone."""


class ItemResult(Model):
    id: str
    label: str
    n: int | None
    score: float | None
    dk_rate: float | None
    na_rate: float | None = None


class AreaResult(Explained):
    """One area over one set of respondents. Null numbers are suppressed or unavailable."""

    id: str
    label: str
    status: Status
    reason: Reason | None = None
    n: int | None = None
    """Respondents with an area score; null when suppressed (fewer than 10)."""
    score: float | None = None
    ci: Pair | None = None
    pct_satisfied: float | None = None
    """Respondents whose area score is in the top two scale points (4-5 of 5), in %."""
    pct_satisfied_ci: Pair | None = None
    alpha: float | None = None
    alpha_ci: Pair | None = None
    dk_rate: float | None = None
    """Share of this area's item answers that were "don't know", in %."""
    na_rate: float | None = None
    """Share of this area's item answers that were "not applicable", in % (both are left out
    of the score; reported apart because they mean different things)."""
    importance: float | None = None
    quadrant: Quadrant | None = None
    messages: list[MessageOut] = []
    office_facts_missing: list[str] = []
    """Office placeholders left empty that hold back messages this area would get."""
    items: list[ItemResult] = []
    """Item detail, for the whole sample only (empty in groups)."""


class Cuts(Model):
    """The Martilla & James cross-hairs: mean score and mean importance across areas."""

    score: float
    importance: float


class GroupResult(Explained):
    """One value of a breakdown dimension (a persona, a segment's choice)."""

    label: str
    responses: int | None
    """Null when the group is suppressed: its exact size is not shown."""
    status: Literal["ok", "suppressed"]
    reason: Reason | None
    cuts: Cuts | None
    areas: list[AreaResult]


class EquityGap(Model):
    """A group's area score minus everyone else's (seed 001: a voice for the vulnerable)."""

    dimension: str
    group: str
    group_label: str
    area: str
    area_label: str
    gap: float
    ci: Pair | None
    significant: bool
    """True when the Welch interval excludes 0."""


class AreaTrend(Model):
    area: str
    label: str
    score: float | None
    previous_score: float | None
    change: float | None
    ci: Pair | None
    direction: Literal["up", "down"] | None
    """Set only when the interval of the change excludes 0."""


class Trend(Model):
    round: str | None
    previous_round: str | None
    areas: list[AreaTrend]


class AwarenessResult(Explained):
    """Share of respondents who know a benefit (seed 002), in %."""

    id: str
    label: str
    n: int | None
    rate: float | None
    ci: Pair | None
    dk_rate: float | None
    recall_rate: float | None = None
    """Share who named the benefit unprompted (asked before the prompted list), in %."""
    decoy: bool = False
    """A benefit no scheme pays: `rate` is the yes-saying check, not awareness."""
    status: Status
    reason: Reason | None
    messages: list[MessageOut]


WarningParam = str | int | float | list[str]


class ReportWarning(Model):
    """A warning as data: its code and the values its words need (see `WarningCode`)."""

    code: WarningCode
    params: dict[str, WarningParam]

    @classmethod
    def of(cls, code: WarningCode, **params: WarningParam) -> ReportWarning:
        return cls(code=code, params=params)


class ScoreReport(Model):
    questionnaire: str
    title: str
    language: str
    status: Literal["ok", "no_data", "nothing_to_score"]
    responses: int
    versions: list[str]
    round: str | None
    rounds: list[str | None]
    rejected: int
    """Responses of the scored round whose review state is rejected."""
    include_rejected: bool
    """Whether those are in the scores (left out by default)."""
    importance_method: Literal["correlation", "asked"] | None
    cuts: Cuts | None
    areas: list[AreaResult]
    groups: dict[str, dict[str, GroupResult]]
    equity_gaps: list[EquityGap]
    trend: Trend | None
    awareness: list[AwarenessResult]
    warnings: list[ReportWarning]
