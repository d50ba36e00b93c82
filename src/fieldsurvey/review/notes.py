"""Notes about one question in a review comment: lines `question_id: words`.

The review log keeps one comment per decision (hashed into each entry, forwarded between
supervisors, exported to HQ), so a note about a question is part of that comment, in lines
a return file reads back as notes (`question_notes`) and the device shows beside that
question. A reviewer may type such lines; `review --question QID` writes them and first
checks that the question was asked in that interview (a mistyped id, or a question that
did not apply to the respondent, has no place beside a question on the device).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Protocol

from fieldsurvey.review.decide import ReviewError, find_interview
from fieldsurvey.store.interface import Questionnaires, Reviews

NOTE_LINE = re.compile(r"^\s*([A-Za-z_][\w.-]{0,199})\s*:\s*(\S.*?)\s*$")
"""A comment line about one question: `acc_office_near: the office is in town`."""


class NoteTarget(Reviews, Questionnaires, Protocol):
    """An interview's revisions and the questionnaire versions installed beside them."""


def question_notes(comment: str, questions: Collection[str]) -> dict[str, str]:
    """The comment's lines that begin with a question id and a colon, by question."""
    return split_comment(comment, questions)[1]


def split_comment(comment: str, questions: Collection[str]) -> tuple[str, dict[str, str]]:
    """The comment's other lines (what is about the whole interview), and its notes on
    `questions` by question: the device shows each part in its own place."""
    rest: list[str] = []
    notes: dict[str, str] = {}
    for line in comment.splitlines():
        match = NOTE_LINE.match(line)
        if match and match.group(1) in questions:
            question, words = match.groups()
            notes[question] = f"{notes[question]}\n{words}" if question in notes else words
        else:
            rest.append(line)
    return "\n".join(rest).strip(), notes


def about_question(store: NoteTarget, uuid: str, question: str, comment: str) -> str:
    """`comment` as notes on `question` of interview `uuid` (each of its lines becomes
    `question: line`), or ReviewError when there is no comment or the interview's
    questionnaire has no such question. Nothing is written here."""
    lines = [line.strip() for line in comment.splitlines() if line.strip()]
    if not lines:
        raise ReviewError("comment: --question needs a comment to show beside the question")
    asked = _asked(store, uuid)
    if question not in asked:
        raise ReviewError(
            f"--question: {question[:80]!r} was not asked in this interview (not a question "
            "of its questionnaire, or one that does not apply to this respondent), so the "
            "device has no place to show the note; write it in the comment without --question"
        )
    return "\n".join(f"{question}: {line}" for line in lines)


def _asked(store: NoteTarget, uuid: str) -> set[str]:
    """The questions that applied to the respondent in the reviewed revision: those the
    device shows, where a note can stand beside its question."""
    from fieldsurvey.engine.plan import plan_for
    from fieldsurvey.engine.state import FormState
    from fieldsurvey.store.questionnaires import load_installed  # YAML: only when asked

    target = find_interview(store, uuid)
    record = next(r for r in store.revisions(target.uuid) if r.content_hash == target.content_hash)
    questionnaire = load_installed(store, record.questionnaire_hash)
    if questionnaire is None:
        raise ReviewError(
            f"interview {target.uuid} was made with questionnaire {record.questionnaire_id} "
            f"{record.questionnaire_version}, which is not installed here: its questions are "
            "unknown, so a note cannot be placed (install it with questionnaire publish)"
        )
    plan = plan_for(questionnaire)
    state = FormState(plan, store.load_answers(record.id))
    return {q for q in plan.answerable if state.is_relevant(q)}
