"""Rules that need the whole questionnaire: ids, references, expressions, languages, bank.

Each rule family is one function yielding `Finding`s (a path, a code and its values), so the
loader can report every problem at once with its line. Field-level rules are in `model.py`.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Generator, Iterator
from typing import Any

from pydantic import BaseModel

from fieldsurvey.questionnaire.expressions import Expression, ExpressionError, parse
from fieldsurvey.questionnaire.model import (
    Area,
    AreaBlock,
    Calculate,
    DateQuestion,
    DecimalQuestion,
    Group,
    IntegerQuestion,
    LikertItem,
    Questionnaire,
    Rank,
    SelectMultiple,
    SelectOne,
    TextQuestion,
)
from fieldsurvey.questionnaire.problems import Code, Finding, Path, format_path
from fieldsurvey.questionnaire.references import check_references


def check(q: Questionnaire) -> list[Finding]:
    """Every cross-reference problem in `q`, in document order of the rule families."""
    located = list(_located_items(q))
    findings: list[Finding] = []
    for rule in (_ids, _languages, _choices_and_scales, _areas_placed, _defaults):
        findings.extend(rule(q, located))
    findings.extend(check_references(q))
    findings.extend(_expressions(q, located))
    return findings


def _located_items(q: Questionnaire) -> Iterator[tuple[Path, Any]]:
    """Every survey item, group and area item with its path in the document."""

    def visit(items: list[Any], path: Path) -> Iterator[tuple[Path, Any]]:
        for index, item in enumerate(items):
            here = (*path, index)
            yield here, item
            if isinstance(item, Group):
                yield from visit(item.items, (*here, "items"))

    yield from visit(q.survey, ("survey",))
    for a_index, area in enumerate(q.areas):
        yield ("areas", a_index), area
        yield from visit(area.items, ("areas", a_index, "items"))


def _ids(q: Questionnaire, located: list[tuple[Path, Any]]) -> Iterator[Finding]:
    """Question and group ids share one namespace; other families each have their own."""
    seen: dict[str, Path] = {}
    for path, item in located:
        if isinstance(item, AreaBlock | Area):
            continue
        if item.id in seen:
            first = format_path(seen[item.id])
            yield Finding((*path, "id"), Code.DUPLICATE_ID, _dup("question", item.id, first))
        else:
            seen[item.id] = path
    families: list[tuple[str, str, list[Any]]] = [
        ("area", "areas", q.areas),
        ("persona", "personas", q.personas),
        ("choice list", "choice_lists", q.choice_lists),
        ("scale", "scales", q.scales),
        ("benefit", "benefits", q.benefits),
        ("message", "messages", q.messages),
        ("indicator", "indicators", q.indicators),
        ("ratio", "ratios", q.ratios),
    ]
    for kind, key, items in families:
        first_at: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in first_at:
                first = format_path((key, first_at[item.id]))
                yield Finding((key, index, "id"), Code.DUPLICATE_ID, _dup(kind, item.id, first))
            first_at.setdefault(item.id, index)


def _dup(kind: str, value: str, first: str) -> dict[str, Any]:
    return {"kind": kind, "value": value, "first": first}


def _languages(q: Questionnaire, located: list[tuple[Path, Any]]) -> Iterator[Finding]:
    """Every text has every declared language and no other."""
    declared = list(q.languages)
    names = ", ".join(declared)
    if q.default_language not in declared:
        values = {"value": q.default_language, "declared": names}
        yield Finding(("default_language",), Code.DEFAULT_LANGUAGE, values)
    for path, text in _texts(q, ()):
        for lang in declared:
            if not text.get(lang, "").strip():
                yield Finding(path, Code.MISSING_LANGUAGE, {"lang": lang, "declared": names})
        for lang in text:
            if lang not in declared:
                yield Finding(path, Code.UNDECLARED_LANGUAGE, {"lang": lang, "declared": names})


def _texts(node: Any, path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """Every multilingual text in the model (the only dict-valued fields are texts)."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _texts(getattr(node, name), (*path, name))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _texts(child, (*path, index))
    elif isinstance(node, dict):
        yield path, node


def _choices_and_scales(q: Questionnaire, located: list[tuple[Path, Any]]) -> Iterator[Finding]:
    for index, choice_list in enumerate(q.choice_lists):
        counts = Counter(choice.value for choice in choice_list.choices)
        for c_index, choice in enumerate(choice_list.choices):
            if counts[choice.value] > 1:
                counts[choice.value] = 0  # report each duplicate once
                values: dict[str, object] = {"value": choice.value, "list_id": choice_list.id}
                path: Path = ("choice_lists", index, "choices", c_index, "value")
                yield Finding(path, Code.DUPLICATE_CHOICE, values)
    for index, scale in enumerate(q.scales):
        found = [point.value for point in scale.points]
        if found != list(range(1, len(found) + 1)):
            values = {"size": len(found), "found": found}
            yield Finding(("scales", index, "points"), Code.BROKEN_SCALE, values)
        for key, off_scale in zip(("dk", "na"), scale.off_scale, strict=False):
            if off_scale.value.isdigit():
                place = ("scales", index, key, "value")
                yield Finding(place, Code.SCALE_DK_CLASH, {"value": off_scale.value})
    for path, item in located:
        if isinstance(item, Calculate) and item.segment and item.choice_list is None:
            yield Finding(path, Code.SEGMENT_WITHOUT_CHOICES, {"qid": item.id})
        if isinstance(item, Calculate) and item.choice_list:
            if item.choice_list not in q.choice_list_by_id:
                values = {"value": item.choice_list}
                yield Finding((*path, "choice_list"), Code.UNKNOWN_CHOICE_LIST, values)
        elif isinstance(item, SelectOne | SelectMultiple | Rank):
            if item.choices not in q.choice_list_by_id:
                values = {"value": item.choices}
                yield Finding((*path, "choices"), Code.UNKNOWN_CHOICE_LIST, values)
        elif isinstance(item, LikertItem) and item.scale not in q.scale_by_id:
            yield Finding((*path, "scale"), Code.UNKNOWN_SCALE, {"value": item.scale})


def _areas_placed(q: Questionnaire, located: list[tuple[Path, Any]]) -> Iterator[Finding]:
    placed = Counter(item.area for _, item in located if isinstance(item, AreaBlock))
    area_ids = ", ".join(q.area_by_id)
    for path, item in located:
        if isinstance(item, AreaBlock) and item.area not in q.area_by_id:
            values: dict[str, object] = {"value": item.area, "expected": area_ids}
            yield Finding((*path, "area"), Code.UNKNOWN_AREA, values)
    for index, area in enumerate(q.areas):
        if placed[area.id] != 1:
            values = {"value": area.id, "count": placed[area.id]}
            yield Finding(("areas", index), Code.AREA_PLACEMENT, values)


DEFAULT_FORMS: dict[type, tuple[re.Pattern[str], str]] = {
    IntegerQuestion: (re.compile(r"[+-]?[0-9]{1,15}"), "a whole number"),
    DecimalQuestion: (re.compile(r"[+-]?(?:[0-9]{1,15}(?:\.[0-9]*)?|\.[0-9]+)"), "a number"),
    DateQuestion: (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), "a date (YYYY-MM-DD)"),
}
"""Typed defaults, as the engine takes a typed answer (numbers kept exact in JSON)."""


def _defaults(q: Questionnaire, located: list[tuple[Path, Any]]) -> Iterator[Finding]:
    """Each `default` is an answer its question takes (the engine stores it at the start)."""
    for path, item in located:
        default = getattr(item, "default", None)
        if default is not None and (expected := _default_expected(q, item, default)):
            values = {"value": default, "expected": expected}
            yield Finding((*path, "default"), Code.BAD_DEFAULT, values)


def _default_expected(q: Questionnaire, item: Any, value: str) -> str | None:
    """What `value` should be for `item`, or None when it is a valid answer."""
    if isinstance(item, LikertItem):
        scale = q.scale_by_id.get(item.scale)
        points = [str(p.value) for p in scale.points] + [scale.dk.value] if scale else []
        return None if value in points else f"one of {', '.join(points)}"
    if isinstance(item, SelectOne | SelectMultiple | Rank):
        choice_list = q.choice_list_by_id.get(item.choices)
        known = [c.value for c in choice_list.choices] if choice_list else []
        words = value.split()
        fits = {
            SelectOne: len(words) == 1 and value in known,
            SelectMultiple: bool(words) and set(words) <= set(known),
            Rank: sorted(words) == sorted(known),
        }[type(item)]
        return None if fits else f"made of the choice values of {item.choices!r}"
    if isinstance(item, TextQuestion):
        fits = len(value) <= item.max_length
        return None if fits else f"at most {item.max_length} characters"
    pattern, expected = DEFAULT_FORMS.get(type(item), (None, ""))
    if pattern is not None and not pattern.fullmatch(value):
        return expected
    if isinstance(item, DateQuestion):
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return expected
    return None


def _expressions(q: Questionnaire, located: list[tuple[Path, Any]]) -> Iterator[Finding]:
    """Parse every expression; check references, '.' placement and dependency cycles."""
    known = set(q.questions)
    parsed: dict[tuple[str, str], tuple[frozenset[str], Path]] = {}
    for path, item in located:
        for field in ("relevant", "constraint", "required", "calculation"):
            source = getattr(item, field, None)
            if not isinstance(source, str):
                continue
            expr = yield from _parse_one((*path, field), source)
            if expr is None:
                continue
            for name in sorted(expr.references - known):
                values = {"name": name, "source": source}
                yield Finding((*path, field), Code.UNKNOWN_REFERENCE, values)
            if expr.uses_current and field != "constraint":
                yield Finding((*path, field), Code.CURRENT_OUTSIDE_CONSTRAINT, {"source": source})
            item_id = getattr(item, "id", None)
            if field in ("relevant", "calculation") and item_id in expr.references:
                values = {"field": field, "qid": item_id}
                yield Finding((*path, field), Code.SELF_REFERENCE, values)
            if field in ("relevant", "calculation") and item_id is not None:
                parsed[(item_id, field)] = (expr.references, (*path, field))
    yield from _cycles(q, parsed)


def _dependencies(
    q: Questionnaire, parsed: dict[tuple[str, str], tuple[frozenset[str], Path]]
) -> tuple[dict[str, set[str]], dict[str, Path]]:
    """Question -> the questions its relevance or value reads, enclosing groups included.

    A question's own direct self-reference is left out: SELF_REFERENCE reports it already.
    """
    refs: dict[str, set[str]] = {}
    paths: dict[str, Path] = {}
    for question, parents in q.walk():
        reads: set[str] = set()
        for field in ("calculation", "relevant"):
            own, path = parsed.get((question.id, field), (frozenset(), None))
            reads |= own - {question.id}
            if path is not None:
                paths.setdefault(question.id, path)
        for parent in parents:
            reads |= parsed.get((parent.id, "relevant"), (frozenset(), None))[0]
        refs[question.id] = reads
    return refs, paths


def _parse_one(path: Path, source: str) -> Generator[Finding, None, Expression | None]:
    try:
        return parse(source)
    except ExpressionError as exc:
        yield Finding(path, Code.EXPRESSION_SYNTAX, {"detail": str(exc), "source": source})
        return None


def _cycles(
    q: Questionnaire, parsed: dict[tuple[str, str], tuple[frozenset[str], Path]]
) -> Iterator[Finding]:
    """Depth-first search over dependencies; each cycle is reported once, where it closes."""
    refs, paths = _dependencies(q, parsed)
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(node: str) -> Iterator[Finding]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(refs.get(node, set()) & refs.keys()):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                text = " -> ".join(f"${{{name}}}" for name in cycle)
                calculations = all(isinstance(q.questions[n], Calculate) for n in cycle)
                code = Code.CALCULATION_CYCLE if calculations else Code.RELEVANCE_CYCLE
                path = paths.get(nxt) or paths.get(node, ())
                yield Finding(path, code, {"cycle": text})
            elif nxt not in state:
                yield from visit(nxt)
        stack.pop()
        state[node] = 2

    for node in refs:
        if node not in state:
            yield from visit(node)
