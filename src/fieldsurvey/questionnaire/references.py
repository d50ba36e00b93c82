"""References between the parts of a questionnaire that are not expressions.

Message triggers must name a real area or benefit and real personas; the persona question's
choices must be the personas; benefits, scoring and consent must point at questions of the
right type; ratios must divide known indicators.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from fieldsurvey.questionnaire.model import (
    Indicator,
    Note,
    Questionnaire,
    Ratio,
    SelectMultiple,
    SelectOne,
)
from fieldsurvey.questionnaire.problems import Code, Finding, Path


def check_references(q: Questionnaire) -> Iterator[Finding]:
    yield from _messages(q)
    yield from _persona_question(q)
    yield from _benefits(q)
    yield from _scoring(q)
    yield from _indicators(q)
    yield from _consent(q)
    yield from _self_completion(q)
    yield from _awareness(q)


def _messages(q: Questionnaire) -> Iterator[Finding]:
    area_ids = ", ".join(q.area_by_id)
    benefit_ids = {b.id for b in q.benefits}
    persona_ids = {p.id for p in q.personas}
    for index, message in enumerate(q.messages):
        path: Path = ("messages", index, "trigger")
        trigger = message.trigger
        if (trigger.area is None) == (trigger.benefit is None):
            yield Finding(path, Code.TRIGGER_TARGET, {})
        if trigger.area is not None and trigger.area not in q.area_by_id:
            values: dict[str, object] = {"value": trigger.area, "expected": area_ids}
            yield Finding((*path, "area"), Code.UNKNOWN_AREA, values)
        if trigger.benefit is not None and trigger.benefit not in benefit_ids:
            values = {"value": trigger.benefit, "expected": ", ".join(sorted(benefit_ids))}
            yield Finding((*path, "benefit"), Code.UNKNOWN_BENEFIT, values)
        if trigger.score_min > trigger.score_max:
            values = {"low": trigger.score_min, "high": trigger.score_max}
            yield Finding(path, Code.TRIGGER_BAND, values)
        for p_index, persona in enumerate(message.personas):
            if persona not in persona_ids:
                values = {"value": persona, "expected": ", ".join(sorted(persona_ids))}
                yield Finding(
                    ("messages", index, "personas", p_index), Code.UNKNOWN_PERSONA, values
                )


def _persona_question(q: Questionnaire) -> Iterator[Finding]:
    question = q.persona_question
    if question is None or question.choices not in q.choice_list_by_id:
        return
    values = {c.value for c in q.choice_list_by_id[question.choices].choices}
    personas = {p.id for p in q.personas}
    if values != personas:
        missing = sorted(personas - values)
        extra = sorted(values - personas)
        detail = f"missing {missing}, not personas {extra}"
        path = ("choice_lists", _list_index(q, question.choices))
        yield Finding(path, Code.PERSONA_CHOICES, {"detail": detail})


def _benefits(q: Questionnaire) -> Iterator[Finding]:
    for index, benefit in enumerate(q.benefits):
        path: Path = ("benefits", index, "question")
        yield from _select_one_with(q, path, benefit.question, benefit.yes)


def _scoring(q: Questionnaire) -> Iterator[Finding]:
    if q.scoring is None:
        return
    for field in ("overall", "trust", "most_important_area"):
        qid = getattr(q.scoring, field)
        if qid is not None and qid not in q.questions:
            yield Finding(("scoring", field), Code.UNKNOWN_QUESTION, {"value": qid})
    important = q.questions.get(q.scoring.most_important_area or "")
    if isinstance(important, SelectOne) and important.choices in q.choice_list_by_id:
        area_ids = ", ".join(q.area_by_id)
        choice_list = q.choice_list_by_id[important.choices]
        for c_index, choice in enumerate(choice_list.choices):
            if choice.value not in q.area_by_id and choice.value != q.scoring.dont_know:
                path = ("choice_lists", _list_index(q, choice_list.id), "choices", c_index)
                values = {"value": choice.value, "expected": area_ids}
                yield Finding((*path, "value"), Code.UNKNOWN_AREA, values)


def _indicators(q: Questionnaire) -> Iterator[Finding]:
    area_ids = ", ".join(q.area_by_id)
    indicator_ids = {i.id for i in q.indicators}
    placed: tuple[tuple[str, Sequence[Indicator | Ratio]], ...] = (
        ("indicators", q.indicators),
        ("ratios", q.ratios),
    )
    for key, items in placed:
        for index, item in enumerate(items):
            if item.area not in q.area_by_id:
                values = {"value": item.area, "expected": area_ids}
                yield Finding((key, index, "area"), Code.UNKNOWN_AREA, values)
    for index, ratio in enumerate(q.ratios):
        for field in ("numerator", "denominator"):
            value = getattr(ratio, field)
            if value not in indicator_ids:
                values = {"value": value, "expected": ", ".join(sorted(indicator_ids))}
                yield Finding(("ratios", index, field), Code.UNKNOWN_INDICATOR, values)


def _consent(q: Questionnaire) -> Iterator[Finding]:
    if q.consent is None:
        return
    yield from _select_one_with(q, ("consent", "question"), q.consent.question, q.consent.accept)
    for part, qid in q.consent.script.parts().items():
        if not isinstance(q.questions.get(qid), Note):
            values = {"part": part, "value": qid}
            yield Finding(("consent", "script", part), Code.CONSENT_SCRIPT_ITEM, values)


def _self_completion(q: Questionnaire) -> Iterator[Finding]:
    design = q.self_completion
    if design is not None:
        yield from _select_one_with(
            q, ("self_completion", "question"), design.question, design.value
        )


def _awareness(q: Questionnaire) -> Iterator[Finding]:
    """Schemes pay known, real benefits; the scheme question offers exactly the schemes; the
    recall question is a select_multiple offering every benefit's recall code."""
    real = {b.id for b in q.benefits if not b.decoy}
    for s_index, scheme in enumerate(q.schemes):
        for b_index, benefit in enumerate(scheme.benefits):
            if benefit not in real:
                path: Path = ("schemes", s_index, "benefits", b_index)
                values = {"scheme": scheme.id, "value": benefit}
                yield Finding(path, Code.UNKNOWN_SCHEME_BENEFIT, values)
    design = q.awareness
    if design is None:
        return
    if design.scheme_question is not None:
        yield from _scheme_question(q, design.scheme_question, {s.id for s in q.schemes})
    if design.recall_question is not None:
        yield from _recall_question(q, design.recall_question)


def _scheme_question(q: Questionnaire, qid: str, schemes: set[str]) -> Iterator[Finding]:
    path: Path = ("awareness", "scheme_question")
    question = q.questions.get(qid)
    if not isinstance(question, SelectOne):
        found = question.type if question else "missing"
        yield Finding(path, Code.WRONG_QUESTION_TYPE, _wrong(qid, "select_one", found))
    elif question.choices in q.choice_list_by_id:
        values = {c.value for c in q.choice_list_by_id[question.choices].choices}
        if values != schemes:
            detail = f"missing {sorted(schemes - values)}, not schemes {sorted(values - schemes)}"
            yield Finding(path, Code.SCHEME_CHOICES, {"detail": detail})


def _recall_question(q: Questionnaire, qid: str) -> Iterator[Finding]:
    question = q.questions.get(qid)
    if not isinstance(question, SelectMultiple):
        found = question.type if question else "missing"
        path: Path = ("awareness", "recall_question")
        yield Finding(path, Code.WRONG_QUESTION_TYPE, _wrong(qid, "select_multiple", found))
        return
    choice_list = q.choice_list_by_id.get(question.choices)
    codes = {c.value for c in choice_list.choices} if choice_list else set()
    for index, benefit in enumerate(q.benefits):
        if benefit.recall is not None and choice_list and benefit.recall not in codes:
            values = {"qid": qid, "value": benefit.recall}
            yield Finding(("benefits", index, "recall"), Code.MISSING_CHOICE_VALUE, values)


def _wrong(qid: str, expected: str, found: str) -> dict[str, object]:
    return {"value": qid, "expected": expected, "found": found}


def _select_one_with(q: Questionnaire, path: Path, qid: str, value: str) -> Iterator[Finding]:
    """`qid` must be a select_one question whose list has the choice `value`."""
    question = q.questions.get(qid)
    if question is None:
        yield Finding(path, Code.UNKNOWN_QUESTION, {"value": qid})
    elif not isinstance(question, SelectOne):
        values = {"value": qid, "expected": "select_one", "found": question.type}
        yield Finding(path, Code.WRONG_QUESTION_TYPE, values)
    elif question.choices in q.choice_list_by_id:
        choices = {c.value for c in q.choice_list_by_id[question.choices].choices}
        if value not in choices:
            yield Finding(path, Code.MISSING_CHOICE_VALUE, {"qid": qid, "value": value})


def _list_index(q: Questionnaire, list_id: str) -> int:
    return next(i for i, c in enumerate(q.choice_lists) if c.id == list_id)
