"""The compiled form of a questionnaire: pages, parsed expressions, the dependency graph.

Built once per questionnaire object (`plan_for` caches it) and shared by every interview with
it, so that an answer costs only the re-evaluation of what depends on it.

Graph nodes are question ids and container keys (`group:<id>`, `area:<id>`; the colon cannot
occur in an id). A node's value is:
- a container: relevant = its parent container is relevant and its own `relevant` holds;
- a question: relevant = its container is relevant and its own `relevant` holds; its visible
  value is None when not relevant, else its calculation (calculate) or its stored answer.
Edges run from a node to the nodes that read it: a question to the expressions (relevant,
calculation) that reference it, a container to what it directly contains. `order` is a
topological order, so changes propagate in one pass. Constraints and `required` are not
nodes: they are checked on demand (on answer, next and completion) and feed nothing. The
consent question is always required: only an explicit answer may end an interview as refused.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from fieldsurvey.engine.errors import EngineError
from fieldsurvey.questionnaire import Questionnaire, questionnaire_hash
from fieldsurvey.questionnaire.expressions import Expression, ExpressionError, parse
from fieldsurvey.questionnaire.model import Area, Calculate, Container, Group, Note, QuestionLike

PLAN_CACHE_SIZE = 8


@dataclass(frozen=True)
class Page:
    """One screen: a single question or note, or every item of a `field_list` group."""

    index: int
    key: str
    """Id of its first item: what `responses.current_question` stores for a draft."""
    group: Group | None
    questions: tuple[QuestionLike, ...]
    """Notes and questions in order; calculations are never shown."""


@dataclass(frozen=True)
class Plan:
    questionnaire: Questionnaire
    hash: str
    pages: tuple[Page, ...]
    page_of: dict[str, int]
    """Question id -> index of its page (calculations have none)."""
    relevance: dict[str, Expression]
    calculations: dict[str, Expression]
    constraints: dict[str, Expression]
    required: dict[str, bool | Expression]
    parent: dict[str, str]
    dependents: dict[str, tuple[str, ...]]
    order: dict[str, int]
    nodes: tuple[str, ...]
    """Every node, in topological order."""
    answerable: tuple[str, ...]
    """Ids of the questions that take an answer (not notes, not calculations), in order."""
    choice_values: dict[str, tuple[str, ...]]
    """Choice list id -> its values, in order."""


_PLANS: dict[int, Plan] = {}


def plan_for(questionnaire: Questionnaire) -> Plan:
    """The plan of this questionnaire object, built on first use (a few are kept)."""
    plan = _PLANS.get(id(questionnaire))
    if plan is None:
        plan = build_plan(questionnaire)
        if len(_PLANS) >= PLAN_CACHE_SIZE:
            del _PLANS[next(iter(_PLANS))]
        _PLANS[id(questionnaire)] = plan  # the plan holds the object, so the id stays its own
    return plan


def container_key(container: Container) -> str:
    return f"{'area' if isinstance(container, Area) else 'group'}:{container.id}"


def build_plan(questionnaire: Questionnaire) -> Plan:
    walk = questionnaire.walk()
    nodes: list[str] = []
    parent: dict[str, str] = {}
    relevance: dict[str, Expression] = {}
    calculations: dict[str, Expression] = {}
    constraints: dict[str, Expression] = {}
    required: dict[str, bool | Expression] = {}
    seen: set[str] = set()
    for question, containers in walk:
        keys = [container_key(c) for c in containers]
        for depth, (container, key) in enumerate(zip(containers, keys, strict=True)):
            if key not in seen:
                seen.add(key)
                nodes.append(key)
                if depth:
                    parent[key] = keys[depth - 1]
                if container.relevant:
                    relevance[key] = _parse(container.relevant, key, "relevant")
        nodes.append(question.id)
        if keys:
            parent[question.id] = keys[-1]
        if question.relevant:
            relevance[question.id] = _parse(question.relevant, question.id, "relevant")
        if isinstance(question, Calculate):
            calculations[question.id] = _parse(question.calculation, question.id, "calculation")
        elif not isinstance(question, Note):
            if question.constraint and not question.read_only:
                constraints[question.id] = _parse(question.constraint, question.id, "constraint")
            rule = question.required
            parsed = _parse(rule, question.id, "required") if isinstance(rule, str) else rule
            # a read-only question holds its default; nothing can be asked of it
            required[question.id] = False if question.read_only else parsed
    if questionnaire.consent and questionnaire.consent.question in required:
        required[questionnaire.consent.question] = True  # a refusal must be explicit
    edges: dict[str, dict[str, None]] = {node: {} for node in nodes}
    for node, enclosing in parent.items():
        edges[enclosing][node] = None
    for node, expression in [*relevance.items(), *calculations.items()]:
        for name in sorted(expression.references & edges.keys()):
            edges[name][node] = None
    ordered = _topological(nodes, edges)
    order = {node: index for index, node in enumerate(ordered)}
    pages, page_of = _pages(walk)
    return Plan(
        questionnaire=questionnaire,
        hash=questionnaire_hash(questionnaire),
        pages=pages,
        page_of=page_of,
        relevance=relevance,
        calculations=calculations,
        constraints=constraints,
        required=required,
        parent=parent,
        dependents={
            node: tuple(sorted(targets, key=order.__getitem__)) for node, targets in edges.items()
        },
        order=order,
        nodes=tuple(ordered),
        answerable=tuple(required),
        choice_values={
            c.id: tuple(choice.value for choice in c.choices) for c in questionnaire.choice_lists
        },
    )


def _parse(source: str, owner: str, field: str) -> Expression:
    try:
        return parse(source)
    except ExpressionError as exc:
        raise EngineError("bad_questionnaire", f"{owner}.{field}: {exc}") from exc


def _topological(nodes: list[str], edges: dict[str, dict[str, None]]) -> list[str]:
    """Kahn's algorithm, stable in questionnaire order; a cycle is an EngineError."""
    indegree = dict.fromkeys(nodes, 0)
    for targets in edges.values():
        for target in targets:
            indegree[target] += 1
    ready = deque(node for node in nodes if indegree[node] == 0)
    ordered: list[str] = []
    while ready:
        node = ready.popleft()
        ordered.append(node)
        for target in edges[node]:
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    if len(ordered) < len(nodes):
        stuck = ", ".join(node for node in nodes if indegree[node])
        raise EngineError("bad_questionnaire", f"relevance/calculation cycle among: {stuck}")
    return ordered


def _pages(
    walk: list[tuple[QuestionLike, tuple[Container, ...]]],
) -> tuple[tuple[Page, ...], dict[str, int]]:
    """One page per question or note, one per outermost field-list group."""
    drafts: list[tuple[Group | None, list[QuestionLike]]] = []
    for question, containers in walk:
        if isinstance(question, Calculate):
            continue
        group = next((c for c in containers if isinstance(c, Group) and c.field_list), None)
        if group is not None and drafts and drafts[-1][0] is group:
            drafts[-1][1].append(question)
        else:
            drafts.append((group, [question]))
    pages = tuple(
        Page(index, items[0].id, group, tuple(items)) for index, (group, items) in enumerate(drafts)
    )
    page_of = {question.id: page.index for page in pages for question in page.questions}
    return pages, page_of
