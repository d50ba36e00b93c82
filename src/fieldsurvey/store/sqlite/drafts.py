"""Drafts that hold nothing: an interview opened and left before its first answer."""

from __future__ import annotations

from fieldsurvey.store.sqlite.base import SQLiteBase


class DraftsMixin(SQLiteBase):
    def discard_empty_draft(self, response_id: int) -> bool:
        """Delete revision 1 of a draft with no answer (its paradata cascades); a draft with an
        answer, or a revision, is kept. True when deleted. In a unit."""
        cursor = self.require_unit().execute(
            "DELETE FROM responses WHERE id = ? AND status = 'draft' AND revision = 1 "
            "AND NOT EXISTS (SELECT 1 FROM answers WHERE response = ?)",
            [response_id, response_id],
        )
        return cursor.rowcount == 1
