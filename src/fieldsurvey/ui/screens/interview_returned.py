"""An interview sent back by a supervisor (docs/return-files.md): the reviewer's comment at
the top of the reopened draft, and their notes beside the questions they name (not again at
the top, where they only crowded out the comment: the top says how many there are)."""

from __future__ import annotations

from fieldsurvey.engine import Interview
from fieldsurvey.review.notes import split_comment
from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.interface import Store
from fieldsurvey.store.return_records import ReturnedNote
from fieldsurvey.ui.i18n import REVIEW_STATES, tr


def returned_note(store: Store, interview: Interview) -> ReturnedNote | None:
    """The comment received for the revision this draft reopens, if it reopens one."""
    try:
        record = store.get_response(interview.response_id)
        note = store.returned_note(interview.uuid)
    except StoreError:  # the comment is help, not the interview: open it without
        return None
    if record is None or note is None or note.content_hash != record.parent_hash:
        return None
    return note


def returned_heading(note: ReturnedNote, language: str) -> str:
    """Who sent it back, when, and the comment's words about the whole interview; its notes
    on questions are shown beside those questions, so here they are only counted."""
    comment, notes = split_comment(note.comment, note.notes)
    values = {
        "reviewer": note.reviewer or tr("the supervisor", language),
        "date": note.decided_at[:10],
        "state": tr(REVIEW_STATES[note.state], language),
    }
    heading = (
        tr("Sent back by {reviewer} on {date} ({state}): {comment}", language,
           comment=comment, **values)
        if comment else
        tr("Sent back by {reviewer} on {date} ({state}).", language, **values)
    )  # fmt: skip
    if not notes:
        return heading
    beside = tr("Notes beside {count} question(s).", language, count=len(notes))
    return f"{heading}\n{beside}"
