"""Which page comes next: pure functions over a `FormState`, no storage.

A page is shown when at least one of its items (question or note) is relevant. Index
`len(plan.pages)` stands for the end of the form (the review screen).
"""

from __future__ import annotations

from fieldsurvey.engine.plan import Page
from fieldsurvey.engine.state import FormState
from fieldsurvey.questionnaire.model import QuestionLike


def visible_items(state: FormState, page: Page) -> list[QuestionLike]:
    return [item for item in page.questions if state.is_relevant(item.id)]


def is_shown(state: FormState, index: int) -> bool:
    return any(state.is_relevant(item.id) for item in state.plan.pages[index].questions)


def next_page(state: FormState, index: int) -> int:
    """The first shown page after `index`, or the end (`len(pages)`)."""
    pages = state.plan.pages
    for candidate in range(index + 1, len(pages)):
        if is_shown(state, candidate):
            return candidate
    return len(pages)


def previous_page(state: FormState, index: int) -> int | None:
    """The last shown page before `index`, or None at the first one."""
    for candidate in range(index - 1, -1, -1):
        if is_shown(state, candidate):
            return candidate
    return None


def resume_page(state: FormState, question: str | None) -> int:
    """Where a draft saved at `question` resumes: its page, the next shown one, or the end."""
    index = state.plan.page_of.get(question) if question else None
    if index is None:
        return len(state.plan.pages)
    return index if is_shown(state, index) else next_page(state, index)
