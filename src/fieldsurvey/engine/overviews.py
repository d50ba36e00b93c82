"""Drafts as their interviews count them, for Home's list, read without opening them.

A device that received a return file may hold dozens of drafts, often on an older
questionnaire version than the current one. Home read each one by itself: a query for the
record, one for its answers, and the YAML of its version parsed and checked again for every
draft not on the current version (most of a second for 50 reopened drafts,
bench/bench_returns.py --startup). Here the answers of every draft come in one query
(`DraftContents.draft_contents`) and each version is loaded and planned once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from fieldsurvey.engine.interview import Progress, progress_of
from fieldsurvey.engine.plan import Plan, plan_for
from fieldsurvey.engine.state import FormState
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.expressions import Value
from fieldsurvey.store.records import DraftContent


@dataclass(frozen=True)
class DraftOverview:
    """A draft as the interview would show it, read without opening it (no paradata)."""

    progress: Progress
    answers: dict[str, Value]
    """Answers to questions that apply, by question id."""


def draft_overviews(
    drafts: Sequence[DraftContent],
    known: Iterable[Questionnaire],
    installed: Callable[[str], Questionnaire | None],
) -> dict[int, DraftOverview | None]:
    """Each draft's overview by response id; None when its version is neither at hand
    (`known`, matched by hash) nor installed (`installed(hash)`, asked once per version)."""
    plans: dict[str, Plan | None] = {plan.hash: plan for plan in map(plan_for, known)}
    overviews: dict[int, DraftOverview | None] = {}
    for draft in drafts:
        digest = draft.questionnaire_hash
        if digest not in plans:
            questionnaire = installed(digest)
            plans[digest] = plan_for(questionnaire) if questionnaire is not None else None
        plan = plans[digest]
        overviews[draft.id] = None if plan is None else _overview(plan, draft.answers)
    return overviews


def _overview(plan: Plan, stored: dict[str, Value]) -> DraftOverview:
    """Progress and answers counted as the interview's header counts them."""
    state = FormState(plan, stored)
    answers = {q: state.value(q) for q in plan.answerable if state.value(q) is not None}
    return DraftOverview(progress_of(plan, state), answers)
