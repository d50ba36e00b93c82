"""The questionnaire format as pydantic models.

These models are the boundary between a YAML file and the rest of fieldsurvey: the engine,
scoring and the UI read only these objects. Field-level rules live here (types, patterns,
ranges); rules that need the whole questionnaire (references, cycles, label completeness)
live in `validation.py`, so that every error can be reported at once with its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from fieldsurvey.questionnaire.thresholds import QualityThresholds

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""Question, group, area, persona and choice-list ids: lower case, usable in `${...}`."""

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
"""Choice values and message ids: may also use hyphens."""

RoundName = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=40)]
"""A named survey round (`baseline`, `endline`); quarters and months need no listing."""

LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")]

Text = dict[str, str]
"""A text in several languages, keyed by language code."""


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, so typos in a file are caught.

    Validators are built on first use (`defer_build`), not at import: the app starts from a
    cached, already checked questionnaire (cache.py) and never needs them at start-up.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Choice(Strict):
    value: Slug
    label: Text


class ChoiceList(Strict):
    id: Identifier
    choices: list[Choice] = Field(min_length=1)


class ScalePoint(Strict):
    value: int
    label: Text


class LikertScale(Strict):
    """An agreement or satisfaction scale: points 1..k plus a "don't know / not applicable" code.

    DK/NA is kept apart from the points: scoring leaves it out of the denominator.
    """

    id: Identifier
    points: list[ScalePoint] = Field(min_length=2, max_length=11)
    dk: Choice

    @property
    def size(self) -> int:
        return len(self.points)


class Persona(Strict):
    id: Identifier
    label: Text
    description: Text | None = None


class _QuestionBase(Strict):
    id: Identifier
    label: Text
    hint: Text | None = None
    relevant: str | None = None
    required: bool | str = False
    required_message: Text | None = None
    """Shown when a required answer is missing (XLSForm's `required_message`)."""
    constraint: str | None = None
    constraint_message: Text | None = None
    read_only: bool = False
    """Shown with its value (its `default`) and never answered (XLSForm's `read_only`)."""
    default: str | None = None
    """The answer a new interview starts with (XLSForm's `default`), written as an answer is
    typed: `3`, `2026-01-31`, a choice value, choice values separated by spaces."""


class SelectOne(_QuestionBase):
    type: Literal["select_one"]
    choices: Identifier
    persona: bool = False
    """This answer is the respondent's persona; its choice values must be persona ids."""
    segment: str | None = None
    """The ISSA segment dimension this question measures (seed 001), e.g. "geography"."""


class SelectMultiple(_QuestionBase):
    type: Literal["select_multiple"]
    choices: Identifier
    segment: str | None = None


class Rank(_QuestionBase):
    type: Literal["rank"]
    choices: Identifier


class IntegerQuestion(_QuestionBase):
    type: Literal["integer"]
    segment: str | None = None


class DecimalQuestion(_QuestionBase):
    type: Literal["decimal"]


class TextQuestion(_QuestionBase):
    type: Literal["text"]
    max_length: int = Field(default=2000, ge=1, le=100_000)


class DateQuestion(_QuestionBase):
    type: Literal["date"]


class Note(Strict):
    """Text shown to the interviewer or respondent; takes no answer."""

    type: Literal["note"]
    id: Identifier
    label: Text
    hint: Text | None = None
    relevant: str | None = None


class Calculate(Strict):
    """A value computed from other answers; never shown, stored with the response."""

    type: Literal["calculate"]
    id: Identifier
    calculation: str
    relevant: str | None = None


class LikertItem(_QuestionBase):
    """One statement of an area, answered on a Likert scale."""

    type: Literal["likert"] = "likert"
    scale: Identifier = "agree5"
    weight: float = Field(default=1.0, gt=0, le=10)
    reverse: bool = False
    """A negatively worded item: its score is reversed (k + 1 - x) before averaging."""
    difficulty: str | None = None
    """The client difficulty from seed 000 this item measures, for readers of the file."""


QuestionLike = (
    SelectOne
    | SelectMultiple
    | Rank
    | IntegerQuestion
    | DecimalQuestion
    | TextQuestion
    | DateQuestion
    | Note
    | Calculate
    | LikertItem
)
"""Anything that holds one place in the interview (notes and calculations included)."""


class Group(Strict):
    """Questions shown together (`field_list`) or skipped together (`relevant`)."""

    type: Literal["group"]
    id: Identifier
    label: Text | None = None
    relevant: str | None = None
    field_list: bool = False
    items: list[SurveyItem] = Field(min_length=1)


class AreaBlock(Strict):
    """Places an area's Likert items at this point of the interview."""

    type: Literal["area"]
    area: Identifier


SurveyItem = Annotated[QuestionLike | Group | AreaBlock, Field(discriminator="type")]


class Area(Strict):
    """One of the four client-satisfaction areas of seed 000, with its Likert items."""

    id: Identifier
    label: Text
    description: Text | None = None
    relevant: str | None = None
    items: list[LikertItem] = Field(min_length=1)


class Benefit(Strict):
    """A benefit branch whose awareness is measured (seed 002)."""

    id: Identifier
    label: Text
    question: Identifier
    """A select_one question answered yes / no / dk about knowing this benefit."""
    yes: Slug = "yes"


class MessageTrigger(Strict):
    """When a message is suggested: the area (or benefit) score falls in a band and quadrant.

    Modelled on LimeSurvey assessments: a rule with a min/max range shows a message.
    """

    area: Identifier | None = None
    benefit: Identifier | None = None
    score_min: float = Field(default=0, ge=0, le=100)
    score_max: float = Field(default=100, ge=0, le=100)
    quadrants: list[Literal["concentrate", "keep_up", "low_priority", "overkill"]] = []


class Message(Strict):
    id: Slug
    trigger: MessageTrigger
    personas: list[Identifier] = []
    """Personas the message speaks to; empty means everyone."""
    channel: str
    theme: str
    """The campaign theme in the source document, quoted so a reader can trace it."""
    source: str
    text: Text


class Indicator(Strict):
    """A count an office records (seed 000 Annex)."""

    id: Identifier
    area: Identifier
    label: Text
    correlates_with: Text
    better: Literal["up", "down", "context"] = "context"


class Ratio(Strict):
    """A ratio of two indicators, shown with its trend on the Office indicators screen."""

    id: Identifier
    area: Identifier
    label: Text
    numerator: Identifier
    denominator: Identifier
    per: int = Field(default=1, ge=1)
    better: Literal["up", "down", "context"] = "context"


class ScoringRefs(Strict):
    """Which questions scoring reads besides the area items."""

    overall: Identifier
    """Overall satisfaction 0-10: importance is its correlation with each area."""
    trust: Identifier | None = None
    most_important_area: Identifier | None = None
    """A select_one whose choice values are area ids: asked importance."""


class Consent(Strict):
    """The consent question: any other answer ends the interview, keeping only the refusal."""

    question: Identifier
    accept: Slug = "yes"


class Questionnaire(Strict):
    id: Slug
    version: str = Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z._-]*$")
    title: Text
    description: Text | None = None
    languages: list[LanguageCode] = Field(min_length=1)
    default_language: LanguageCode
    consent: Consent | None = None
    personas: list[Persona] = []
    """Optional, like scales and the analysis part (areas, benefits, messages, indicators):
    a plain survey (an ordinary XLSForm) has only questions and choice lists."""
    choice_lists: list[ChoiceList] = []
    scales: list[LikertScale] = []
    areas: list[Area] = []
    survey: list[SurveyItem] = Field(min_length=1)
    benefits: list[Benefit] = []
    scoring: ScoringRefs | None = None
    messages: list[Message] = []
    indicators: list[Indicator] = []
    ratios: list[Ratio] = []
    # The two sections below are left out of the model's JSON when absent, so a questionnaire
    # without them keeps the hash it had before they existed (responses name it by hash).
    rounds: list[RoundName] = Field(default=[], max_length=200, exclude_if=lambda v: not v)
    """Named survey rounds, in the order they run (besides `2026-Q3` and `2026-11`)."""
    quality_section: QualityThresholds | None = Field(
        default=None, alias="quality", exclude_if=lambda v: v is None
    )
    """The `quality:` section as written (None when absent); read `quality` instead."""

    @property
    def quality(self) -> QualityThresholds:
        """Thresholds of the data-quality flags (fieldsurvey.quality), defaults filled in."""
        return self.quality_section or QualityThresholds()

    @cached_property
    def choice_list_by_id(self) -> dict[str, ChoiceList]:
        return {c.id: c for c in self.choice_lists}

    @cached_property
    def scale_by_id(self) -> dict[str, LikertScale]:
        return {s.id: s for s in self.scales}

    @cached_property
    def area_by_id(self) -> dict[str, Area]:
        return {a.id: a for a in self.areas}

    @cached_property
    def questions(self) -> dict[str, QuestionLike]:
        """Every question in interview order, area items included, keyed by id."""
        return {q.id: q for q, _ in self.walk()}

    @cached_property
    def segments(self) -> list[SelectOne | SelectMultiple | IntegerQuestion]:
        return [
            q
            for q in self.questions.values()
            if isinstance(q, SelectOne | SelectMultiple | IntegerQuestion) and q.segment
        ]

    @cached_property
    def persona_question(self) -> SelectOne | None:
        found = [q for q in self.questions.values() if isinstance(q, SelectOne) and q.persona]
        return found[0] if found else None

    def walk(self) -> list[tuple[QuestionLike, tuple[Container, ...]]]:
        """Questions in interview order, each with the groups/areas that enclose it."""
        out: list[tuple[QuestionLike, tuple[Container, ...]]] = []

        def visit(items: Sequence[SurveyItem | LikertItem], parents: tuple[Container, ...]) -> None:
            for item in items:
                if isinstance(item, Group):
                    visit(item.items, (*parents, item))
                elif isinstance(item, AreaBlock):
                    area = self.area_by_id.get(item.area)
                    if area is not None:
                        visit(area.items, (*parents, area))
                else:
                    out.append((item, parents))

        visit(self.survey, ())
        return out


Container = Group | Area
