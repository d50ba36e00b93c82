"""The variables of the wide table: one per response field, answer, choice and area score.

Built once from the questionnaire versions of the exported responses (the one given first,
then questions only older versions asked), so every writer, the codebook and the readers in
the tests share one description of each column: its name, type, labels in every language,
value codes and where it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import (
    Calculate,
    DateQuestion,
    DecimalQuestion,
    IntegerQuestion,
    LikertItem,
    Note,
    QuestionLike,
    Rank,
    SelectMultiple,
    SelectOne,
    Text,
)

Kind = Literal["int", "float", "text", "date", "datetime"]
Source = Literal[
    "response",
    "answer",
    "select_one",
    "likert",
    "choice",
    "rank",
    "score",
    "calculated",
    "review",
    "quality",
]

DK_CODE = 99
"""The code of a Likert "don't know / not applicable" answer in every format."""


@dataclass(frozen=True)
class ValueLabel:
    code: int
    value: str
    label: Text


@dataclass(frozen=True)
class Variable:
    """One column of the wide table."""

    name: str
    kind: Kind
    label: Text
    source: Source
    question: str | None = None
    choice: str | None = None
    values: tuple[ValueLabel, ...] = ()
    """Value codes and labels: Likert points (and DK), or a select_one's choices (coded
    1..n in list order in SPSS and Stata, where the variable holds the code)."""
    relevant: str | None = None
    area: str | None = None
    reverse: bool | None = None
    weight: float | None = None
    dk_value: str | None = None
    """A Likert item's DK choice value, stored as `DK_CODE`."""

    @property
    def coded(self) -> bool:
        """A select_one or the review state: text values in CSV, XLSX and Parquet, numeric
        codes in SPSS/Stata."""
        return self.source in ("select_one", "review")


@dataclass
class _Builder:
    taken: set[str] = field(default_factory=set)
    out: list[Variable] = field(default_factory=list)

    def add(self, variable: Variable) -> None:
        """Add under a unique name: a question named like a fixed column gets a `q_` prefix,
        any other clash a numeric suffix (never a silent duplicate)."""
        name = variable.name
        if name in self.taken and variable.source != "response":
            name = f"q_{name}"
        base, number = name, 2
        while name in self.taken:
            name, number = f"{base}_{number}", number + 1
        self.taken.add(name)
        self.out.append(variable if name == variable.name else _renamed(variable, name))


def _renamed(variable: Variable, name: str) -> Variable:
    return replace(variable, name=name)


def build_variables(
    fixed: Sequence[Variable],
    questionnaires: Sequence[Questionnaire],
    calculated_kinds: dict[str, Kind],
) -> list[Variable]:
    """The wide table's variables: the `fixed` ones (response fields, columns.py), every
    question of the first questionnaire (then those only older versions have), then one score
    per area.

    `calculated_kinds`: the column type of each calculate, from the stored values.
    """
    builder = _Builder()
    for variable in fixed:
        builder.add(variable)
    seen: set[str] = set()
    for questionnaire in questionnaires:
        for question, parents in questionnaire.walk():
            if question.id in seen or isinstance(question, Note):
                continue
            seen.add(question.id)
            area = next((p.id for p in parents if p.id in questionnaire.area_by_id), None)
            for variable in _question_variables(questionnaire, question, area, calculated_kinds):
                builder.add(variable)
    first = questionnaires[0]
    for scored in first.areas:
        label = {lang: f"{text} (0-100)" for lang, text in scored.label.items()}
        builder.add(Variable(f"score_{scored.id}", "float", label, "score", area=scored.id))
    return builder.out


def _question_variables(
    questionnaire: Questionnaire,
    question: QuestionLike,
    area: str | None,
    calculated_kinds: dict[str, Kind],
) -> list[Variable]:
    """The question's own column, and for select_multiple and rank one column per choice."""
    relevant = getattr(question, "relevant", None)
    if isinstance(question, Calculate):
        kind = calculated_kinds.get(question.id, "text")
        label = {lang: question.id for lang in questionnaire.languages}
        return [Variable(question.id, kind, label, "calculated", question.id, relevant=relevant)]
    assert not isinstance(question, Note)
    qid, label = question.id, question.label
    if isinstance(question, LikertItem):
        scale = questionnaire.scale_by_id[question.scale]
        points = tuple(ValueLabel(p.value, str(p.value), p.label) for p in scale.points)
        dk = ValueLabel(DK_CODE, scale.dk.value, scale.dk.label)
        return [
            Variable(qid, "int", label, "likert", qid, values=(*points, dk), relevant=relevant,
                     area=area, reverse=question.reverse, weight=question.weight,
                     dk_value=scale.dk.value)
        ]  # fmt: skip
    if isinstance(question, SelectOne | SelectMultiple | Rank):
        choices = questionnaire.choice_list_by_id[question.choices].choices
        values = tuple(ValueLabel(i, c.value, c.label) for i, c in enumerate(choices, 1))
        if isinstance(question, SelectOne):
            return [
                Variable(qid, "text", label, "select_one", qid, values=values, relevant=relevant)
            ]
        per_choice: Literal["choice", "rank"] = (
            "choice" if isinstance(question, SelectMultiple) else "rank"
        )
        plain = Variable(qid, "text", label, "answer", qid, values=values, relevant=relevant)
        return [plain, *(_choice_variable(question, c, per_choice) for c in values)]
    return [Variable(qid, _kind(question), label, "answer", qid, relevant=relevant)]


def _choice_variable(
    question: SelectMultiple | Rank, choice: ValueLabel, source: Literal["choice", "rank"]
) -> Variable:
    """A 0/1 column (select_multiple) or the rank given (rank) for one choice."""
    label = {
        lang: f"{text}: {choice.label.get(lang) or next(iter(choice.label.values()))}"
        for lang, text in question.label.items()
    }
    name = f"{question.id}_{choice.value.replace('-', '_')}"
    return Variable(name, "int", label, source, question.id, choice.value)


def _kind(question: QuestionLike) -> Kind:
    if isinstance(question, IntegerQuestion):
        return "int"
    if isinstance(question, DecimalQuestion):
        return "float"
    if isinstance(question, DateQuestion):
        return "date"
    return "text"


def calculated_kind(json_types: set[str]) -> Kind:
    """A calculate's column type from the JSON types of its stored values."""
    if json_types <= {"integer", "null"}:
        return "int"
    if json_types <= {"integer", "real", "null"}:
        return "float"
    return "text"
