"""Reviewers who disagree, side by side, and a held review decision, for the Conflicts screen.

Both render as Rich tables like the versions of an interview (conflict_versions.py): every
value from data (names, comments, device ids) as plain text, never markup; only bold is used.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from fieldsurvey.review.words import reviewer_words
from fieldsurvey.safetext import terminal_text
from fieldsurvey.sync.review_conflicts import HeldDecision, ReviewConflict, ReviewDecision
from fieldsurvey.ui.i18n import N_, REVIEW_STATES
from fieldsurvey.ui.widgets.conflict_versions import Stamp, Translate, letter

HELD_WHY = N_(
    "Signed by device {device}, whose key is not trusted here to review. "
    "Not applied; `fieldsurvey devices trust {short}` applies it."
)


def state_word(state: str, t: Translate) -> str:
    return t(REVIEW_STATES.get(state, state))


def review_line(item: ReviewConflict | HeldDecision, t: Translate) -> str:
    """The queue's line for reviewers who disagree, or for a held decision."""
    if isinstance(item, ReviewConflict):
        states = " / ".join(state_word(d.state, t) for d in item.decisions)
        return t("{uuid}  reviewers disagree: {states}", uuid=item.uuid[:8], states=states)
    return t(
        "{uuid}  held review decision: {state} by {reviewer}",
        uuid=item.uuid[:8],
        state=state_word(item.state, t),
        reviewer=reviewer_words(item.reviewer, item.device_id, t),
    )


def keep_decision_words(
    conflict: ReviewConflict, index: int, name: str, t: Translate
) -> tuple[str, str]:
    """The confirmation question for keeping one decision, and the notice once kept."""
    decision, uuid = conflict.decisions[index], terminal_text(conflict.uuid[:8])
    question = t(
        "Keep decision {letter} ({state} by {reviewer}) on interview {uuid}? It is "
        "recorded again as yours; every decision stays in the log.",
        letter=name,
        state=state_word(decision.state, t),
        reviewer=terminal_text(reviewer_words(decision.reviewer, decision.device_id, t)),
        uuid=uuid,
    )
    return question, t("Kept decision {letter} on interview {uuid}.", letter=name, uuid=uuid)


def review_conflict_table(conflict: ReviewConflict, t: Translate, stamp: Stamp) -> Table:
    """The disagreeing decisions as columns A, B…; which one counts meanwhile is said below."""
    table = _table()
    for index, _ in enumerate(conflict.decisions):
        table.add_column(t("Decision {letter}", letter=letter(index)), ratio=2, overflow="fold")
    for label, cells in _facts(conflict.decisions, t, stamp):
        table.add_row(label, *map(_text, cells))
    counted = t(
        "Counted meanwhile: {state} (the newest). Keep one to resolve it.",
        state=state_word(conflict.state, t),
    )
    table.add_row("", Text(counted, style="bold"))
    return table


def held_table(held: HeldDecision, t: Translate, stamp: Stamp) -> Table:
    table = _table()
    table.add_column(t("Held decision"), ratio=4, overflow="fold")
    for label, [cell] in _facts([held], t, stamp):
        table.add_row(label, _text(cell))
    why = t(HELD_WHY, device=held.signer[:8], short=held.signer[:8])
    table.add_row(t("Why held"), _text(why))
    return table


def _table() -> Table:
    table = Table(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 1))
    table.add_column("", ratio=1, style="bold", overflow="fold")
    return table


def _facts(
    decisions: list[ReviewDecision] | list[HeldDecision], t: Translate, stamp: Stamp
) -> list[tuple[str, list[str]]]:
    return [
        (t("Decision"), [state_word(d.state, t) for d in decisions]),
        (t("Reviewer"), [d.reviewer or "—" for d in decisions]),
        (t("Device"), [d.device_id[:8] for d in decisions]),
        (t("Decided"), [stamp(d.decided_at) for d in decisions]),
        (t("Revision"), [(d.content_hash or "—")[:8] for d in decisions]),
        (t("Comment"), [d.comment or "—" for d in decisions]),
    ]


def _text(value: str) -> Text:
    """Data as plain text: `[bold]` in a comment is shown as typed, an ESC escaped."""
    return Text(terminal_text(value, multiline=True))
