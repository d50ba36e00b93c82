"""The questionnaire format as pydantic models.

These models are the boundary between a YAML file and the rest of fieldsurvey: the engine,
scoring and the UI read only these objects. Field-level rules live here (types, patterns,
ranges); rules that need the whole questionnaire (references, cycles, label completeness)
live in `validation.py`, so that every error can be reported at once with its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

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


class ShortLabelled(Strict):
    """A record whose label may have a short form (each declares `short` after its `label`).

    `short` is left out of the dump while unset, so a questionnaire without short labels
    dumps, and so hashes (`questionnaire_hash`), exactly as before the field existed: files
    exported by older versions still match their hash.
    """

    @model_serializer(mode="wrap")
    def _without_unset_short(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        dumped: dict[str, Any] = handler(self)
        if dumped.get("short", 0) is None:
            del dumped["short"]
        return dumped


SHORT_DOC = """A short label for narrow columns (the Scores screen at 80 columns), shown only where
`label` would be cut: "Beneficiary" for "Pensioner or benefit recipient"."""


class Choice(ShortLabelled):
    value: Slug
    label: Text
    short: Text | None = Field(default=None, description=SHORT_DOC)


class ChoiceList(Strict):
    id: Identifier
    choices: list[Choice] = Field(min_length=1)


class ScalePoint(Strict):
    value: int
    label: Text


class LikertScale(Strict):
    """An agreement, ease, frequency or satisfaction scale: points 1..k, "don't know" and,
    optionally, a separate "not applicable".

    Both are kept apart from the points: scoring leaves them out of the denominator and reports
    them apart (not knowing and not having had the experience are different findings).
    """

    id: Identifier
    points: list[ScalePoint] = Field(min_length=2, max_length=11)
    dk: Choice
    na: Choice | None = None
    """"Not applicable" (e.g. "I have not phoned the hotline"); when absent, `dk` covers both."""

    @property
    def size(self) -> int:
        return len(self.points)

    @property
    def off_scale(self) -> list[Choice]:
        """The answers that are not points: don't know, then not applicable."""
        return [self.dk] if self.na is None else [self.dk, self.na]


class Persona(ShortLabelled):
    id: Identifier
    label: Text
    short: Text | None = Field(default=None, description=SHORT_DOC)
    description: Text | None = None


class _QuestionBase(Strict):
    id: Identifier
    label: Text
    hint: Text | None = None
    interviewer: bool = False
    """Coded by the interviewer without reading the choices out (the scheme an office serves,
    benefits a client names unprompted): never handed to a client answering alone."""
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
    choice_list: Identifier | None = None
    """The choice list whose values the calculation yields (needed to use it as a segment)."""
    segment: str | None = None
    """A segment derived from several answers, e.g. disability from the Washington Group set."""


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


class Area(ShortLabelled):
    """One of the four client-satisfaction areas of seed 000, with its Likert items."""

    id: Identifier
    label: Text
    short: Text | None = Field(default=None, description=SHORT_DOC)
    description: Text | None = None
    relevant: str | None = None
    items: list[LikertItem] = Field(min_length=1)


class Benefit(ShortLabelled):
    """A benefit whose awareness is measured (seed 002), or a decoy the schemes do not pay."""

    id: Identifier
    label: Text
    short: Text | None = Field(default=None, description=SHORT_DOC)
    question: Identifier
    """The prompted question: a select_one answered yes / no / dk about this benefit."""
    yes: Slug = "yes"
    recall: Slug | None = None
    """Its choice value in the unprompted-recall question (`awareness.recall_question`)."""
    decoy: bool = False
    """Not paid by any scheme: a "yes" measures yes-saying, reported apart by scoring."""


class Scheme(Strict):
    """A country's scheme and the benefits it pays, which decide the prompted list asked."""

    id: Slug
    label: Text
    benefits: list[Identifier] = Field(min_length=1)
    """Benefit ids paid by this scheme, decoys excluded."""


class AwarenessDesign(Strict):
    """Unprompted recall first, then the prompted list of the client's scheme (`schemes`)
    with a decoy."""

    recall_question: Identifier | None = None
    """A select_multiple the interviewer codes from what the client names (not read aloud)."""
    scheme_question: Identifier | None = None
    """A select_one whose choice values are the scheme ids."""


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
    """Overall satisfaction (an integer 0-10, or a Likert item whose don't-know is missing):
    importance is its correlation with each area."""
    trust: Identifier | None = None
    most_important_area: Identifier | None = None
    """A select_one whose choice values are area ids (or `dont_know`): asked importance."""
    dont_know: Slug = "dk"
    """The choice value meaning "don't know" in these questions: counted as missing."""


class ConsentScript(Strict):
    """What a consent script read aloud must say, each part naming the note that says it (one
    note may say several): who runs the survey, that taking part is voluntary, that it changes
    nothing to benefits or to today's service, what is (and is not) stored, how results are
    used, and how long it takes."""

    who: Identifier | None = None
    voluntary: Identifier | None = None
    no_effect: Identifier | None = None
    anonymous: Identifier | None = None
    use: Identifier | None = None
    length: Identifier | None = None

    def parts(self) -> dict[str, str]:
        """The parts present, in order, with their notes."""
        return {part: note for part in CONSENT_PARTS if (note := getattr(self, part))}


CONSENT_PARTS = tuple(ConsentScript.model_fields)


class Consent(Strict):
    """The consent question: any other answer ends the interview, keeping only the refusal."""

    question: Identifier
    accept: Slug = "yes"
    script: ConsentScript = ConsentScript()


class SelfCompletion(Strict):
    """Self-completion: front-desk staff rating their own service is a known bias, so after
    consent the interviewer may hand the keyboard to the client (ui/screens/self_completion.py).

    The mode is an ordinary answer (`question`, interviewer-coded; make it a segment to break
    scores down by it); `value` is the choice meaning the client answers alone.
    """

    question: Identifier
    value: Slug = "self"
    handover: Text
    """The private-answers screen shown to the client when the keyboard is handed over."""
    thanks: Text
    """The thank-you screen at the end, until the staff member's key."""


class TranslationStatus(Strict):
    """Where the translation of one language stands (a back-translation review, say)."""

    language: LanguageCode
    status: Literal["reviewed", "back_translation_pending"]
    note: str | None = None


class OfficeValue(Strict):
    """A fact only an office knows, for the message placeholder `{name}`.

    A message using `{hotline}` is shown only when the office section gives `hotline` a value;
    `validate` lists the unfilled ones.
    """

    name: Identifier
    value: str | int | float | None = None
    """The same in every language: a phone number, an address, a number of minutes."""
    text: Text | None = None
    """Worded in each language (opening hours): used instead of `value` when given."""


class ContentChecks(Strict):
    """Settings of the methodologist's warnings of `fieldsurvey validate`."""

    allow: list[str] = []
    """Phrases joined by "and"/"or" that name one thing ("rules and procedures"), in lower case."""


class Questionnaire(Strict):
    id: Slug
    version: str = Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z._-]*$")
    title: Text
    description: Text | None = None
    languages: list[LanguageCode] = Field(min_length=1)
    default_language: LanguageCode
    consent: Consent | None = None
    self_completion: SelfCompletion | None = None
    personas: list[Persona] = []
    """Optional, like scales and the analysis part (areas, benefits, messages, indicators):
    a plain survey (an ordinary XLSForm) has only questions and choice lists."""
    choice_lists: list[ChoiceList] = []
    scales: list[LikertScale] = []
    areas: list[Area] = []
    survey: list[SurveyItem] = Field(min_length=1)
    benefits: list[Benefit] = []
    awareness: AwarenessDesign | None = None
    schemes: list[Scheme] = []
    office: list[OfficeValue] = []
    checks: ContentChecks | None = None
    translations: list[TranslationStatus] = []
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
    def segments(self) -> list[SelectOne | SelectMultiple | IntegerQuestion | Calculate]:
        return [
            q
            for q in self.questions.values()
            if isinstance(q, SelectOne | SelectMultiple | IntegerQuestion | Calculate) and q.segment
        ]

    def choices_of(self, question: QuestionLike) -> ChoiceList | None:
        """The choice list a question's answers come from (a calculated segment's too)."""
        if isinstance(question, Calculate):
            list_id = question.choice_list
        elif isinstance(question, SelectOne | SelectMultiple | Rank):
            list_id = question.choices
        else:
            list_id = None
        return self.choice_list_by_id.get(list_id) if list_id else None

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
