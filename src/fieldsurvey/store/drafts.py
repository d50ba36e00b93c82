"""Drafts that hold nothing: an interview opened and left before its first answer."""

from __future__ import annotations

import sqlite_utils

from fieldsurvey.store.responses import require_transaction


def delete_empty_draft(db: sqlite_utils.Database, response_id: int) -> bool:
    """Delete a new interview's draft (revision 1) that has no answer; its paradata goes with it
    (ON DELETE CASCADE). True when it was deleted; a draft with an answer is kept."""
    require_transaction(db)
    cursor = db.execute(
        "DELETE FROM responses WHERE id = ? AND status = 'draft' AND revision = 1 "
        "AND NOT EXISTS (SELECT 1 FROM answers WHERE response = ?)",
        [response_id, response_id],
    )
    return cursor.rowcount == 1
